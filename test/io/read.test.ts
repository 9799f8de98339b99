import { describe, expect, it } from 'vitest';
import { readAll, readRecords, sniffDelimiter, sniffEncoding } from '../../src/io/index.js';
import { scratch } from './helpers.js';

const { file } = scratch();
const invariant = (s: { read: number; loaded: number; errors: number }) => expect(s.read).toBe(s.loaded + s.errors);

describe('JSON Lines', () => {
  it('reads good lines, reports malformed, non-object and undecodable lines with their line numbers', async () => {
    const p = file('a.jsonl', Buffer.concat([
      Buffer.from('{"id":"a","nom":"CCAS de Brest"}\n{bad json\n\n[1,2]\n'),
      Buffer.from('{"id":"b","nom":"Caf'), Buffer.from([0xc3, 0xa9]), Buffer.from('"}\n'), // é in UTF-8
      Buffer.from('{"id":"c","nom":"x'), Buffer.from([0xff]), Buffer.from('"}\r\n'),
      Buffer.from('{"id":"d"}'),
    ]));
    const r = await readAll(p, { source: 'dora' });
    invariant(r.stats);
    expect(r.stats).toEqual({ read: 6, loaded: 3, errors: 3 });
    expect(r.rows.map((x) => x.id)).toEqual(['a', 'b', 'd']);
    expect(r.rows[1].nom).toBe('Café');
    expect(r.lines).toEqual([1, 5, 7]);
    expect(r.errors.map((e) => [e.rule, e.line, e.source, e.file])).toEqual([
      ['malformed_json', 2, 'dora', p], ['not_an_object', 4, 'dora', p], ['undecodable_bytes', 6, 'dora', p],
    ]);
  });
  it('strips a BOM', async () => {
    const r = await readAll(file('bom.jsonl', '\uFEFF{"id":"x"}\n'));
    expect(r.rows).toEqual([{ id: 'x' }]);
  });
});

describe('JSON arrays and envelopes', () => {
  it('reads a bare array', async () => {
    const r = await readAll(file('arr.json', '[{"id":1},{"id":2}]'));
    expect(r.rows).toEqual([{ id: 1 }, { id: 2 }]);
    expect(r.lines).toEqual([1, 2]);
  });
  it('reads a DRF page (results) and ignores count/next', async () => {
    const r = await readAll(file('page.json', JSON.stringify({ count: 2, next: null, previous: null, results: [{ id: 'a' }, { id: 'b' }] })));
    expect(r.rows.map((x) => x.id)).toEqual(['a', 'b']);
  });
  it('reads data, features and a named key', async () => {
    expect((await readAll(file('d.json', '{"links":{"next":null},"data":[{"id":"1"}]}'))).rows).toEqual([{ id: '1' }]);
    expect((await readAll(file('f.json', '{"features":[{"attributes":{"ID":5}}]}'))).rows).toEqual([{ attributes: { ID: 5 } }]);
    expect((await readAll(file('k.json', '{"meta":{},"lieux":[{"lieu_id":7}]}'), { arrayKey: 'lieux' })).rows).toEqual([{ lieu_id: 7 }]);
  });
  it('an envelope with an empty page yields no rows and no error', async () => {
    const r = await readAll(file('empty-page.json', '{"count":0,"results":[]}'));
    expect(r.stats).toEqual({ read: 0, loaded: 0, errors: 0 });
  });
  it('an object with an unknown array key yields that array; a lone object is one record', async () => {
    expect((await readAll(file('u.json', '{"total":1,"creches":[{"structureId":1}]}'))).rows).toEqual([{ structureId: 1 }]);
    expect((await readAll(file('one.json', '{"structureId":9,"structureName":"Crèche"}'))).rows).toEqual([{ structureId: 9, structureName: 'Crèche' }]);
  });
  it('a truncated file keeps the records before the break and reports the break', async () => {
    const r = await readAll(file('trunc.json', '{"results":[{"id":1},{"id":2},{"id":3,"nom":"Mis'), { source: 'dora' });
    invariant(r.stats);
    expect(r.rows).toEqual([{ id: 1 }, { id: 2 }]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ rule: 'malformed_json', source: 'dora', line: 3 });
  });
  it('non-object items are errors, the others rows', async () => {
    const r = await readAll(file('mixed.json', '[{"id":1}, 2, null, {"id":3}]'));
    invariant(r.stats);
    expect(r.rows).toEqual([{ id: 1 }, { id: 3 }]);
    expect(r.errors.map((e) => e.rule)).toEqual(['not_an_object', 'not_an_object']);
  });
  it('an empty file is one error row', async () => {
    const r = await readAll(file('empty.json', ''));
    expect(r.stats).toEqual({ read: 1, loaded: 0, errors: 1 });
    expect(r.errors[0].rule).toBe('empty_file');
  });
});

describe('CSV', () => {
  it('sniffs ; , | and tab, respecting quotes', () => {
    expect(sniffDelimiter('id;nom\n1;"a;b"\n')).toBe(';');
    expect(sniffDelimiter('id,nom,ville\n1,"a, b",c\n')).toBe(',');
    expect(sniffDelimiter('id|name|addr\n0|x|y\n')).toBe('|');
    expect(sniffDelimiter('id\tnom\n1\tx\n')).toBe('\t');
  });
  it('reads UTF-8 with a BOM, quoted delimiters and newlines', async () => {
    const r = await readAll(file('bom.csv', '\uFEFFid;nom;adresse\n1;"CCAS; Rennes";"1 rue X\nBP 12"\n2;Mairie;""\n'));
    expect(r.rows).toEqual([
      { id: '1', nom: 'CCAS; Rennes', adresse: '1 rue X\nBP 12' },
      { id: '2', nom: 'Mairie', adresse: '' },
    ]);
    expect(r.lines).toEqual([3, 4]);
  });
  it('falls back to latin-1 when the bytes are not UTF-8', async () => {
    const p = file('latin1.csv', Buffer.from('id,nom\n1,Caf\xe9 de l\'\xc9glise\n2,Cr\xe8che\n', 'latin1'));
    expect(sniffEncoding(Buffer.from('Caf\xe9', 'latin1'))).toBe('latin1');
    const r = await readAll(p);
    expect(r.rows.map((x) => x.nom)).toEqual(["Café de l'Église", 'Crèche']);
  });
  it('reports ragged rows and undecodable bytes with their line; the rest is read', async () => {
    const p = file('ragged.csv', Buffer.concat([
      Buffer.from('\uFEFFid;nom;ville\n1;CCAS;Rennes\n2;Mairie\n3;Caf'),
      Buffer.from([0xff]),
      Buffer.from(';Brest\n4;Centre social;Paris;en trop\n5;Épicerie;Lyon\n'),
    ]));
    const r = await readAll(p, { source: 'x' });
    invariant(r.stats);
    expect(r.rows.map((x) => x.id)).toEqual(['1', '5']);
    expect(r.errors.map((e) => [e.rule, e.line, e.id])).toEqual([
      ['ragged_row', 3, '2'], ['undecodable_bytes', 4, '3'], ['ragged_row', 5, '4'],
    ]);
  });
  it('files without a header get the given columns, or numbered ones', async () => {
    const p = file('finess.csv', 'finess;etalab;2024-01-01\nstructureet;350000001;350000002\n');
    const r = await readAll(p, { header: false });
    expect(r.rows[0]).toEqual({ 0: 'finess', 1: 'etalab', 2: '2024-01-01' });
    const r2 = await readAll(p, { header: false, columns: ['a', 'b', 'c'] });
    expect(r2.rows[1]).toEqual({ a: 'structureet', b: '350000001', c: '350000002' });
  });
  it('an unclosed quote is an error row, not a crash', async () => {
    const r = await readAll(file('quote.csv', 'id,nom\n1,ok\n2,"pas fermé\n'));
    invariant(r.stats);
    expect(r.rows.map((x) => x.id)).toEqual(['1']);
    expect(r.errors.length).toBeGreaterThanOrEqual(1);
    expect(r.errors[0].rule).toBe('csv_parse');
  });
  it('trims values on request (Febrl puts a space after each comma)', async () => {
    const r = await readAll(file('febrl.csv', 'rec_id, given_name\nrec-1-org, mitchell\n'), { trim: true });
    expect(r.rows).toEqual([{ rec_id: 'rec-1-org', given_name: 'mitchell' }]);
  });
});

describe('files that cannot be read', () => {
  it('throws a message naming a missing file', async () => {
    await expect(readAll('/nonexistent/structures.jsonl')).rejects.toThrow(/cannot read \/nonexistent\/structures.jsonl: no such file/);
  });
  it('throws on an unknown format', async () => {
    await expect(readAll(file('x.parquet', 'PAR1'))).rejects.toThrow(/unknown format/);
  });
  it('streams lazily', async () => {
    const it = readRecords(file('lazy.jsonl', '{"id":1}\n{"id":2}\n'));
    const first = await it.next();
    expect(first.value).toMatchObject({ kind: 'row', row: { id: 1 } });
    await it.return(undefined);
  });
});
