import { describe, expect, it } from 'vitest';
import { threadId } from 'node:worker_threads';
import { readAll } from '../../src/io/index.js';
import { defaultConfig, loadConfig, match, prepare, type MatchConfig } from '../../matching/index.js';
import { buildRules } from '../../matching/engine.js';
import { readInputs } from '../../matching/inputs.js';
import { preparePooled } from '../../matching/normalise-pool.js';
import type { Prepared } from '../../matching/columns.js';
import { corpus } from '../../src/generate/corpus.js';

/** Every column as plain arrays (NaN coordinates included), for deep equality. */
const plain = (p: Prepared) => ({
  ids: p.ids, values: p.values, missingIds: p.missingIds, n: p.columns.n, input: Array.from(p.columns.input),
  fields: Object.fromEntries(Object.entries(p.columns.fields).map(([name, col]) =>
    [name, Object.fromEntries(Object.entries(col).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array, String) : v]))])),
});

/** The path and values of the first difference between two plain structures, or null (fast on big arrays). */
function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (a === b) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${String(a)} ≠ ${String(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

/** Normalises on two workers (no size threshold) and returns the result with the threads that ran it. */
async function pooled(rows: readonly Record<string, unknown>[], config: MatchConfig, link?: Int32Array) {
  const chunks: { start: number; count: number; threadId: number }[] = [];
  const p = await preparePooled(rows, config, link, 2, { minRecords: 0, onChunk: (c) => chunks.push(c) });
  return { p, chunks };
}

describe('worker threads', () => {
  it('threads=2 runs on workers and gives exactly the single-thread result', async () => {
    const { rows } = await readAll('fixtures/febrl/dataset3.csv');
    const config = 'fixtures/configs/febrl.json';
    const one = await match(rows, { config, threads: 1 });
    const two = await match(rows, { config, threads: 2 });
    expect(one.summary.workerThreadIds).toEqual([0]);
    expect(two.summary.workerThreadIds.length).toBeGreaterThanOrEqual(1);
    expect(two.summary.workerThreadIds).not.toContain(threadId);
    expect(two.summary.tasks).toBeGreaterThan(1);
    expect(two.pairs.left.length).toBeGreaterThan(1000);
    expect(Array.from(two.pairs.left)).toEqual(Array.from(one.pairs.left));
    expect(Array.from(two.pairs.right)).toEqual(Array.from(one.pairs.right));
    expect(Array.from(two.pairs.weight)).toEqual(Array.from(one.pairs.weight));
    expect(Array.from(two.clusterOf)).toEqual(Array.from(one.clusterOf));
    expect(two.model).toEqual(one.model);
  });
});

describe('normalisation on worker threads', () => {
  it('gives exactly the columns of prepare() on generated structures (names, strip, kinds, points…)', async () => {
    const rows: Record<string, unknown>[] = [];
    for (const { records } of corpus({ entities: 3000, seed: 7 })) for (const r of records) rows.push(r.structure as unknown as Record<string, unknown>);
    rows.push({ nom: 'Sans identifiant', latitude: '48,11', longitude: '-1,68' }, { id: '  ', nom: '' });
    const config = defaultConfig();
    const link = Int32Array.from(rows, (_, i) => i % 3);
    const one = prepare(rows, config, link);
    const { p: two, chunks } = await pooled(rows, config, link);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.map((c) => c.start + c.count).at(-1)).toBe(rows.length);
    expect(chunks.map((c) => c.threadId)).not.toContain(threadId);
    expect(one.values.nom.length).toBeGreaterThan(1000);
    expect(one.missingIds.length).toBe(2);
    expect(firstDifference(plain(two), plain(one))).toBeNull();
  });

  it('gives exactly the columns of prepare() with a column mapping (Febrl)', async () => {
    const { rows } = await readAll('fixtures/febrl/dataset3.csv');
    const config = loadConfig('fixtures/configs/febrl.json');
    const { p: two, chunks } = await pooled(rows, config);
    expect(chunks.length).toBeGreaterThan(2);
    expect(firstDifference(plain(two), plain(prepare(rows, config)))).toBeNull();
  });

  it('stays on this thread below the size threshold', async () => {
    const { rows } = await readAll('fixtures/febrl/dataset3.csv');
    const chunks: unknown[] = [];
    await preparePooled(rows, loadConfig('fixtures/configs/febrl.json'), undefined, 2, { onChunk: (c) => chunks.push(c) });
    expect(chunks).toEqual([]);
  });
});

describe('inputs', () => {
  it('an unreadable input gives a clear error naming the file', async () => {
    await expect(readInputs(['fixtures/does-not-exist.jsonl'])).rejects.toThrow(/cannot read fixtures\/does-not-exist\.jsonl: no such file/);
  });
});

describe('blocking indexes on worker threads', () => {
  it('are exactly the indexes built on this thread, skipped keys labelled alike', async () => {
    const rows = [...corpus({ entities: 2000, seed: 12 })].flatMap((item) => item.records.map((r) => r.structure));
    const config = defaultConfig();
    // small blocks, so that some keys are skipped and labelled
    config.blocking = config.blocking.map((b) => (b.near ? b : { ...b, maxBlockSize: 3 }));
    const p = prepare(rows, config);
    const inline = await buildRules(config, p, 1);
    const pooled = await buildRules(config, p, 2, 0);
    const arrays = (x: object) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v instanceof SharedArrayBuffer ? Array.from(new Uint8Array(v)) : v]));
    expect(pooled.map((b) => b.report)).toEqual(inline.map((b) => b.report));
    expect(inline.some((b) => b.report.largestSkipped.length > 0)).toBe(true);
    expect(pooled.map((b) => arrays(b.index))).toEqual(inline.map((b) => arrays(b.index)));
  });
});
