/**
 * Logistic calibration of a Fellegi–Sunter model on labelled candidate pairs.
 *
 * Naive Bayes adds each comparison's evidence as if independent. On data·inclusion places that
 * over-counts some combinations ("same name, same address" and "points 300 m apart": given the
 * address, the distance says little) and under-counts others. With labels (the generator's truth,
 * or the data team's labels.json), a logistic regression on the candidate pairs learns, in bits:
 * a scale of the Fellegi–Sunter weight, an intercept, a correction per comparison level, and one
 * weight per pair of levels for the pairs of comparisons the config lists in
 * `training.interactions`. The result stays a sum of named terms: `explain` shows each.
 *
 * The fit is Newton's method with an L2 penalty (every term but scale and intercept) and a dense
 * Hessian of a few hundred terms; the labelled pairs are grouped by (pattern, weight, label) with a
 * count, a pass over the groups only sums by comparison pattern, the terms are expanded per pattern.
 */
import type { MatchConfig } from '../config/types.js';
import type { Calibration } from './types.js';
import { levelOf } from '../compare/comparator.js';

const LN2 = Math.LN2;

export interface CalibrationInput {
  config: MatchConfig;
  radix: number[];
  stride: number[];
  /** Candidate pairs: record indexes and comparison patterns. */
  left: ArrayLike<number>;
  right: ArrayLike<number>;
  pattern: ArrayLike<number>;
  /** The Fellegi–Sunter weight of pair k (bits, term frequencies included, no veto cap). */
  fsWeight(k: number): number;
  /** Pairs a veto caps are left out (the cap decides them). */
  vetoed(pattern: number): boolean;
  /** 1 a labelled match, 0 a labelled non-match, -1 unknown (left out). */
  label(i: number, j: number): number;
  /**
   * Labels from clusters instead of `label` (self-calibration's): a pair is a match when both its
   * records have one cluster number here, a non-match otherwise (only with `grouping`).
   */
  clusterOf?: Int32Array;
  /**
   * With `clusterOf`: per group, how many of its pairs have both records in one cluster, counted
   * already ({@link countClusterLabels}, e.g. in slices on the worker threads); the fit then reads
   * no pair.
   */
  clusterOnes?: Float64Array;
  /**
   * The pairs grouped once by (pattern, weight) for several fits on the same pairs with other
   * labels (self-calibration's rounds, {@link groupPairs}): each fit then only counts labels per
   * group. `fsWeight` and `vetoed` are not called.
   */
  grouping?: PairGrouping;
  /** Newton starts from this calibration of the same config (default: the Fellegi–Sunter model itself). */
  start?: Calibration;
  /** L2 penalty (default 1). */
  l2?: number;
  maxIterations?: number;
}

/** Term layout: 0 intercept, 1 scale, then the level terms and the interaction cells that occur. */
interface Layout {
  size: number;
  level: Int32Array[];
  cells: Map<number, number>[];
  pairs: [number, number][];
}

/** A layout and each pattern's terms, ascending, flattened: termOff[q] … termOff[q + 1] in terms. */
interface TermLayout {
  layout: Layout;
  termOff: Int32Array;
  terms: Int32Array;
}

/** The term layout of the last fit on a grouping, for the patterns it met (self-calibration's rounds fit on the same pairs). */
const layouts = new WeakMap<PairGrouping, TermLayout & { patterns: number[] }>();

const sameNumbers = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((v, k) => v === b[k]);

function termLayout(patterns: readonly number[], pairs: [number, number][], radix: number[], stride: number[]): TermLayout {
  const level = (p: number, c: number) => levelOf(p, stride, radix, c);
  const layout: Layout = { size: 2, level: radix.map((r) => new Int32Array(r).fill(-1)), cells: pairs.map(() => new Map()), pairs };
  for (const p of patterns) {
    for (let c = 0; c < radix.length; c++) {
      const l = level(p, c);
      if (l > 0 && layout.level[c][l] < 0) layout.level[c][l] = layout.size++;
    }
    pairs.forEach(([a, b], q) => {
      const la = level(p, a), lb = level(p, b);
      if (la > 0 && lb > 0 && !layout.cells[q].has(la * radix[b] + lb)) layout.cells[q].set(la * radix[b] + lb, layout.size++);
    });
  }
  const P = patterns.length;
  const termOff = new Int32Array(P + 1);
  // (a typed array's own sort is numeric and allocates nothing per comparison)
  const lists = patterns.map((p) => Int32Array.from(termsOf(p, layout, radix, stride)).sort());
  lists.forEach((t, q) => { termOff[q + 1] = termOff[q] + t.length; });
  const terms = new Int32Array(termOff[P]);
  lists.forEach((t, q) => terms.set(t, termOff[q]));
  return { layout, termOff, terms };
}

/**
 * Fits the calibration; returns null when the labelled pairs hold no match or no non-match.
 *
 * @example
 *   const cal = fitCalibration({ config, radix, stride, left, right, pattern, fsWeight, vetoed, label });
 */
export function fitCalibration(input: CalibrationInput): Calibration | null {
  const { config, radix, stride } = input;
  const l2 = input.l2 ?? 1;
  const names = config.comparisons.map((c) => c.name);
  const pairs: [number, number][] = (config.training.interactions ?? []).map(([a, b]) => [names.indexOf(a), names.indexOf(b)]);
  // 1. the labelled pairs, grouped by (pattern, weight, label) with a count: a pair's weight is its
  //    pattern's but for the term-frequency adjustments, so 480,043 pairs make 23,091 groups at 100 k
  const n = input.pattern.length;
  const groups = new PairGroups();
  let patterns: number[] = [];
  let total = 0, positives = 0;
  if (input.grouping) {
    const { gid, pattern: gPattern, weight: gWeight, vetoed: gVetoed, count: gCount, patterns: all } = input.grouping;
    const ones = new Float64Array(gWeight.length), zeros = new Float64Array(gWeight.length);
    if (input.clusterOf) {
      // labels from clusters: only pairs in one cluster are counted (the rest of each group is
      // its non-matches)
      if (input.clusterOnes) ones.set(input.clusterOnes);
      else countClusterLabels(gid, input.left as Int32Array, input.right as Int32Array, input.clusterOf, inClusters(input.clusterOf), 0, n, ones);
      for (let g = 0; g < gWeight.length; g++) {
        if (gVetoed[g]) { ones[g] = 0; continue; }
        zeros[g] = gCount[g] - ones[g];
        total += gCount[g];
        positives += ones[g];
      }
    } else for (let k = 0; k < n; k++) {
      const g = gid[k];
      if (gVetoed[g]) continue;
      const label = input.label(input.left[k], input.right[k]);
      if (label < 0) continue;
      if (label) ones[g]++;
      else zeros[g]++;
      total++;
      positives += label;
    }
    // patterns met, renumbered densely in group order
    const dense = new Int32Array(all.length).fill(-1);
    for (let g = 0; g < gWeight.length; g++) {
      if (!ones[g] && !zeros[g]) continue;
      let id = dense[gPattern[g]];
      if (id < 0) { dense[gPattern[g]] = id = patterns.length; patterns.push(all[gPattern[g]]); }
      if (zeros[g]) groups.addCount(id, gWeight[g], 0, zeros[g]);
      if (ones[g]) groups.addCount(id, gWeight[g], 1, ones[g]);
    }
  } else {
    const patternId = new Map<number, number>();
    patterns = [];
    for (let k = 0; k < n; k++) {
      const label = input.label(input.left[k], input.right[k]);
      if (label < 0) continue;
      const p = input.pattern[k];
      if (input.vetoed(p)) continue;
      let id = patternId.get(p);
      if (id === undefined) { patternId.set(p, (id = patterns.length)); patterns.push(p); }
      groups.add(id, input.fsWeight(k), label);
      total++;
      positives += label;
    }
  }
  const G = groups.size;
  const pid = groups.pattern.subarray(0, G), weight = groups.weight.subarray(0, G), y = groups.label.subarray(0, G), count = groups.count.subarray(0, G);
  if (positives === 0 || positives === total) return null;
  // 2. terms: a level term per non-null level met, an interaction cell per pair of non-null levels
  //    met; the same for every round of self-calibration on one grouping (the same patterns met)
  const cached = input.grouping && layouts.get(input.grouping);
  const { layout, termOff, terms } = cached && sameNumbers(cached.patterns, patterns) ? cached : termLayout(patterns, pairs, radix, stride);
  if (input.grouping && !cached) layouts.set(input.grouping, { layout, termOff, terms, patterns });
  const P = patterns.length;
  // 3. Newton from the Fellegi–Sunter model itself (scale 1, everything else 0). A pair's log-odds
  //    is beta0 + beta1·w + the sum of its pattern's terms: per pair only sums by pattern are kept
  const d = layout.size;
  let beta = new Float64Array(d);
  beta[1] = LN2;
  // warm start: a calibration of the same comparisons (self-calibration's previous round)
  const from = input.start;
  if (from) {
    beta[0] = from.intercept * LN2;
    beta[1] = from.scale * LN2;
    layout.level.forEach((ids, c) => ids.forEach((j, l) => { if (j >= 0) beta[j] = (from.levels[c]?.[l] ?? 0) * LN2; }));
    layout.cells.forEach((cells, q) => {
      const w = from.interactions[q]?.weights;
      for (const [key, j] of cells) beta[j] = (w?.[Math.floor(key / radix[pairs[q][1]])]?.[key % radix[pairs[q][1]]] ?? 0) * LN2;
    });
  }
  // the per-iteration sums, allocated once (each fit of a self-calibration round runs ~7 times)
  const sums = new Float64Array(P);
  const s0 = new Float64Array(P), s1 = new Float64Array(P), h0 = new Float64Array(P), h1 = new Float64Array(P), h2 = new Float64Array(P);
  const grad = new Float64Array(d), hess = new Float64Array(d * d);
  const groupData: FitGroups = { G, pid, weight, y, count, P, termOff, terms };
  const objective = (b: Float64Array): number => logLikelihood(groupData, b, sums, d, l2);
  let current = objective(beta);
  let iterations = 0, converged = false;
  const maxIterations = input.maxIterations ?? 50;
  while (iterations < maxIterations) {
    iterations++;
    newtonSums(groupData, beta, patternSum(groupData, beta, sums), s0, s1, h0, h1, h2);
    grad.fill(0);
    hess.fill(0);
    gradientHessian(groupData, s0, s1, h0, h1, h2, grad, hess, d);
    for (let j = 0; j < d; j++) {
      if (j >= 2) { grad[j] -= l2 * beta[j]; hess[j * d + j] += l2; } else hess[j * d + j] += 1e-9;
      for (let i = 0; i < j; i++) hess[j * d + i] = hess[i * d + j];
    }
    const step = solveSpd(hess, grad, d);
    if (!step) break;
    // step halving keeps the penalised likelihood rising
    let scale = 1, next = beta, value = current;
    for (let h = 0; h < 20; h++, scale /= 2) {
      next = beta.map((v, j) => v + scale * step[j]);
      value = objective(next);
      if (value >= current - 1e-9) break;
    }
    let maxStep = 0;
    for (let j = 0; j < d; j++) maxStep = Math.max(maxStep, Math.abs(next[j] - beta[j]));
    beta = next;
    current = value;
    if (maxStep < 1e-7) { converged = true; break; }
  }
  const bits = (v: number) => v / LN2;
  return {
    method: 'logistic',
    scale: bits(beta[1]),
    intercept: bits(beta[0]),
    levels: radix.map((r, c) => Array.from({ length: r }, (_, l) => (layout.level[c][l] >= 0 ? bits(beta[layout.level[c][l]]) : 0))),
    interactions: pairs.map(([a, b], q) => ({
      comparisons: [names[a], names[b]] as [string, string],
      weights: Array.from({ length: radix[a] }, (_, la) => Array.from({ length: radix[b] }, (_, lb) => {
        const j = layout.cells[q].get(la * radix[b] + lb);
        return j === undefined ? 0 : bits(beta[j]);
      })),
    })),
    l2,
    pairs: total,
    matches: positives,
    iterations,
    converged,
  };
}

/** The groups a fit runs over, and each pattern's terms ({@link termLayout}). */
interface FitGroups {
  G: number;
  pid: Int32Array;
  weight: Float64Array;
  y: Uint8Array;
  count: Float64Array;
  P: number;
  termOff: Int32Array;
  terms: Int32Array;
}

// The fit's loops are functions of their own: V8 optimises each after a call or two, where loops
// inside fitCalibration were compiled on the stack and thrown back to the interpreter again and
// again (0.2 GB of boxed numbers per self-calibration at 1 M records).

/** Per pattern, the sum of its terms' coefficients in `b`, into `out`. */
function patternSum(g: FitGroups, b: Float64Array, out: Float64Array): Float64Array {
  const { P, termOff, terms } = g;
  for (let q = 0; q < P; q++) {
    let v = 0;
    for (let a = termOff[q]; a < termOff[q + 1]; a++) v += b[terms[a]];
    out[q] = v;
  }
  return out;
}

/** The penalised log-likelihood of coefficients `b` (every term but intercept and scale penalised). */
function logLikelihood(g: FitGroups, b: Float64Array, sums: Float64Array, d: number, l2: number): number {
  const { G, pid, weight, y, count } = g;
  const base = patternSum(g, b, sums);
  let ll = 0;
  for (let k = 0; k < G; k++) {
    const z = b[0] + b[1] * weight[k] + base[pid[k]];
    // y·z − log(1 + e^z), stably, once per group
    ll += count[k] * (y[k] * z - (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))));
  }
  for (let j = 2; j < d; j++) ll -= 0.5 * l2 * b[j] * b[j];
  return ll;
}

/** Per pattern: Σ residual, Σ residual·w, Σ h, Σ h·w, Σ h·w² over its groups, at `beta`. */
function newtonSums(
  g: FitGroups, beta: Float64Array, base: Float64Array, s0: Float64Array, s1: Float64Array, h0: Float64Array, h1: Float64Array, h2: Float64Array,
): void {
  const { G, pid, weight, y, count } = g;
  s0.fill(0); s1.fill(0); h0.fill(0); h1.fill(0); h2.fill(0);
  for (let k = 0; k < G; k++) {
    const w = weight[k], q = pid[k], c = count[k];
    const p = 1 / (1 + Math.exp(-(beta[0] + beta[1] * w + base[q])));
    const r = c * (y[k] - p), h = c * p * (1 - p);
    s0[q] += r; s1[q] += r * w; h0[q] += h; h1[q] += h * w; h2[q] += h * w * w;
  }
}

/** The gradient and the Hessian's upper triangle from the per-pattern sums (added into `grad`, `hess`). */
function gradientHessian(
  g: FitGroups, s0: Float64Array, s1: Float64Array, h0: Float64Array, h1: Float64Array, h2: Float64Array, grad: Float64Array, hess: Float64Array, d: number,
): void {
  const { P, termOff, terms } = g;
  for (let q = 0; q < P; q++) {
    const gq = s0[q], h = h0[q], hw = h1[q];
    grad[0] += gq;
    grad[1] += s1[q];
    hess[0] += h;
    hess[1] += hw;
    hess[d + 1] += h2[q];
    const from = termOff[q], to = termOff[q + 1];
    for (let a = from; a < to; a++) {
      const j = terms[a];
      grad[j] += gq;
      hess[j] += h; // (0, j)
      hess[d + j] += hw; // (1, j)
      // terms ascending: (i, j) with i ≤ j, the upper triangle
      for (let b2 = from; b2 <= a; b2++) hess[terms[b2] * d + j] += h;
    }
  }
}

/**
 * A bit per record: 1 when its cluster has two records or more (only such a record can be in one
 * cluster with another; the bits, which the cache holds, tell most pairs apart).
 *
 * @example
 *   const shared = inClusters(clusterOf);
 *   countClusterLabels(grouping.gid, left, right, clusterOf, shared, 0, left.length, ones);
 */
export function inClusters(clusterOf: Int32Array): Uint8Array {
  const size = new Int32Array(clusterOf.length);
  for (let i = 0; i < clusterOf.length; i++) size[clusterOf[i]]++;
  const shared = new Uint8Array((clusterOf.length >>> 3) + 1);
  for (let i = 0; i < clusterOf.length; i++) if (size[clusterOf[i]] > 1) shared[i >>> 3] |= 1 << (i & 7);
  return shared;
}

/**
 * Adds to `ones[g]`, for the pairs `from` … `to` (group `gid[k]`), those whose two records are in
 * one cluster (`shared`: {@link inClusters}). Counts of slices add up to those of all the pairs.
 */
export function countClusterLabels(
  gid: Int32Array, left: Int32Array, right: Int32Array, clusterOf: Int32Array, shared: Uint8Array, from: number, to: number, ones: Float64Array,
): Float64Array {
  for (let k = from; k < to; k++) {
    const i = left[k];
    if ((shared[i >>> 3] & (1 << (i & 7))) !== 0 && clusterOf[i] === clusterOf[right[k]]) ones[gid[k]]++;
  }
  return ones;
}

/**
 * The weights of a calibrated model for the pairs `from` … `to` of a grouping: the group's
 * Fellegi–Sunter weight × `scale` + its pattern's calibration terms (`terms`, by pattern number),
 * capped at `vetoWeight` for vetoed groups, written into `out`.
 */
export function calibratedSlice(
  grouping: Pick<PairGrouping, 'gid' | 'pattern' | 'weight' | 'vetoed'>, terms: Float64Array, scale: number, vetoWeight: number,
  out: Float64Array, from: number, to: number,
): Float64Array {
  const { gid, pattern, weight, vetoed } = grouping;
  for (let k = from; k < to; k++) {
    const g = gid[k];
    // the group's weight is the pair's Fellegi–Sunter weight
    const w = scale * weight[g] + terms[pattern[g]];
    out[k] = vetoed[g] ? Math.min(w, vetoWeight) : w;
  }
  return out;
}

/** Candidate pairs grouped by (pattern, Fellegi–Sunter weight): see {@link groupPairs}. */
export interface PairGrouping {
  /** Group of each pair. */
  gid: Int32Array;
  /** Per group: its pattern (an index into `patterns`), weight (no veto cap), and 1 when a veto caps it (left out of fits). */
  pattern: Int32Array;
  weight: Float64Array;
  vetoed: Uint8Array;
  /** Per group: its number of pairs. */
  count: Float64Array;
  patterns: number[];
}

/**
 * Groups the candidate pairs by (pattern, Fellegi–Sunter weight) once, for fits on the same pairs
 * with other labels ({@link CalibrationInput.grouping}). Pair k has pattern `patterns[patternId[k]]`
 * and weight `fsWeights[k]`; the groups of patterns marked in `vetoed` (by pattern number) are
 * marked (fits leave them out). Groups are numbered in order of their first pair.
 *
 * @example
 *   const grouping = groupPairs(b.patternId, b.patterns, vetoed, fs);
 *   fitCalibration({ ...input, grouping });
 */
export function groupPairs(patternId: Int32Array, patterns: Int32Array, vetoed: Uint8Array, fsWeights: Float64Array): PairGrouping {
  // (the passes on the workers group in slices instead: PairPasses.fsGroups)
  const gid = new Int32Array(patternId.length);
  const slice = groupSlice(patternId, patterns.length, fsWeights, gid, 0, patternId.length);
  return { gid, ...mergeGroups([slice], patterns, vetoed).groups };
}

/** The groups of one slice of the pairs ({@link groupSlice}), numbered from 0 in order of their first pair. */
export interface SliceGroups {
  pattern: Int32Array;
  weight: Float64Array;
  count: Float64Array;
}

/**
 * Groups the pairs `from` … `to` by (pattern, weight): writes each pair's group in the slice (from
 * 0, in order of first pair) into `gid`, returns the slices' groups. Slices grouped apart and
 * merged in order ({@link mergeGroups}) number the groups as one pass over all the pairs does.
 */
export function groupSlice(patternId: Int32Array, patternCount: number, fsWeights: Float64Array, gid: Int32Array, from: number, to: number): SliceGroups {
  const groups = new PairGroups();
  // a pattern's last group: most patterns have one weight (term frequencies rarely vary it), so
  // most pairs skip the hash table
  const lastWeight = new Float64Array(patternCount).fill(NaN), lastGroup = new Int32Array(patternCount).fill(-1);
  for (let k = from; k < to; k++) {
    const q = patternId[k];
    const w = fsWeights[k];
    let g = lastGroup[q];
    if (g >= 0 && Object.is(lastWeight[q], w)) groups.count[g]++;
    else {
      g = groups.add(q, w, 0);
      lastWeight[q] = w;
      lastGroup[q] = g;
    }
    gid[k] = g;
  }
  const size = groups.size;
  return { pattern: groups.pattern.slice(0, size), weight: groups.weight.slice(0, size), count: groups.count.slice(0, size) };
}

/**
 * The groups of slices taken in order, as one grouping ({@link groupPairs}: numbered in order of
 * first pair, counts added), and per slice its groups' numbers in it (`maps`: a slice's pair in its
 * group g is in group maps[s][g]; the first slice's numbers are the grouping's own).
 */
export function mergeGroups(slices: SliceGroups[], patterns: Int32Array, vetoed: Uint8Array): { groups: Omit<PairGrouping, 'gid'>; maps: Int32Array[] } {
  const groups = new PairGroups();
  const maps = slices.map((slice) => {
    const map = new Int32Array(slice.count.length);
    for (let g = 0; g < map.length; g++) {
      const q = slice.pattern[g];
      // (add counts one pair: the slice's count replaces it)
      const id = groups.add(q, slice.weight[g], vetoed[q]);
      groups.count[id] += slice.count[g] - 1;
      map[g] = id;
    }
    return map;
  });
  const size = groups.size;
  return {
    groups: { pattern: groups.pattern.slice(0, size), weight: groups.weight.slice(0, size), vetoed: groups.label.slice(0, size), count: groups.count.slice(0, size), patterns: Array.from(patterns) },
    maps,
  };
}

/**
 * Labelled pairs grouped by (pattern id, weight, label), counted: an open-addressing hash table on
 * typed arrays (the weight compared bit for bit), grown at half full.
 */
class PairGroups {
  size = 0;
  pattern = new Int32Array(1024);
  weight = new Float64Array(1024);
  label = new Uint8Array(1024);
  count = new Float64Array(1024);
  private slots = new Int32Array(2048).fill(-1);
  private readonly bits = new Float64Array(1);
  private readonly halves = new Int32Array(this.bits.buffer);

  /** Appends a group the caller knows to be new, with its count (no lookup). */
  addCount(pattern: number, weight: number, label: number, count: number): void {
    this.count[this.push(pattern, weight, label)] = count;
  }

  /** Counts one pair in its group; returns the group's number. */
  add(pattern: number, weight: number, label: number): number {
    this.bits[0] = weight;
    let h = Math.imul(pattern, 0x9e3779b1) ^ Math.imul(this.halves[0], 0x85ebca6b) ^ Math.imul(this.halves[1], 0xc2b2ae35) ^ label;
    h ^= h >>> 15;
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const g = this.slots[s];
      if (g < 0) {
        const added = this.push(pattern, weight, label);
        this.slots[s] = added;
        if (this.size * 2 > this.slots.length) this.rehash();
        return added;
      }
      if (this.pattern[g] === pattern && this.label[g] === label && Object.is(this.weight[g], weight)) { this.count[g]++; return g; }
    }
  }

  private push(pattern: number, weight: number, label: number): number {
    if (this.size === this.pattern.length) {
      const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => { const b = new (a.constructor as new (n: number) => T)(a.length * 2); b.set(a); return b; };
      this.pattern = grow(this.pattern); this.weight = grow(this.weight); this.label = grow(this.label); this.count = grow(this.count);
    }
    const g = this.size++;
    this.pattern[g] = pattern; this.weight[g] = weight; this.label[g] = label; this.count[g] = 1;
    return g;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let g = 0; g < this.size; g++) {
      this.bits[0] = this.weight[g];
      let h = Math.imul(this.pattern[g], 0x9e3779b1) ^ Math.imul(this.halves[0], 0x85ebca6b) ^ Math.imul(this.halves[1], 0xc2b2ae35) ^ this.label[g];
      h ^= h >>> 15;
      let s = h & mask;
      while (this.slots[s] >= 0) s = (s + 1) & mask;
      this.slots[s] = g;
    }
  }
}

function termsOf(pattern: number, layout: Layout, radix: number[], stride: number[]): number[] {
  const out: number[] = [];
  const level = (c: number) => levelOf(pattern, stride, radix, c);
  for (let c = 0; c < radix.length; c++) {
    const j = layout.level[c][level(c)];
    if (j >= 0) out.push(j);
  }
  layout.pairs.forEach(([a, b], q) => {
    const j = layout.cells[q].get(level(a) * radix[b] + level(b));
    if (j !== undefined) out.push(j);
  });
  return out;
}

/** Solves A x = b for a symmetric positive definite A (row-major d × d) by Cholesky; null if not SPD. */
function solveSpd(a: Float64Array, b: Float64Array, d: number): Float64Array | null {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * d + i] = Math.sqrt(s);
      } else L[i * d + j] = s / L[j * d + j];
    }
  }
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * d + k] * y[k];
    y[i] = s / L[i * d + i];
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < d; k++) s -= L[k * d + i] * x[k];
    x[i] = s / L[i * d + i];
  }
  return x;
}
