import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asText, defaultConfig, inputKeys, match } from '../../matching/index.js';
import { readInputs } from '../../matching/inputs.js';
import { readInputsPooled } from '../../matching/read-pool.js';
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
    expect(par.records.length).toBe(seq.records.length);
    expect(Array.from(par.input)).toEqual(Array.from(seq.input));
    expect(par.files).toEqual(seq.files);
    expect(slim(par.records, keys)).toEqual(slim(seq.records, keys));
    expect(Object.keys(par.records[0]).sort()).toEqual(keys);
    // and matching them gives the same clusters
    const [x, y] = await Promise.all([match(seq.records, { threads: 1 }), match(par.records, { threads: 1 })]);
    expect(Array.from(y.clusterOf)).toEqual(Array.from(x.clusterOf));
    expect(y.ids).toEqual(x.ids);
  });
  it('reads small inputs, other formats and one thread on this thread, whole', async () => {
    const file = join(dir, 'small.jsonl');
    writeFileSync(file, '{"id":"a","nom":"CCAS de Pabu","description":"kept"}\n');
    expect((await readInputsPooled([file], { config, threads: 2 })).records[0].description).toBe('kept');
    expect((await readInputsPooled([file], { config, threads: 1, minBytes: 0 })).records[0].description).toBe('kept');
    expect((await readInputsPooled([file], { config, threads: 2, minBytes: 0 })).records[0].description).toBeUndefined();
  });
});
