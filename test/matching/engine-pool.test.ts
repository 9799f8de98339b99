import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { readAll } from '../../src/io/index.js';
import { defaultConfig, loadConfig, match, matchPrepared, prepare, trainModel, trainPrepared } from '../../matching/index.js';
import { EnginePool } from '../../matching/engine-pool.js';
import { estimateUPooled } from '../../matching/pool.js';
import { readPreparedPooled } from '../../matching/read-pool.js';
import { createComparator } from '../../matching/compare/comparator.js';
import { estimateU } from '../../matching/model/train.js';
import { buildRule } from '../../matching/block/index-build.js';
import { corpus } from '../../src/generate/corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'recoupe-engine-pool-'));

function structuresFile(entities: number, seed: number): string {
  const rows = [...corpus({ entities, seed })].flatMap((item) => item.records.map((r) => r.structure));
  const path = join(dir, `s${seed}.jsonl`);
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

describe('one pool of worker threads for every stage', () => {
  it('reads, normalises, indexes, compares and counts u on the same threads, with the single-thread result', async () => {
    const file = structuresFile(1500, 21);
    // u from random pairs, so that it is counted on the workers too
    const base = defaultConfig();
    const config = { ...base, training: { ...base.training, u: 'random' as const } };
    const pool = EnginePool.open(2);
    try {
      const read = await readPreparedPooled([file], { config, threads: 2, minBytes: 0, rangeBytes: 32_768, pool });
      expect(read).not.toBeNull();
      const two = await matchPrepared(read!.prepared, { config, threads: 2, pool });
      expect(two.summary.workerThreadIds).not.toContain(threadId);
      expect(two.summary.workerThreadIds.length).toBeGreaterThanOrEqual(1);
      // u was counted on the workers, behind the comparisons
      expect(two.summary.timingsMs.randomU).toBeGreaterThanOrEqual(0);
      const { rows } = await readAll(file);
      const one = await match(rows, { config, threads: 1 });
      expect(one.summary.timingsMs.randomU).toBeUndefined();
      expect(two.model).toEqual(one.model);
      expect(Array.from(two.pairs.weight)).toEqual(Array.from(one.pairs.weight));
      expect(Array.from(two.clusterOf)).toEqual(Array.from(one.clusterOf));
      // the pool stays open for another run: training on it gives the model match estimated
      const trained = await trainPrepared(read!.prepared, { config, threads: 2, pool });
      // (match re-estimates the self-calibrated model's prior on the records it scores: its shift)
      const { shift, ...calibration } = one.model.calibration!;
      expect(Math.abs(shift!.bits)).toBeLessThan(0.01);
      expect(trained).toEqual({ ...one.model, calibration });
    } finally {
      await pool.close();
    }
    await expect(pool.run({ kind: 'crowd', lat: new Float64Array(0), lon: new Float64Array(0), km: 0.025, records: 5 })).rejects.toThrow(/closed/);
  });

  it('counts u over the random pairs on the workers exactly as on this thread (Febrl, link mode)', async () => {
    const { rows } = await readAll('fixtures/febrl/dataset4a.csv');
    const { rows: rowsB } = await readAll('fixtures/febrl/dataset4b.csv');
    const config = loadConfig('fixtures/configs/febrl.json');
    const all = [...rows, ...rowsB];
    const input = Int32Array.from(all, (_, i) => (i < rows.length ? 0 : 1));
    const p = prepare(all, config, input);
    const rules = config.blocking.map((r) => buildRule(p.columns, r, config, p.values).index);
    const pool = EnginePool.open(2);
    try {
      const pooled = await estimateUPooled(pool, { columns: p.columns, rules, link: true, config });
      expect(pooled).toEqual(estimateU(p.columns, createComparator(p.columns, config), config, true));
    } finally {
      await pool.close();
    }
  });

  it('a run without a pool starts its own and stops it: the same model as on one thread', async () => {
    const { rows } = await readAll('fixtures/febrl/dataset3.csv');
    const config = 'fixtures/configs/febrl.json';
    const [one, two] = [await trainModel(rows, { config, threads: 1 }), await trainModel(rows, { config, threads: 2 })];
    expect(two).toEqual(one);
  });

  it('needs at least two threads', () => {
    expect(() => EnginePool.open(1)).toThrow(/at least 2 threads/);
  });
});
