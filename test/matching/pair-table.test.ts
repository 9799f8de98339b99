import { describe, expect, it } from 'vitest';
import { block, gatherBlocked, loadConfig, match, planBlocking, runTasks, type Blocked, type MatchConfig, type Model } from '../../matching/index.js';
import { PairGatherer } from '../../matching/engine.js';
import { createScorer } from '../../matching/model/score.js';
import { levelOf } from '../../matching/compare/comparator.js';
import { IntNumbering, StringNumbering, stringHash } from '../../matching/numbering.js';
import type { KeyColumn, StringColumn } from '../../matching/columns.js';
import { readAll } from '../../src/io/index.js';
import { corpus } from '../../src/generate/corpus.js';

/** The larger value frequency of each pair at level 1 of comparison c, read from the columns (0 at any other level). */
function expectedTfMax(b: Blocked, config: MatchConfig, c: number): Int32Array {
  const spec = config.comparisons[c];
  const col = b.prepared.columns.fields[spec.tfField ?? spec.field] as KeyColumn | StringColumn;
  return Int32Array.from(b.left, (i, k) => {
    if (levelOf(b.pattern[k], b.comparator.stride, b.comparator.radix, c) !== 1) return 0;
    return Math.max(col.freq[col.ids[i]], col.freq[col.ids[b.right[k]]], 1);
  });
}

/** The pairs' table agrees with the pairs: pattern numbers, counts, term frequencies. */
function checkTable(b: Blocked, config: MatchConfig, tfComparisons: string[]) {
  const n = b.left.length;
  expect(b.patternId).toHaveLength(n);
  const counts = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    if (b.patterns[b.patternId[k]] !== b.pattern[k]) expect({ k, pattern: b.patterns[b.patternId[k]] }).toEqual({ k, pattern: b.pattern[k] });
    counts.set(b.pattern[k], (counts.get(b.pattern[k]) ?? 0) + 1);
  }
  // numbered in the order first met, each once
  expect(new Set(b.patterns).size).toBe(b.patterns.length);
  expect([...b.histogram]).toEqual([...counts]);
  expect(Array.from(b.patternCounts)).toEqual([...counts.values()]);
  const named = config.comparisons.map((c) => c.name);
  expect(b.tfMax.flatMap((t, c) => (t ? [named[c]] : []))).toEqual(tfComparisons);
  for (const name of tfComparisons) {
    const c = named.indexOf(name);
    const want = expectedTfMax(b, config, c);
    expect(Array.from(b.tfMax[c]!)).toEqual(Array.from(want));
    // not a table of zeros and ones: shared values are counted
    expect(want.some((v) => v > 1)).toBe(true);
  }
}

/** A scorer's weights of the whole table are its weights pair by pair, exactly. */
function checkWeights(b: Blocked, model: Model) {
  const scorer = createScorer(model, b.config, b.prepared.columns, b.comparator);
  const n = b.left.length;
  const all = scorer.weights(b, new Float64Array(n));
  const fs = scorer.fsWeights(b, new Float64Array(n));
  for (let k = 0; k < n; k++) {
    const [p, i, j] = [b.pattern[k], b.left[k], b.right[k]];
    if (!Object.is(all[k], scorer.weight(p, i, j))) expect({ k, weight: all[k] }).toEqual({ k, weight: scorer.weight(p, i, j) });
    if (!Object.is(fs[k], scorer.fsWeight(p, i, j))) expect({ k, fs: fs[k] }).toEqual({ k, fs: scorer.fsWeight(p, i, j) });
  }
  // `only`: the pairs of the marked patterns are written, the others left as they were
  const only = Uint8Array.from(b.patterns, (_, q) => q % 2);
  const some = scorer.weights(b, new Float64Array(n).fill(Number.NaN), only);
  for (let k = 0; k < n; k++) expect(Object.is(some[k], only[b.patternId[k]] ? all[k] : Number.NaN)).toBe(true);
}

describe('the candidate pairs as a table (pattern numbers, term frequencies)', () => {
  it('numbers int keys densely in the order met, with counts, past any table size', () => {
    const n = new IntNumbering();
    const keys = Array.from({ length: 6000 }, (_, t) => ((t * 2654435761) | 0) ^ (t % 3 ? -t : t));
    const seen = new Map<number, number>();
    for (let r = 0; r < 3; r++) for (const k of keys.slice(0, 2000 * (r + 1))) {
      if (!seen.has(k)) seen.set(k, seen.size);
      expect(n.id(k)).toBe(seen.get(k));
    }
    expect(n.size).toBe(seen.size);
    expect(Array.from(n.keys())).toEqual([...seen.keys()]);
    expect(Array.from(n.counts())).toEqual([...seen.keys()].map((k) => keys.slice(0, 2000).filter((x) => x === k).length
      + keys.slice(0, 4000).filter((x) => x === k).length + keys.filter((x) => x === k).length));
  });

  it('numbers strings densely in the order met, given their hashes or not, past any table size, colliding hashes included', () => {
    const words = Array.from({ length: 5000 }, (_, t) => (t % 4 ? `mission locale ${t % 1700}` : `ccas é${t % 900}`));
    const byHash = new StringNumbering(), plain = new StringNumbering();
    const seen = new Map<string, number>();
    for (const w of words) {
      if (!seen.has(w)) seen.set(w, seen.size);
      // the hash of a string made elsewhere (a worker's) equals the one computed here
      expect(byHash.id(w, stringHash(w.slice(0)))).toBe(seen.get(w));
      expect(plain.id(w)).toBe(seen.get(w));
    }
    expect(byHash.values).toEqual([...seen.keys()]);
    expect(plain.size).toBe(seen.size);
    expect(Array.from(byHash.hashes())).toEqual([...seen.keys()].map(stringHash));
    // distinct strings under one hash stay distinct (compared when the hashes are equal)
    const forced = new StringNumbering();
    expect([forced.id('a', 1), forced.id('b', 1), forced.id('a', 1), forced.id('c', 1), forced.id('b', 1)]).toEqual([0, 1, 0, 2, 1]);
    expect(stringHash('nom')).not.toBe(stringHash('non'));
  });

  it('data·inclusion default: one thread and two give the same table, which the scorers read as they score pair by pair', async () => {
    const rows = [...corpus({ entities: 1500, seed: 9 })].flatMap((item) => item.records.map((r) => r.structure));
    const one = await block(rows, { threads: 1 });
    const two = await block(rows, { threads: 2 });
    expect(two.threadIds.length).toBe(2);
    checkTable(one, one.config, ['nom']);
    expect(Array.from(two.patternId)).toEqual(Array.from(one.patternId));
    expect(Array.from(two.patterns)).toEqual(Array.from(one.patterns));
    expect(two.tfMax.map((t) => t && Array.from(t))).toEqual(one.tfMax.map((t) => t && Array.from(t)));
    // the self-calibrated model (scale, levels, interactions) and the plain Fellegi–Sunter one
    const { model } = await match(rows, { threads: 1 });
    expect(model.calibration?.labelled).toBe('clusters');
    checkWeights(one, model);
    checkWeights(one, { ...model, calibration: undefined });
  }, 120_000);

  it('Febrl: three comparisons adjusted by term frequency', async () => {
    const config = loadConfig('fixtures/configs/febrl.json');
    const { rows } = await readAll('fixtures/febrl/dataset3.csv');
    const b = await block(rows.slice(0, 1500), { config, threads: 1 });
    checkTable(b, config, ['given_name', 'surname', 'suburb']);
    const { model } = await match(rows.slice(0, 1500), { config, threads: 1 });
    checkWeights(b, model);
  }, 120_000);

  it('a gatherer fed result by result gives the table of all results joined at once', async () => {
    const config = loadConfig('fixtures/configs/febrl.json');
    const { rows } = await readAll('fixtures/febrl/dataset3.csv');
    const plan = planBlocking(rows.slice(0, 1500), { config, threads: 1 });
    const { results } = await runTasks(plan.data, plan.tasks, 1);
    expect(results.length).toBeGreaterThan(2);
    const whole = gatherBlocked(plan, results, [0]);
    const gatherer = new PairGatherer(config, plan.rules.length);
    for (const r of results) gatherer.add(r);
    const grown = gatherBlocked(plan, [], [0], gatherer);
    expect(whole.left.length).toBeGreaterThan(500);
    for (const key of ['left', 'right', 'pattern', 'patternId', 'patterns', 'patternCounts'] as const)
      expect(Array.from(grown[key]), key).toEqual(Array.from(whole[key]));
    expect(grown.tfMax.map((t) => t && Array.from(t))).toEqual(whole.tfMax.map((t) => t && Array.from(t)));
    expect(grown.reports.map((r) => [r.pairs, r.skippedNeighbourhoods])).toEqual(whole.reports.map((r) => [r.pairs, r.skippedNeighbourhoods]));
    checkTable(grown, config, ['given_name', 'surname', 'suburb']);
    // a result made without a comparison's term frequencies is refused, naming it
    const stripped = { ...results[0], tfMax: results[0].tfMax.map(() => null) };
    expect(() => new PairGatherer(config, plan.rules.length).add(stripped)).toThrow(/lacks the term frequencies of comparison "given_name"/);
  }, 120_000);
});
