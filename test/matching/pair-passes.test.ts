import { describe, expect, it } from 'vitest';
import { threadId } from 'node:worker_threads';
import { block, defaultConfig } from '../../matching/index.js';
import { EnginePool } from '../../matching/engine-pool.js';
import { pairPasses } from '../../matching/pair-passes.js';
import { selfCalibrate } from '../../matching/match.js';
import { trainEm } from '../../matching/model/train.js';
import { createScorer } from '../../matching/model/score.js';
import { groupPairs, countClusterLabels, inClusters } from '../../matching/model/calibrate.js';
import { cluster } from '../../matching/cluster.js';
import { corpus } from '../../src/generate/corpus.js';

const records = [...corpus({ entities: 1500, seed: 33 })].flatMap((item) => item.records.map((r) => r.structure));

describe('passes over the candidate pairs on the worker threads', () => {
  it('give the numbers of the same passes on this thread, slice by slice', async () => {
    const config = defaultConfig();
    const pool = EnginePool.open(2);
    try {
      const b = await block(records, { config, threads: 2, pool });
      expect(b.session).toBeGreaterThan(0);
      const n = b.left.length;
      expect(n).toBeGreaterThan(1000);
      const here = pairPasses(b);
      // one pair per slice at least: every pass runs on the two workers, a slice each
      const sent: string[] = [];
      const counting = { threads: pool.threads, run: (t: Parameters<EnginePool['run']>[0]) => { sent.push(t.kind === 'pairs' ? t.pass.op : t.kind); return pool.run(t); } } as unknown as EnginePool;
      const there = pairPasses(b, counting, 1);
      expect(there.weightArray().buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(here.weightArray().buffer).not.toBeInstanceOf(SharedArrayBuffer);
      const model = trainEm({ columns: b.prepared.columns, comparator: b.comparator, config, link: false, histogram: b.histogram, blockedPairs: n });

      const fsHere = await here.fsWeights(model, here.weightArray());
      const fsThere = await there.fsWeights(model, there.weightArray());
      expect(Array.from(fsThere)).toEqual(Array.from(fsHere));
      // and what the scorer gives pair by pair
      const scorer = createScorer(model, config, b.prepared.columns, b.comparator);
      for (let k = 0; k < n; k += 97) expect(fsHere[k]).toBe(scorer.fsWeight(b.pattern[k], b.left[k], b.right[k]));

      // weights of some patterns only (the others left as they were)
      const only = Uint8Array.from(b.patterns, (_, q) => q % 2);
      const wHere = await here.weights(model, here.weightArray().fill(7), only);
      const wThere = await there.weights(model, there.weightArray().fill(7), only);
      expect(Array.from(wThere)).toEqual(Array.from(wHere));
      expect(wHere.some((w) => w === 7)).toBe(true);
      expect(wHere.some((w) => w !== 7)).toBe(true);

      // labels from clusters, counted per group: the sum of the slices' counts
      const vetoed = Uint8Array.from(b.patterns, (p) => (scorer.vetoed(p) ? 1 : 0));
      const grouping = groupPairs(b.patternId, b.patterns, vetoed, fsHere);
      const { clusterOf } = cluster(b.prepared.columns.n, b.left, b.right, fsHere, 0, config.cluster);
      const onesHere = await here.clusterOnes(grouping, clusterOf);
      const onesThere = await there.clusterOnes(grouping, clusterOf);
      expect(Array.from(onesThere)).toEqual(Array.from(onesHere));
      let together = 0;
      for (let k = 0; k < n; k++) if (clusterOf[b.left[k]] === clusterOf[b.right[k]]) together++;
      expect(onesHere.reduce((a, c) => a + c, 0)).toBe(together);
      expect(together).toBeGreaterThan(0);
      // two slices out of order add up to the same counts
      const sliced = new Float64Array(grouping.count.length);
      const shared = inClusters(clusterOf);
      countClusterLabels(grouping.gid, b.left, b.right, clusterOf, shared, 500, n, sliced);
      countClusterLabels(grouping.gid, b.left, b.right, clusterOf, shared, 0, 500, sliced);
      expect(Array.from(sliced)).toEqual(Array.from(onesHere));

      // a calibrated model's weights from the groups
      const terms = Float64Array.from(grouping.patterns, (_, q) => (q % 5) - 2);
      const cHere = await here.calibrated(grouping, terms, 0.8, here.weightArray());
      const cThere = await there.calibrated(grouping, terms, 0.8, there.weightArray());
      expect(Array.from(cThere)).toEqual(Array.from(cHere));
      for (let k = 0; k < n; k += 89) {
        const g = grouping.gid[k];
        const w = 0.8 * fsHere[k] + terms[grouping.pattern[g]];
        expect(cHere[k]).toBe(grouping.vetoed[g] ? Math.min(w, -6) : w);
      }

      // self-calibration with its passes on the workers: the model of the passes on this thread
      sent.length = 0;
      const calibratedHere = await selfCalibrate(b, model, here);
      const calibratedThere = await selfCalibrate(b, model, there);
      expect(calibratedHere.calibration).toBeDefined();
      expect(calibratedThere).toEqual(calibratedHere);

      // every pass went to the workers in two slices (self-calibration: Fellegi–Sunter weights,
      // then per round the labels, and the calibrated weights from the second round on)
      expect(sent.slice(0, 6)).toEqual(['fs', 'fs', 'ones', 'ones', 'calibrated', 'calibrated']);
      expect(sent.filter((op) => op === 'ones').length).toBe(2 * calibratedThere.calibration!.rounds!.count);
      // weights of every pair on the workers; of a few patterns' pairs (`only`) here
      sent.length = 0;
      const allThere = await there.weights(model, there.weightArray());
      await there.weights(model, there.weightArray(), only);
      expect(sent).toEqual(['weights', 'weights']);
      expect(Array.from(allThere)).toEqual(Array.from(await here.weights(model, here.weightArray())));
      expect(threadId).toBe(0);
      // a pool but few pairs: the passes run here
      sent.length = 0;
      await pairPasses(b, counting).fsWeights(model, new Float64Array(n));
      expect(sent).toEqual([]);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
