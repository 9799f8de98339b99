import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asText, defaultConfig, inputKeys, JoinedRecords, match } from '../../matching/index.js';
import { readInputs } from '../../matching/inputs.js';
import { readInputsPooled } from '../../matching/read-pool.js';
import { preparePooled } from '../../matching/normalise-pool.js';
import { prepare } from '../../matching/columns.js';
import { corpus } from '../../src/generate/corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'recoupe-read-pool-'));
const config = defaultConfig();

/** Rows reduced to the keys matching reads, each as the text matching reads ('' when absent), for comparison. */
const slim = (rows: Record<string, unknown>[], keys: string[]) =>
  rows.map((r) => Object.fromEntries(keys.map((k) => [k, asText(r[k])])));

describe('reading JSON Lines on worker threads', () => {
  it('gives the rows, input indexes and error rows of the sequential reader, in order', async () => {
    const rows = [...corpus({ entities: 300, seed: 4 })].flatMap((item) => item.records.map((r) => r.structure));
    expect(rows.length).toBeGreaterThan(300);
    const lines = rows.map((r) => JSON.stringify(r));
    // a byte-order mark, CRLF endings, blank lines, malformed JSON, a non-object, bytes that are not UTF-8
    const a = Buffer.concat([
      Buffer.from('\ufeff' + lines.slice(0, 100).join('\r\n') + '\r\n\r\n{"id": broken\n[1,2]\n'),
      Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]),
      Buffer.from(lines.slice(100, 250).join('\n') + '\n\n'),
    ]);
    writeFileSync(join(dir, 'a.jsonl'), a);
    writeFileSync(join(dir, 'b.jsonl'), lines.slice(250).join('\n')); // no final newline
    const files = [join(dir, 'a.jsonl'), join(dir, 'b.jsonl')];
    const seq = await readInputs(files);
    const par = await readInputsPooled(files, { config, threads: 2, minBytes: 0, rangeBytes: 4096 });
    const keys = inputKeys(seq.records, config);
    expect(seq.errors.map((e) => e.rule)).toEqual(['malformed_json', 'not_an_object', 'undecodable_bytes']);
    expect(par.errors).toEqual(seq.errors);
    // read on the workers, the records are joined text columns: no object per record
    expect(par.records).toBeInstanceOf(JoinedRecords);
    const parRows = (par.records as JoinedRecords).rows();
    expect(parRows.length).toBe(seq.records.length);
    expect(Array.from(par.input)).toEqual(Array.from(seq.input));
    expect(par.files).toEqual(seq.files);
    expect(slim(parRows, keys)).toEqual(slim(seq.records, keys));
    expect(Object.keys(parRows[0]).sort()).toEqual(keys);
    // and matching them gives the same clusters
    const [x, y, z] = await Promise.all([
      match(seq.records, { threads: 1 }), match(par.records, { threads: 1 }), match(par.records, { threads: 2 }),
    ]);
    expect(Array.from(y.clusterOf)).toEqual(Array.from(x.clusterOf));
    expect(y.ids).toEqual(x.ids);
    expect(Array.from(z.clusterOf)).toEqual(Array.from(x.clusterOf));
    expect(Array.from(z.pairs.probability)).toEqual(Array.from(x.pairs.probability));
    // normalised on worker threads straight from the joined columns: the columns of prepare()
    const one = prepare(seq.records, config);
    const two = await preparePooled(par.records as JoinedRecords, config, undefined, 2, { minRecords: 0 });
    expect(two.ids).toEqual(one.ids);
    expect(two.values).toEqual(one.values);
    for (const [f, col] of Object.entries(one.columns.fields)) {
      const other = two.columns.fields[f];
      if (col.kind === 'point' && other.kind === 'point') expect(Array.from(other.lat)).toEqual(Array.from(col.lat));
      else if (col.kind !== 'point' && other.kind !== 'point') expect(Array.from(other.ids)).toEqual(Array.from(col.ids));
    }
  });
  it('reads accented text exactly: a value ending in "à", \\u escapes, emoji, a non-ASCII column name, a blank line of U+00A0', async () => {
    const mapped = { ...config, columns: { nom: 'Libellé', adresse: 'Adresse postale' } };
    const lines = [
      JSON.stringify({ id: 'a1', 'Libellé': 'Café de la Gare à', 'Adresse postale': ' 3 rue de l’Église ', commune: 'Saint-Étienne' }),
      '{"id":"a2","Libell\\u00e9":"\\u00c9picerie solidaire","commune":"Orl\\u00e9ans","reseaux_porteurs":["croix-rouge","secours-catholique"]}',
      JSON.stringify({ id: 'a3', 'Libellé': 'Espace numérique 😀 — Œuvre', reseaux_porteurs: ['réseau à', 'autre'], code_postal: 75001 }),
      '\u00a0',
      JSON.stringify({ id: 'a4', 'Libellé': '\u00a0Maison France Services\u00a0', commune: 'Ajaccio' }),
      '{"id":"a5","Libellé":"Mairie"',
    ];
    const file = join(dir, 'accents.jsonl');
    writeFileSync(file, '\ufeff' + lines.join('\n') + '\n');
    const seq = await readInputs([file]);
    const par = await readInputsPooled([file], { config: mapped, threads: 2, minBytes: 0, rangeBytes: 64 });
    expect(par.records).toBeInstanceOf(JoinedRecords);
    const keys = inputKeys(seq.records, mapped);
    expect(keys).toContain('Libellé');
    expect(slim((par.records as JoinedRecords).rows(), keys)).toEqual(slim(seq.records, keys));
    expect((par.records as JoinedRecords).value('Libellé', 0)).toBe('Café de la Gare à');
    expect((par.records as JoinedRecords).value('Libellé', 1)).toBe('Épicerie solidaire');
    expect((par.records as JoinedRecords).value('reseaux_porteurs', 2)).toBe('réseau à autre');
    expect(par.errors).toEqual(seq.errors);
    expect(par.errors.map((e) => e.line)).toEqual([6]);
  });
  it('reads small inputs, other formats and one thread on this thread, whole', async () => {
    const file = join(dir, 'small.jsonl');
    writeFileSync(file, '{"id":"a","nom":"CCAS de Pabu","description":"kept"}\n');
    const first = async (threads: number, minBytes?: number) => {
      const { records } = await readInputsPooled([file], { config, threads, minBytes });
      return records instanceof JoinedRecords ? records.rows(0, 1)[0] : records[0];
    };
    expect((await first(2)).description).toBe('kept');
    expect((await first(1, 0)).description).toBe('kept');
    expect((await first(2, 0)).description).toBeUndefined();
  });
});

describe('records as joined text columns', () => {
  const r = JoinedRecords.concat(['id', 'nom', 'cp'], [
    { rows: 2, columns: [{ text: 'a1a2', ends: Int32Array.of(2, 4) }, { text: 'CCAS', ends: Int32Array.of(4, 4) }, { text: '35000', ends: Int32Array.of(0, 5) }] },
    { rows: 1, columns: [{ text: 'b1', ends: Int32Array.of(2) }, { text: 'Mairie', ends: Int32Array.of(6) }, { text: '', ends: Int32Array.of(0) }] },
  ]);
  it('joins ranges and gives values, rows and slices as normalisation reads them', () => {
    expect(r.n).toBe(3);
    expect(r.rows()).toEqual([{ id: 'a1', nom: 'CCAS', cp: '' }, { id: 'a2', nom: '', cp: '35000' }, { id: 'b1', nom: 'Mairie', cp: '' }]);
    expect(r.value('absent', 0)).toBe('');
    expect(r.raw(['nom'], 1, 3)).toEqual(['', 'Mairie']);
    expect(r.raw(['nom', 'cp'], 0, 3)).toEqual(['CCAS', '35000', 'Mairie']);
    const j = r.joined(['nom'], 1, 3);
    expect(j.text).toBe('Mairie');
    expect(Array.from(j.ends)).toEqual([0, 6]);
    expect(Array.from(r.joined(['absent'], 0, 2).ends)).toEqual([0, 0]);
  });
  it('normalises to the columns the same records as objects give', async () => {
    const [x, y] = await Promise.all([match(r.rows(), { threads: 1 }), match(r, { threads: 1 })]);
    expect(y.ids).toEqual(x.ids);
    expect(Array.from(y.clusterOf)).toEqual(Array.from(x.clusterOf));
  });
});
