/**
 * Estimating a model: u from seeded random pairs, m by EM on the blocked pairs' patterns,
 * λ from deterministic rules refined by EM (or, supervised, m and λ from labelled matches).
 */
import type { MatchConfig } from '../config/types.js';
import type { Columns } from '../columns.js';
import type { Comparator } from '../compare/comparator.js';
import { levelLabels, type Model } from './types.js';
import { runEm } from './em.js';
import { mulberry32 } from './random.js';

/** Number of distinct pairs the data holds (across inputs only, in link mode). */
export function totalPairs(columns: Columns, link: boolean): number {
  const n = columns.n;
  if (!link) return (n * (n - 1)) / 2;
  const per = new Map<number, number>();
  for (let i = 0; i < n; i++) per.set(columns.input[i], (per.get(columns.input[i]) ?? 0) + 1);
  const sizes = [...per.values()];
  let t = 0;
  for (let a = 0; a < sizes.length; a++) for (let b = a + 1; b < sizes.length; b++) t += sizes[a] * sizes[b];
  return t;
}

/**
 * u[c][level] from `pairs` seeded random pairs (Laplace smoothed; null level excluded).
 *
 * @example
 *   const u = estimateU(columns, comparator, config, false);
 */
export function estimateU(columns: Columns, comparator: Comparator, config: MatchConfig, link: boolean): number[][] {
  const { left, right } = randomPairs(columns, config, link);
  return smoothU(countLevels(comparator, left, right));
}

/**
 * The seeded random pairs u is estimated from (`training.uPairs` of them, fewer when the records
 * have fewer pairs; in link mode, only pairs across inputs).
 *
 * @example
 *   const { left, right } = randomPairs(columns, config, false);
 */
export function randomPairs(columns: Columns, config: MatchConfig, link: boolean): { left: Int32Array; right: Int32Array } {
  const n = columns.n;
  const rand = mulberry32(config.training.seed);
  const want = Math.min(config.training.uPairs, Math.max(0, totalPairs(columns, link)));
  const left = new Int32Array(want), right = new Int32Array(want);
  let drawn = 0, attempts = 0;
  while (drawn < want && attempts < want * 20) {
    attempts++;
    const i = Math.floor(rand() * n), j = Math.floor(rand() * n);
    if (i === j || (link && columns.input[i] === columns.input[j])) continue;
    left[drawn] = i;
    right[drawn++] = j;
  }
  return { left: left.subarray(0, drawn), right: right.subarray(0, drawn) };
}

/**
 * How many of the pairs fall in each level of each comparison: counts[c][level]. Counts of
 * slices of the pairs add up to those of all of them (what the worker threads do).
 *
 * @example
 *   const counts = countLevels(comparator, Int32Array.of(0), Int32Array.of(1));
 */
export function countLevels(comparator: Comparator, left: Int32Array, right: Int32Array): number[][] {
  const { radix } = comparator;
  const counts = radix.map((r) => new Array<number>(r).fill(0));
  for (let k = 0; k < left.length; k++) for (let c = 0; c < radix.length; c++) counts[c][comparator.level(c, left[k], right[k])]++;
  return counts;
}

/**
 * u[c][level] from level counts over random pairs: Laplace smoothed, null level excluded.
 *
 * @example
 *   smoothU([[5, 3, 1]]) // [[1, 3.5 / 5, 1.5 / 5]]
 */
export function smoothU(counts: readonly (readonly number[])[]): number[][] {
  return counts.map((row) => {
    let s = 0;
    for (let l = 1; l < row.length; l++) s += row[l];
    const L = row.length - 1;
    return row.map((v, l) => (l === 0 ? 1 : (v + 0.5) / (s + 0.5 * L)));
  });
}

/**
 * u[c][level] as the level frequencies over all blocked pairs (nearly all non-matches), Laplace
 * smoothed; null level excluded.
 *
 * @example
 *   const u = blockedU(histogram, comparator.radix, comparator.stride);
 */
export function blockedU(histogram: Map<number, number>, radix: number[], stride: number[]): number[][] {
  const counts = radix.map((r) => new Array<number>(r).fill(0));
  for (const [p, c] of histogram) for (let k = 0; k < radix.length; k++) counts[k][Math.floor(p / stride[k]) % radix[k]] += c;
  return smoothU(counts);
}

function initialM(radix: number[]): number[][] {
  return radix.map((r) => {
    const L = r - 2;
    const row = new Array<number>(r).fill(0);
    row[0] = 1;
    if (L === 1) { row[1] = 0.9; row[2] = 0.1; return row; }
    row[1] = 0.7;
    for (let l = 2; l <= L; l++) row[l] = 0.25 / (L - 1);
    row[L + 1] = 0.05;
    return row;
  });
}

/** Whether a pattern satisfies a deterministic rule (each named comparison at its first level). */
function deterministicMatcher(config: MatchConfig, comparator: Comparator): (pattern: number) => boolean {
  const idx = config.training.deterministic.map((rule) => rule.map((name) => config.comparisons.findIndex((c) => c.name === name)));
  const { stride, radix } = comparator;
  return (p) => idx.some((rule) => rule.every((c) => Math.floor(p / stride[c]) % radix[c] === 1));
}

export interface TrainInput {
  columns: Columns;
  comparator: Comparator;
  config: MatchConfig;
  link: boolean;
  /** Patterns of the blocked pairs. */
  histogram: Map<number, number>;
  blockedPairs: number;
  /** u from the random pairs, already estimated (on the worker threads, during the comparisons): {@link estimateU}'s result. */
  randomU?: number[][];
}

/**
 * Unsupervised estimation (Splink-style): u from random pairs, m by EM, λ from deterministic rules.
 *
 * @example
 *   const model = trainEm({ columns, comparator, config, link: false, histogram, blockedPairs });
 */
export function trainEm(input: TrainInput): Model {
  const { columns, comparator, config, link, histogram, blockedPairs } = input;
  const { radix, stride } = comparator;
  const uBlocked = config.training.u === 'blocked' && blockedPairs > 0;
  const u = uBlocked ? blockedU(histogram, radix, stride) : input.randomU ?? estimateU(columns, comparator, config, link);
  const isDet = deterministicMatcher(config, comparator);
  let det = 0;
  for (const [p, c] of histogram) if (isDet(p)) det += c;
  const pairsTotal = Math.max(1, totalPairs(columns, link));
  // 1. m bootstrapped from the pairs the deterministic rules catch, each comparison estimated from
  //    rules that do not involve it (so a rule on SIRET tells how often true matches share a name).
  const rules = config.training.deterministic.map((r) => r.map((n) => config.comparisons.findIndex((c) => c.name === n)));
  // a rule tells about comparison c only when it reads none of c's fields: a level of "lieu" on
  // the address (one address, points apart) learns nothing from pairs picked for their address
  const fieldsOf = config.comparisons.map((c) => {
    const f = new Set<string>([c.field, ...(c.tfField ? [c.tfField] : [])]);
    for (const l of c.levels) {
      if (l.field) f.add(l.field);
      for (const a of l.also ?? []) f.add(a);
      if (l.absent) f.add(l.absent);
    }
    return f;
  });
  const informs = (rule: number[], c: number) => rule.every((k) => k !== c && ![...fieldsOf[k]].some((f) => fieldsOf[c].has(f)));
  const counts = radix.map((r) => new Array<number>(r).fill(0));
  const countsAll = radix.map((r) => new Array<number>(r).fill(0));
  for (const [p, cnt] of histogram) {
    const lv = radix.map((r, c) => Math.floor(p / stride[c]) % r);
    const hit = rules.filter((rule) => rule.every((c) => lv[c] === 1));
    if (!hit.length) continue;
    for (let c = 0; c < radix.length; c++) {
      countsAll[c][lv[c]] += cnt;
      if (hit.some((rule) => informs(rule, c))) counts[c][lv[c]] += cnt;
    }
  }
  const smooth = (row: number[]) => {
    let s = 0;
    for (let l = 1; l < row.length; l++) s += row[l];
    return row.map((v, l) => (l === 0 ? 1 : (v + 0.5) / (s + 0.5 * (row.length - 1))));
  };
  const nonNull = (row: number[]) => row.slice(1).reduce((a, b) => a + b, 0);
  const init = initialM(radix);
  const m0 = counts.map((row, c) => (nonNull(row) >= 20 ? smooth(row) : nonNull(countsAll[c]) >= 20 ? smooth(countsAll[c]) : init[c]));
  // 2. EM refines m with u held at its random-pair estimate; the result is kept only when it stays
  //    plausible (EM over blocked pairs can drift to "every blocked pair matches"). With u from the
  //    blocked pairs the mixture has no such anchor and EM pulls the network siblings into the
  //    match class (synthetic 100k: best F1 0.94 → 0.90): the bootstrapped m is kept.
  const p0 = Math.min(0.5, Math.max(1e-4, det / config.training.recall / Math.max(1, blockedPairs)));
  const em = runEm({ histogram, radix, stride, u, m: m0, p: p0, iterations: config.training.emIterations });
  const plausible = !uBlocked && em.p <= Math.min(0.9, 3 * p0);
  const m = plausible ? em.m : m0;
  // λ: the share of matches among the pairs u describes (all pairs, or the blocked ones)
  const among = uBlocked ? Math.max(1, blockedPairs) : pairsTotal;
  const fromRules = det / config.training.recall / among;
  // EM's share of matches refines it when it is plausible: no fewer matches than the rules found
  // (their recall 1) and no more than three times the rules' estimate. The rules' recall is a
  // guess (0.8); on the synthetic corpus they catch 0.6 of the matches, and EM's share is within
  // 4 % of the true one where the rules' estimate is 27 % short.
  const fromEm = (em.p * blockedPairs) / among;
  const emLambda = det > 0 && fromEm >= det / among && fromEm <= 3 * fromRules;
  const lambda = Math.min(0.5, Math.max(1e-12, det > 0 && !emLambda ? fromRules : fromEm));
  return assemble(config, m, u, lambda, {
    method: 'em', records: columns.n, blockedPairs, uPairs: config.training.uPairs,
    emIterations: em.iterations, emConverged: em.converged, blockedMatchShare: em.p, deterministicPairs: det,
    emKept: plausible, lambdaFrom: emLambda || det === 0 ? 'em' : 'rules', u: uBlocked ? 'blocked' : 'random',
  });
}

/**
 * Supervised m: the level frequencies among labelled true matches; λ from their count. With
 * `training.u = 'blocked'` and the blocked pairs given, u and λ refer to the blocked pairs.
 *
 * @example
 *   const model = trainSupervised(columns, comparator, config, false, [[0, 1], [4, 9]]);
 */
export function trainSupervised(
  columns: Columns, comparator: Comparator, config: MatchConfig, link: boolean, matches: [number, number][],
  blocked?: { histogram: Map<number, number>; pairs: number },
  randomU?: number[][],
): Model {
  const uBlocked = config.training.u === 'blocked' && !!blocked && blocked.pairs > 0;
  const u = uBlocked ? blockedU(blocked!.histogram, comparator.radix, comparator.stride) : randomU ?? estimateU(columns, comparator, config, link);
  const counts = comparator.radix.map((r) => new Array<number>(r).fill(0));
  for (const [i, j] of matches) for (let c = 0; c < counts.length; c++) counts[c][comparator.level(c, i, j)]++;
  const m = smoothU(counts);
  const among = uBlocked ? blocked!.pairs : Math.max(1, totalPairs(columns, link));
  const lambda = Math.min(0.5, Math.max(1e-12, matches.length / among));
  return assemble(config, m, u, lambda, { method: 'supervised', records: columns.n, blockedPairs: blocked?.pairs ?? 0, uPairs: config.training.uPairs, u: uBlocked ? 'blocked' : 'random' });
}

function assemble(config: MatchConfig, m: number[][], u: number[][], lambda: number, training: Model['training']): Model {
  const labels = levelLabels(config);
  return {
    format: 'recoupe-fellegi-sunter',
    version: 1,
    lambda,
    comparisons: config.comparisons.map((c, k) => ({
      name: c.name,
      tf: !!c.tf,
      levels: labels[k].map((label, l) => ({ label, m: l === 0 ? 1 : m[k][l], u: l === 0 ? 1 : u[k][l] })),
    })),
    training,
  };
}
