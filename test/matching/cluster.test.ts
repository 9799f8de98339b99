import { describe, expect, it } from 'vitest';
import { cluster, mulberry32 } from '../../matching/index.js';
import { strongestFirst } from '../../matching/cluster.js';

describe('clustering', () => {
  it('merges pairs above the threshold; the rest stay singletons', () => {
    const c = cluster(5, Int32Array.of(0, 1, 3), Int32Array.of(1, 2, 4), Float64Array.of(8, 6, -2), 0, { warnSize: 20, maxSize: 50 });
    expect(Array.from(c.clusterOf)).toEqual([0, 0, 0, 1, 2]);
    expect(c.histogram).toEqual({ 3: 1, 1: 2 });
  });

  it('splits a component above the limit by cutting its weakest edges, and warns', () => {
    // two chains of 30 records, strongly linked inside, joined by one weak edge
    const left: number[] = [], right: number[] = [], w: number[] = [];
    for (let i = 0; i < 29; i++) { left.push(i); right.push(i + 1); w.push(20); }
    for (let i = 30; i < 59; i++) { left.push(i); right.push(i + 1); w.push(20); }
    left.push(29); right.push(30); w.push(1); // weakest link
    const c = cluster(60, Int32Array.from(left), Int32Array.from(right), Float64Array.from(w), 0, { warnSize: 20, maxSize: 50 });
    expect(c.split).toEqual([60]);
    expect(c.count).toBe(2);
    expect(c.clusterOf[0]).toBe(c.clusterOf[29]);
    expect(c.clusterOf[30]).toBe(c.clusterOf[59]);
    expect(c.clusterOf[29]).not.toBe(c.clusterOf[30]);
    expect(c.warnings).toEqual([30, 30]);
  });
});

describe('average linkage (cluster.minAverage)', () => {
  const limits = { warnSize: 20, maxSize: 50, minAverage: 0.3 };
  // weight in bits of a probability
  const w = (p: number) => Math.log2(p / (1 - p));
  // two triangles (0-1-2, 3-4-5) of strong pairs
  const triangles = () => {
    const left = [0, 0, 1, 3, 3, 4], right = [1, 2, 2, 4, 5, 5], weight = [w(0.99), w(0.98), w(0.97), w(0.99), w(0.98), w(0.97)];
    return { left, right, weight };
  };
  const run = (e: { left: number[]; right: number[]; weight: number[] }, l: typeof limits | { warnSize: number; maxSize: number }) =>
    cluster(6, Int32Array.from(e.left), Int32Array.from(e.right), Float64Array.from(e.weight), 0, l);

  it('does not let one strong pair join two groups that every other pair tells apart', () => {
    const e = triangles();
    e.left.push(2); e.right.push(3); e.weight.push(w(0.9)); // the chain
    e.left.push(1); e.right.push(4); e.weight.push(w(0.02)); // scored, far below
    // connected components: one cluster of 6
    expect(run(e, { warnSize: 20, maxSize: 50 }).count).toBe(1);
    const c = run(e, limits);
    // mean over the 9 pairs between the triangles: (0.9 + 0.02) / 9 ≈ 0.10 < 0.3
    expect(c.count).toBe(2);
    expect(c.refused).toBe(1);
    expect(c.clusterOf[0]).toBe(c.clusterOf[2]);
    expect(c.clusterOf[3]).toBe(c.clusterOf[5]);
    expect(c.clusterOf[2]).not.toBe(c.clusterOf[3]);
  });

  it('joins two groups when the pairs between them agree on average', () => {
    const e = triangles();
    for (const [a, b, p] of [[2, 3, 0.9], [1, 4, 0.6], [0, 5, 0.4]] as const) { e.left.push(a); e.right.push(b); e.weight.push(w(p)); }
    // mean (0.9 + 0.6 + 0.4) / 9 ≈ 0.21: refused at 0.3, joined at 0.2
    expect(run(e, limits).count).toBe(2);
    const c = run(e, { ...limits, minAverage: 0.2 });
    expect(c.count).toBe(1);
    expect(c.refused).toBe(0);
    expect(c.histogram).toEqual({ 6: 1 });
  });

  it('builds from the strongest pair down, whatever the order of the pairs', () => {
    // 0 is close to 1 (0.95) and to 2 (0.6); 1 and 2 are scored apart (0.05)
    const e = { left: [0, 0, 1], right: [2, 1, 2], weight: [w(0.6), w(0.95), w(0.05)] };
    const a = run(e, limits);
    // 0-1 first; then 2 against {0, 1}: (0.6 + 0.05) / 2 = 0.325 ≥ 0.3, joined
    expect(a.count).toBe(4);
    const b = run({ left: [1, 0, 0], right: [2, 2, 1], weight: [w(0.05), w(0.6), w(0.95)] }, { ...limits, minAverage: 0.35 });
    // at 0.35 the same mean is refused, and 2 stays alone, whichever pair came first
    expect(b.count).toBe(5);
    expect(b.clusterOf[0]).toBe(b.clusterOf[1]);
    expect(b.refused).toBe(1);
  });

  it('still caps groups at maxSize and reports the component as split', () => {
    const left: number[] = [], right: number[] = [], weight: number[] = [];
    for (let i = 0; i < 59; i++) { left.push(i); right.push(i + 1); weight.push(i === 29 ? 1 : 20); }
    // a chain: every merge's mean is 1 / (|A| |B|) of strong pairs; keep the linkage permissive
    const c = cluster(60, Int32Array.from(left), Int32Array.from(right), Float64Array.from(weight), 0, { warnSize: 20, maxSize: 50, minAverage: 0.0001 });
    expect(c.split).toEqual([60]);
    expect(Math.max(...Object.keys(c.histogram).map(Number))).toBeLessThanOrEqual(50);
  });
});

describe('the strongest pairs first (strongestFirst)', () => {
  it('orders as the comparator sort: weight descending, then left, then right, ties and records past 2^22 included', () => {
    const rand = mulberry32(5);
    for (const n of [7, 3000, 6_000_000]) {
      const m = 20_000;
      const left = new Int32Array(m), right = new Int32Array(m), weight = new Float64Array(m);
      for (let k = 0; k < m; k++) {
        const a = Math.floor(rand() * n), b = Math.floor(rand() * n);
        left[k] = Math.min(a, b);
        right[k] = Math.max(a, b);
        // few distinct weights: most pairs tie on weight, many on left too when n is small
        weight[k] = [-1.5, 0, 0.25, 3, 12.75, -0][Math.floor(rand() * 6)];
      }
      const kept = Int32Array.from({ length: m / 2 }, (_, q) => 2 * q + (q % 3 === 0 ? 1 : 0));
      const want = Array.from(kept).sort((a, b) => weight[b] - weight[a] || left[a] - left[b] || right[a] - right[b] || a - b);
      expect(Array.from(strongestFirst(kept, n, left, right, weight)), `n = ${n}`).toEqual(want);
    }
  });
});

describe('clustering against a plain reference', () => {
  // the documented rules written the plain way: components over pairs ≥ minWeight, or average
  // linkage strongest pair first (a pair joins two groups when the mean probability over all pairs
  // between them, those below 1 % counting 0, reaches minAverage), groups capped at maxSize
  const reference = (n: number, left: Int32Array, right: Int32Array, weight: Float64Array, minWeight: number, minAverage: number, maxSize: number): number[] => {
    const prob = (w: number) => 1 / (1 + 2 ** -w);
    const group = Array.from({ length: n }, (_, i) => i);
    const between = new Map<string, number>();
    weight.forEach((w, k) => { if (prob(w) >= 0.01) between.set(`${Math.min(left[k], right[k])} ${Math.max(left[k], right[k])}`, prob(w)); });
    const order = Array.from(weight.keys()).filter((k) => weight[k] >= minWeight)
      .sort((a, b) => weight[b] - weight[a] || left[a] - left[b] || right[a] - right[b] || a - b);
    for (const k of order) {
      const ga = group[left[k]], gb = group[right[k]];
      if (ga === gb) continue;
      const A = group.flatMap((g, i) => (g === ga ? [i] : [])), B = group.flatMap((g, i) => (g === gb ? [i] : []));
      if (A.length + B.length > maxSize) continue;
      let sum = 0;
      for (const i of A) for (const j of B) sum += between.get(`${Math.min(i, j)} ${Math.max(i, j)}`) ?? 0;
      if (sum < minAverage * A.length * B.length - 1e-9) continue;
      for (const j of B) group[j] = ga;
    }
    // numbered by each cluster's first record
    const id = new Map<number, number>();
    return group.map((g) => (id.has(g) ? id.get(g)! : (id.set(g, id.size), id.size - 1)));
  };

  it('gives the reference clusters, records in no pair (most of them) left alone, with average linkage and without', () => {
    const rand = mulberry32(11);
    for (let round = 0; round < 20; round++) {
      const n = 400;
      // distinct pairs (as candidate pairs are) among a few records spread over the range: many records in none
      const seen = new Set<string>();
      const l: number[] = [], r: number[] = [], w: number[] = [];
      while (l.length < 300) {
        const a = 7 * Math.floor(rand() * 40) + (round % 7), b = 7 * Math.floor(rand() * 40) + ((round * 3) % 7);
        const i = Math.min(a, b), j = Math.max(a, b) + (a === b ? 1 : 0);
        if (seen.has(`${i} ${j}`)) continue;
        seen.add(`${i} ${j}`);
        l.push(i); r.push(j); w.push(Math.round((rand() * 30 - 12) * 4) / 4);
      }
      const left = Int32Array.from(l), right = Int32Array.from(r), weight = Float64Array.from(w);
      for (const minAverage of [0, 0.3]) {
        const maxSize = round % 2 ? 6 : 50;
        const c = cluster(n, left, right, weight, 0, { warnSize: 20, maxSize, minAverage });
        // without average linkage the reference is components, split strongest first when above maxSize
        const want = minAverage ? reference(n, left, right, weight, 0, minAverage, maxSize) : null;
        if (want) expect(Array.from(c.clusterOf), `round ${round}`).toEqual(want);
        else {
          const plain = reference(n, left, right, weight, 0, 0, Infinity);
          const sizes = new Map<number, number>();
          plain.forEach((g) => sizes.set(g, (sizes.get(g) ?? 0) + 1));
          if ([...sizes.values()].every((s) => s <= maxSize)) expect(Array.from(c.clusterOf), `round ${round}`).toEqual(plain);
          else expect(Array.from(c.clusterOf), `round ${round}`).toEqual(reference(n, left, right, weight, 0, 0, maxSize));
        }
        expect(c.count).toBe(new Set(c.clusterOf).size);
      }
    }
  });
});
