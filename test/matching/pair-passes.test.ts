import { describe, expect, it } from 'vitest';
import { threadId } from 'node:worker_threads';
import { block, defaultConfig } from '../../matching/index.js';
import { EnginePool } from '../../matching/engine-pool.js';
import { pairPasses } from '../../matching/pair-passes.js';
import { PairGatherer } from '../../matching/engine.js';
import { tfComparisons } from '../../matching/compare/comparator.js';
import { sharedInt32 } from '../../matching/buffers.js';
import { selfCalibrate } from '../../matching/match.js';
import { trainEm } from '../../matching/model/train.js';
import { createScorer } from '../../matching/model/score.js';
import { groupPairs, groupSlice, mergeGroups, countClusterLabels, inClusters } from '../../matching/model/calibrate.js';
import { mulberry32 } from '../../matching/model/random.js';
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

      // Fellegi–Sunter weights and their groups, each slice grouped on its worker, merged in order:
      // the grouping of one pass here (groups numbered by first pair), weights capped after grouping
      const gHere = await here.fsGroups(model, here.weightArray(), vetoed);
      sent.length = 0;
      const fsCapped = there.weightArray();
      const gThere = await there.fsGroups(model, fsCapped, vetoed);
      expect(sent).toEqual(['fsGroups', 'fsGroups', 'regroup']);
      expect(gThere.gid.buffer).toBeInstanceOf(SharedArrayBuffer);
      for (const key of ['gid', 'pattern', 'weight', 'vetoed', 'count'] as const) expect(Array.from(gThere[key]), key).toEqual(Array.from(grouping[key]));
      expect(gHere).toEqual({ ...grouping, gid: gHere.gid });
      expect(Array.from(gHere.gid)).toEqual(Array.from(grouping.gid));
      expect(grouping.count.reduce((a, c) => a + c, 0)).toBe(n);
      // groups met in both slices (merged, not numbered twice)
      const half = Math.ceil(n / 2);
      expect(Array.from(grouping.gid.subarray(half)).some((g) => g < Math.max(...grouping.gid.subarray(0, half)))).toBe(true);
      for (let k = 0; k < n; k++) if (fsCapped[k] !== (vetoed[b.patternId[k]] ? Math.min(fsHere[k], -6) : fsHere[k])) throw new Error(`weight ${k}`);
      expect(vetoed.some((v, q) => v && fsHere[b.patternId.indexOf(q)] > -6)).toBe(true);

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
      // a pattern's calibration terms as one number: the sum explain shows term by term
      const calibratedScorer = createScorer(calibratedHere, config, b.prepared.columns, b.comparator);
      for (const p of b.patterns) expect(calibratedScorer.patternTerms(p)).toBeCloseTo(calibratedScorer.calibrationTerms(p, 0).reduce((a, t) => a + t.value, 0), 12);
      expect(new Set(Array.from(b.patterns, (p) => calibratedScorer.patternTerms(p))).size).toBeGreaterThan(10);
      expect(scorer.patternTerms(b.patterns[0])).toBe(0);

      // every pass went to the workers in two slices (self-calibration: Fellegi–Sunter weights and
      // their groups, the second slice's pairs renumbered, then per round the labels, and the calibrated weights from the second round on)
      expect(sent.slice(0, 7)).toEqual(['fsGroups', 'fsGroups', 'regroup', 'ones', 'ones', 'calibrated', 'calibrated']);
      expect(sent.filter((op) => op === 'ones').length).toBe(2 * calibratedThere.calibration!.rounds!.count);
      // the prior shift from the slices' histograms, and the shift applied slice by slice
      const cal = calibratedHere.calibration!;
      const calWeights = await here.weights(calibratedHere, here.weightArray());
      const shiftHere = await here.priorShift(calWeights, vetoed, cal.matches / cal.pairs);
      sent.length = 0;
      const calShared = there.weightArray();
      calShared.set(calWeights);
      expect(await there.priorShift(calShared, vetoed, cal.matches / cal.pairs)).toEqual(shiftHere);
      expect(sent).toEqual(['histogram', 'histogram']);
      expect(Math.abs(shiftHere.bits)).toBeGreaterThan(0);
      const adapted = { ...calibratedHere, calibration: { ...cal, shift: shiftHere } };
      const shiftedHere = await here.shift(adapted, Float64Array.from(calWeights), vetoed, shiftHere.bits);
      await there.shift(adapted, calShared, vetoed, shiftHere.bits);
      expect(Array.from(calShared)).toEqual(Array.from(shiftedHere));
      // every weight moved by the shift but the vetoed patterns' pairs, which the adapted model caps
      const adaptedScorer = createScorer(adapted, config, b.prepared.columns, b.comparator);
      for (let k = 0; k < n; k += 37) {
        expect(shiftedHere[k]).toBeCloseTo(vetoed[b.patternId[k]] ? adaptedScorer.weight(b.pattern[k], b.left[k], b.right[k]) : calWeights[k] + shiftHere.bits, 9);
      }

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

describe('pairs grouped in slices (groupSlice, mergeGroups)', () => {
  it('number and count the groups as one pass over all the pairs does, whatever the slices', () => {
    const rand = mulberry32(9);
    const n = 5000, P = 40;
    const patternId = Int32Array.from({ length: n }, () => Math.floor(rand() * P));
    // most patterns one weight, some several (term frequencies), -0 and 0 told apart as groupPairs does
    const weights = Float64Array.from(patternId, (q) => (q % 4 === 0 ? [1.5, -2, 0, -0][Math.floor(rand() * 4)] : q / 3));
    const patterns = Int32Array.from({ length: P }, (_, q) => 1000 + q);
    const vetoed = Uint8Array.from({ length: P }, (_, q) => (q % 7 === 3 ? 1 : 0));
    const whole = groupPairs(patternId, patterns, vetoed, weights);
    // groups by (pattern, weight), numbered by first pair, the plain way
    const ids = new Map<string, number>(), count: number[] = [], gid: number[] = [];
    patternId.forEach((q, k) => {
      const key = `${q} ${Object.is(weights[k], -0) ? '-0' : weights[k]}`;
      if (!ids.has(key)) { ids.set(key, ids.size); count.push(0); }
      gid.push(ids.get(key)!);
      count[ids.get(key)!]++;
    });
    expect(Array.from(whole.gid)).toEqual(gid);
    expect(Array.from(whole.count)).toEqual(count);
    expect(Array.from(whole.vetoed)).toEqual(Array.from(whole.pattern, (q) => vetoed[q]));
    expect(Array.from(whole.weight)).toEqual(Array.from(whole.pattern, (_, g) => weights[gid.indexOf(g)]));
    expect(whole.count.length).toBeGreaterThan(P);
    expect(whole.vetoed.some((v) => v)).toBe(true);
    for (const cuts of [[0, n], [0, 1, n], [0, 2500, n], [0, 17, 1800, 1801, 4000, n], [0, 0, n, n]]) {
      const gid = new Int32Array(n).fill(-1);
      const slices = cuts.slice(1).map((to, s) => groupSlice(patternId, P, weights, gid, cuts[s], to));
      const { groups, maps } = mergeGroups(slices, patterns, vetoed);
      cuts.slice(1).forEach((to, s) => { for (let k = cuts[s]; k < to; k++) gid[k] = maps[s][gid[k]]; });
      expect(Array.from(gid), cuts.join()).toEqual(Array.from(whole.gid));
      const { gid: _, ...rest } = whole;
      expect(groups).toEqual(rest);
    }
  });
});

describe('task results joined on the workers (PairGatherer.doneOn)', () => {
  it('gives the arrays of joining them here, results of uneven sizes split in shares', async () => {
    const config = defaultConfig();
    const adjusted = tfComparisons(config);
    expect(adjusted.some((a) => a)).toBe(true);
    const rand = mulberry32(4);
    const results = [5, 0, 1200, 3, 700, 701, 2, 40].map((n, t) => {
      const fill = () => { const a = sharedInt32(n); for (let k = 0; k < n; k++) a[k] = Math.floor(rand() * 1000) - (t === 3 ? 500 : 0); return a; };
      // patterns from a few values, so numbering them has repeats across results
      const pattern = sharedInt32(n);
      for (let k = 0; k < n; k++) pattern[k] = 100 + Math.floor(rand() * 30);
      return { rule: t % 3, skipped: t, left: fill(), right: fill(), pattern, tfMax: adjusted.map((a) => (a ? fill() : null)) };
    });
    const here = new PairGatherer(config, 3, true), there = new PairGatherer(config, 3, true);
    for (const r of results) { here.add(r); there.add(r); }
    const pool = EnginePool.open(2);
    try {
      const a = here.done();
      const sent: string[] = [];
      const counting = { threads: pool.threads, run: (t: Parameters<EnginePool['run']>[0]) => { sent.push(t.kind); return pool.run(t); } } as unknown as EnginePool;
      const b = await there.doneOn(counting);
      expect(sent).toEqual(['gather', 'gather']);
      expect(b.left.buffer).toBeInstanceOf(SharedArrayBuffer);
      for (const key of ['left', 'right', 'pattern', 'patternId'] as const) expect(Array.from(b[key]), key).toEqual(Array.from(a[key]));
      expect(b.tfMax.map((t) => t && Array.from(t))).toEqual(a.tfMax.map((t) => t && Array.from(t)));
      expect(b.patterns).toEqual(a.patterns);
      expect(Array.from(a.left.subarray(1205, 1208))).toEqual(Array.from(results[3].left));
      expect(a.left.length).toBe(2651);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
