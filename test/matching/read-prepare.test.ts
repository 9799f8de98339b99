import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { defaultConfig, match, matchPrepared, prepare, trainModel, trainPrepared, type MatchConfig } from '../../matching/index.js';
import { readInputs } from '../../matching/inputs.js';
import { readPreparedPooled } from '../../matching/read-pool.js';
import { normalisePart, partsBuilder, planPrepare, type Prepared } from '../../matching/columns.js';
import { JoinedRecords } from '../../matching/joined.js';
import { corpus } from '../../src/generate/corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'recoupe-read-prepare-'));

/** Every column as plain arrays (NaN coordinates as 'NaN'), for deep equality. */
const plain = (p: Prepared) => ({
  ids: p.ids, values: p.values, missingIds: p.missingIds, n: p.columns.n, input: Array.from(p.columns.input),
  fields: Object.fromEntries(Object.entries(p.columns.fields).map(([name, col]) =>
    [name, Object.fromEntries(Object.entries(col).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array, String) : v]))])),
});

/** Generated structures (with records without id and with defects) written as two JSON Lines files with bad lines. */
function files(): string[] {
  const rows = [...corpus({ entities: 600, seed: 11 })].flatMap((item) => item.records.map((r) => r.structure as unknown as Record<string, unknown>));
  rows.splice(40, 0, { nom: 'Sans identifiant', latitude: '48,11', longitude: '-1,68' }, { id: '  ', nom: 'Mairie' });
  // seven records geocoded to one point (a town centre): a crowd, read as missing
  rows.splice(150, 0, ...Array.from({ length: 7 }, (_, i) => ({ id: `crowd-${i}`, nom: `Association ${i}`, latitude: '48.2', longitude: '-1.5' })));
  const lines = rows.map((r) => JSON.stringify(r));
  const half = Math.floor(lines.length / 2);
  const a = Buffer.concat([
    Buffer.from('\ufeff' + lines.slice(0, 100).join('\r\n') + '\r\n\r\n{"id": broken\n[1,2]\n'),
    Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]),
    Buffer.from(lines.slice(100, half).join('\n') + '\n'),
  ]);
  writeFileSync(join(dir, 'a.jsonl'), a);
  writeFileSync(join(dir, 'b.jsonl'), lines.slice(half).join('\n')); // no final newline
  return [join(dir, 'a.jsonl'), join(dir, 'b.jsonl')];
}

describe('reading and normalising JSON Lines on worker threads (or range by range on one) in one step', () => {
  const inputs = files();
  const config = defaultConfig();

  it('gives the columns, ids, input indexes and error rows of prepare() over the sequential reader', async () => {
    const seq = await readInputs(inputs);
    const progress: [number, number][] = [];
    const read = await readPreparedPooled(inputs, { config, threads: 2, minBytes: 0, rangeBytes: 16_384, onProgress: (d, t) => progress.push([d, t]) });
    expect(read).not.toBeNull();
    if (!read) return;
    expect(seq.errors.map((e) => e.rule)).toEqual(['malformed_json', 'not_an_object', 'undecodable_bytes']);
    expect(read.errors).toEqual(seq.errors);
    expect(Array.from(read.input)).toEqual(Array.from(seq.input));
    expect(read.files).toEqual(seq.files);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.at(-1)).toEqual([seq.records.length, seq.records.length]);
    const one = prepare(seq.records, config);
    expect(one.missingIds.length).toBe(2);
    expect(one.values.nom.length).toBeGreaterThan(200);
    const position = one.columns.fields.position as { lat: Float64Array };
    expect(one.ids.filter((id, i) => id.startsWith('crowd-') && Number.isNaN(position.lat[i]))).toHaveLength(7);
    expect(plain(read.prepared)).toEqual(plain(one));
    // link mode keeps each record's input
    const linked = await readPreparedPooled(inputs, { config, threads: 2, minBytes: 0, rangeBytes: 16_384, link: true });
    expect(plain(linked!.prepared)).toEqual(plain(prepare(seq.records, config, seq.input)));
    // one thread: the same ranges read and normalised here, one after the other
    const progressHere: [number, number][] = [];
    const here = await readPreparedPooled(inputs, { config, threads: 1, minBytes: 0, rangeBytes: 16_384, onProgress: (d, t) => progressHere.push([d, t]) });
    expect(here).not.toBeNull();
    expect(here!.errors).toEqual(seq.errors);
    expect(Array.from(here!.input)).toEqual(Array.from(seq.input));
    expect(here!.files).toEqual(seq.files);
    expect(progressHere.length).toBeGreaterThan(5);
    expect(progressHere.at(-1)).toEqual([seq.records.length, seq.records.length]);
    expect(plain(here!.prepared)).toEqual(plain(one));
    const linkedHere = await readPreparedPooled(inputs, { config, threads: 1, minBytes: 0, rangeBytes: 16_384, link: true });
    expect(plain(linkedHere!.prepared)).toEqual(plain(prepare(seq.records, config, seq.input)));
  });

  it('matches as match() does on the records, on one thread or two, in link mode too', async () => {
    const seq = await readInputs(inputs);
    const read = await readPreparedPooled(inputs, { config, threads: 2, minBytes: 0, rangeBytes: 16_384, link: true });
    const [x, y, lx, ly] = await Promise.all([
      match(seq.records, { threads: 1 }), matchPrepared(read!.prepared, { threads: 2 }, 5),
      match(seq.records, { threads: 1, link: seq.input }), matchPrepared(read!.prepared, { threads: 1, link: read!.input }),
    ]);
    expect(y.summary.workerThreadIds).not.toContain(threadId);
    expect(y.ids).toEqual(x.ids);
    expect(Array.from(y.clusterOf)).toEqual(Array.from(x.clusterOf));
    expect(Array.from(y.pairs.weight)).toEqual(Array.from(x.pairs.weight));
    expect(y.summary.timingsMs.normalise).toBeGreaterThanOrEqual(5);
    expect(ly.summary.link).toBe(true);
    expect(Array.from(ly.clusterOf)).toEqual(Array.from(lx.clusterOf));
    expect(ly.pairs.left.length).toBeLessThan(y.pairs.left.length);
    await expect(matchPrepared(read!.prepared, { threads: 1, link: [0, 1] })).rejects.toThrow(/2 input indexes/);
  });

  it('trains as trainModel() does on the records (EM, and calibrated on labels)', async () => {
    const seq = await readInputs(inputs);
    const read = await readPreparedPooled(inputs, { config, threads: 2, minBytes: 0, rangeBytes: 16_384 });
    expect(await trainPrepared(read!.prepared, { threads: 2 })).toEqual(await trainModel(seq.records, { threads: 1 }));
    // labels: the records of one name and commune are one entity (enough matches and non-matches to fit)
    const entityOf = new Map(seq.records.map((r) => [String(r.id), `${String(r.nom).toLowerCase()}|${String(r.code_insee)}`]));
    const calibrated = await trainPrepared(read!.prepared, { threads: 2, calibrate: { entityOf } });
    expect(calibrated.calibration).toBeDefined();
    expect(calibrated).toEqual(await trainModel(seq.records, { threads: 1, calibrate: { entityOf } }));
  });

  it('leaves small inputs and other formats to the sequential reader', async () => {
    expect(await readPreparedPooled(inputs, { config, threads: 2 })).toBeNull(); // below 16 MiB
    expect(await readPreparedPooled(inputs, { config, threads: 1 })).toBeNull();
    const csv = join(dir, 'c.csv');
    writeFileSync(csv, 'id,nom\na,CCAS de Pabu\n');
    expect(await readPreparedPooled([csv], { config, threads: 2, minBytes: 0 })).toBeNull();
    expect(await readPreparedPooled([join(dir, 'missing.jsonl')], { config, threads: 2, minBytes: 0 })).toBeNull();
  });
});

describe('a builder of normalised parts', () => {
  it('gives the Prepared of prepare() for parts appended in order, with a mapped config', () => {
    const config: MatchConfig = { ...defaultConfig(), columns: { nom: 'Name' } };
    const rows = [
      { id: 'a', Name: 'CCAS de Rennes', code_insee: '35238' }, { id: '', Name: 'Mairie de Pabu' },
      { id: 'c', Name: 'CCAS de Rennes', latitude: '48.11', longitude: '-1.68' }, { id: 'd', Name: 'Mission locale' },
    ];
    const plan = planPrepare(rows, config);
    const keys = [...new Set([...plan.idKeys, ...plan.raw.flat()])];
    const all = new JoinedRecords(4, keys, keys.map((k) => joinedOf(rows.map((x) => String((x as Record<string, unknown>)[k] ?? '')))));
    const b = partsBuilder(plan);
    // room for 2 of the 4 records: the columns grow as the parts come
    b.reserve(2);
    for (const [from, to] of [[0, 1], [1, 1], [1, 4]]) {
      b.append(normalisePart(plan, keys, keys.map((k) => all.joined([k], from, to)), to - from));
    }
    expect(b.n).toBe(4);
    expect(() => b.finish()).toThrow(/before seal/);
    expect(b.seal()).toHaveLength(1); // the position's crowd job
    expect(() => b.append(normalisePart(plan, keys, keys.map(() => joinedOf([])), 0))).toThrow(/after seal/);
    expect(() => b.reserve(10)).toThrow(/after seal/);
    const p = b.finish();
    expect(plain(p)).toEqual(plain(prepare(rows, config)));
    expect(p.ids).toEqual(['a', 'row-2', 'c', 'd']);
    expect(p.values.nom).toEqual(['ccas rennes', 'mairie pabu', 'missionlocale']);
    // reserved beyond the records, or nothing appended: columns of exactly their records
    const wide = partsBuilder(plan);
    wide.reserve(1000);
    wide.append(normalisePart(plan, keys, keys.map((k) => all.joined([k], 0, 4)), 4));
    wide.seal();
    expect(plain(wide.finish())).toEqual(plain(prepare(rows, config)));
    const empty = partsBuilder(plan);
    expect(empty.seal()).toHaveLength(1);
    expect(empty.finish().columns.n).toBe(0);
  });

  it('gives the same Prepared for parts appended several at a time, field by field', () => {
    const config = defaultConfig();
    // values met again across parts (communes, networks), and new ones in every part
    const rows = Array.from({ length: 40 }, (_, i) => ({
      id: `r${i}`, nom: i % 3 ? `CCAS de Ville ${i % 7}` : `Mission locale ${i}`, commune: `Ville ${i % 5}`,
      code_insee: String(35000 + (i % 4)), adresse: `${i % 6} rue de la Gare`, telephone: i % 2 ? '' : `02 99 00 00 ${String(i % 9).padStart(2, '0')}`,
    }));
    const plan = planPrepare(rows, config);
    const keys = [...new Set([...plan.idKeys, ...plan.raw.flat()])];
    const all = new JoinedRecords(rows.length, keys, keys.map((k) => joinedOf(rows.map((x) => String((x as Record<string, unknown>)[k] ?? '')))));
    const cuts = [0, 3, 9, 10, 17, 26, 33, 40];
    const parts = () => cuts.slice(1).map((to, k) => normalisePart(plan, keys, keys.map((c) => all.joined([c], cuts[k], to)), to - cuts[k]));
    const one = partsBuilder(plan);
    for (const part of parts()) one.append(part);
    const grouped = partsBuilder(plan);
    const ps = parts();
    grouped.reserve(5);
    grouped.appendAll(ps.slice(0, 4));
    grouped.appendAll([]);
    grouped.appendAll(ps.slice(4));
    expect(grouped.n).toBe(40);
    one.seal();
    grouped.seal();
    const p = grouped.finish();
    expect(plain(p)).toEqual(plain(one.finish()));
    expect(plain(p)).toEqual(plain(prepare(rows, config)));
    expect(p.values.commune.length).toBe(5);
  });
});

function joinedOf(values: string[]) {
  const ends = new Int32Array(values.length);
  let text = '';
  values.forEach((v, i) => { text += v; ends[i] = text.length; });
  return { text, ends };
}
