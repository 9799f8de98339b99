import { describe, it, expect } from 'vitest';
import { mulberry32 } from '../../matching/index.js';
import { sweep, scoresAt, judgePairs, type Run } from '../../src/report/index.js';

/** A small in-memory run: 40 records in 12 entities, 150 random pairs with seeded weights. */
function smallRun(seed: number) {
  const rnd = mulberry32(seed);
  const n = 40;
  const ids = Array.from({ length: n }, (_, i) => `r${i}`);
  const entity = ids.map(() => `e${Math.floor(rnd() * 12)}`);
  const seen = new Set<string>();
  const left: number[] = [], right: number[] = [], weight: number[] = [];
  while (left.length < 150) {
    const i = Math.floor(rnd() * n), j = Math.floor(rnd() * n);
    if (i === j || seen.has(`${Math.min(i, j)}-${Math.max(i, j)}`)) continue;
    seen.add(`${Math.min(i, j)}-${Math.max(i, j)}`);
    left.push(i); right.push(j);
    // true pairs score higher on average; weights rounded so that ties happen
    weight.push(Math.round((entity[i] === entity[j] ? 6 : -2) + 8 * (rnd() - 0.5)));
  }
  const run = {
    dir: 'mem', ids, index: new Map(ids.map((id, i) => [id, i])), clusterOf: ids.slice(),
    pairs: { left: Int32Array.from(left), right: Int32Array.from(right), weight: Float64Array.from(weight), probability: Float64Array.from(weight, (w) => 1 / (1 + 2 ** -w)) },
    badPairRows: [], model: {} as Run['model'], summary: {} as Run['summary'], threshold: 0.9, thresholdWeight: Math.log2(9),
  } satisfies Run;
  return { run, entity };
}

/** Precision, recall, F1 counted pair by pair, every record pair enumerated. */
function bruteForce(run: Run, isTrue: (a: number, b: number) => boolean | undefined, cut: number) {
  let tp = 0, fp = 0, positives = 0;
  for (let a = 0; a < run.ids.length; a++) for (let b = a + 1; b < run.ids.length; b++) if (isTrue(a, b)) positives++;
  for (let k = 0; k < run.pairs.weight.length; k++) {
    const t = isTrue(run.pairs.left[k], run.pairs.right[k]);
    if (t === undefined || run.pairs.weight[k] < cut) continue;
    if (t) tp++;
    else fp++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1, recall = positives ? tp / positives : 1;
  return { tp, fp, fn: positives - tp, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

describe('threshold sweep', () => {
  for (const seed of [1, 2, 3]) it(`equals a brute-force count at every cut against an entity truth (seed ${seed})`, () => {
    const { run, entity } = smallRun(seed);
    const truth = { kind: 'entities' as const, entityOf: new Map(run.ids.map((id, i) => [id, entity[i]])) };
    const s = sweep(judgePairs(run, truth));
    const distinctWeights = new Set(run.pairs.weight).size;
    expect(s.points).toHaveLength(distinctWeights);
    let bestF1 = 0, lowestPrecise = Infinity;
    for (const p of s.points) {
      const b = bruteForce(run, (a, c) => entity[a] === entity[c], p.weight);
      expect({ tp: p.tp, fp: p.fp, fn: p.fn }).toEqual({ tp: b.tp, fp: b.fp, fn: b.fn });
      expect(p.precision).toBeCloseTo(b.precision, 12);
      expect(p.recall).toBeCloseTo(b.recall, 12);
      expect(p.f1).toBeCloseTo(b.f1, 12);
      bestF1 = Math.max(bestF1, b.f1);
      if (b.precision >= 0.98) lowestPrecise = Math.min(lowestPrecise, p.weight);
    }
    // every cut between two scored weights gives one of the sweep's points: the best is among them
    for (let w = -8; w <= 14; w += 0.5) expect(bruteForce(run, (a, c) => entity[a] === entity[c], w).f1).toBeLessThanOrEqual(bestF1 + 1e-12);
    expect(s.bestF1!.f1).toBeCloseTo(bestF1, 12);
    expect(s.precisionAtLeast?.weight ?? Infinity).toBe(lowestPrecise);
    // a run threshold between points scores like the brute force too
    const at = scoresAt(judgePairs(run, truth), 2.3);
    expect(at.tp).toBe(bruteForce(run, (a, c) => entity[a] === entity[c], 2.3).tp);
  });

  it('equals a brute-force count on labelled pairs only, unsure counted as distinct, unscored labels never predicted', () => {
    const { run, entity } = smallRun(7);
    const matches: [string, string][] = [], distinct: [string, string][] = [];
    const label = new Map<string, boolean>();
    for (let k = 0; k < 60; k++) {
      const a = run.pairs.left[k], b = run.pairs.right[k];
      (entity[a] === entity[b] ? matches : distinct).push([run.ids[b], run.ids[a]]); // reversed order on purpose
      label.set(`${Math.min(a, b)}-${Math.max(a, b)}`, entity[a] === entity[b]);
    }
    // a true pair that was never scored: counts as a positive, never predicted
    const unscored = (() => {
      for (let a = 0; a < run.ids.length; a++) for (let b = a + 1; b < run.ids.length; b++)
        if (entity[a] === entity[b] && !run.pairs.left.some((l, k) => (l === a && run.pairs.right[k] === b) || (l === b && run.pairs.right[k] === a))) return [a, b];
      throw new Error('no unscored true pair');
    })();
    matches.push([run.ids[unscored[0]], run.ids[unscored[1]]]);
    label.set(`${unscored[0]}-${unscored[1]}`, true);
    const s = sweep(judgePairs(run, { kind: 'labels', matches, distinct }));
    expect(s.positives).toBe(matches.length);
    const isTrue = (a: number, b: number) => label.get(`${Math.min(a, b)}-${Math.max(a, b)}`);
    for (const p of s.points) {
      const b = bruteForce(run, isTrue, p.weight);
      expect({ tp: p.tp, fp: p.fp, fn: p.fn }).toEqual({ tp: b.tp, fp: b.fp, fn: b.fn });
    }
    expect(s.points[s.points.length - 1].recall).toBeLessThan(1);
  });
});
