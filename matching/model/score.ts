/**
 * Scoring: match weight = prior + Σ log2(m/u) of each comparison's level + term-frequency
 * adjustments; probability from weight.
 */
import type { MatchConfig } from '../config/types.js';
import type { Columns } from '../columns.js';
import { levelOf, type Comparator } from '../compare/comparator.js';
import { levelWeight, type Model } from './types.js';

/** Probability of a match weight (bits, prior included). */
export const probabilityOf = (weight: number): number => 1 / (1 + Math.pow(2, -weight));
/** The match weight of a probability. */
export const weightOf = (p: number): number => Math.log2(p / (1 - p));

/**
 * The prior shift of a calibrated model on new data (Saerens, Latinne & Decaestecker 2002): the
 * match share π among the candidate pairs is re-estimated by EM from the model's own
 * probabilities, every weight moving by logit2(π) − logit2(π_labels). `weights` are the pairs'
 * weights without shift; vetoed pairs are left out (as in the calibration's fit).
 *
 * @example
 *   const shift = priorShift(weights, (k) => scorer.vetoed(pattern[k]), cal.matches / cal.pairs);
 *   // or by pattern: pair k is left out when vetoed[patternId[k]] is 1
 *   const same = priorShift(weights, { patternId, vetoed }, cal.matches / cal.pairs);
 */
export function priorShift(
  weights: Float64Array, vetoed: ((k: number) => boolean) | { patternId: Int32Array; vetoed: Uint8Array }, trained: number,
): { share: number; bits: number } {
  if (typeof vetoed !== 'function') {
    const h = weightHistogram(weights, vetoed.patternId, vetoed.vetoed, 0, weights.length);
    if (h.counts || !h.total) return shiftFromHistogram(h, trained);
  }
  // pairs left out as a mask per pair (one pass, no call per pair)
  const skip = new Uint8Array(weights.length);
  if (typeof vetoed === 'function') { for (let k = 0; k < weights.length; k++) if (vetoed(k)) skip[k] = 1; }
  else for (let k = 0; k < weights.length; k++) skip[k] = vetoed.vetoed[vetoed.patternId[k]];
  let total = 0;
  const counts = new Map<number, number>();
  for (let k = 0; k < weights.length; k++) {
    if (skip[k]) continue;
    const key = Math.round(weights[k] * 100);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;
  }
  if (!total) return { share: trained, bits: 0 };
  const bins: (readonly [number, number])[] = [];
  for (const key of [...counts.keys()].sort((a, b) => a - b)) bins.push([key / 100, counts.get(key)!]);
  return shiftFromBins(bins, total, trained);
}

/**
 * The weights of pairs `from` … `to` but the vetoed patterns' ({@link priorShift}'s), counted to
 * 1/100 bit: `counts[key - lo]` pairs have key = round(weight × 100). Counted in a typed array
 * over the keys' range (a Map's get and set per pair cost 0.3 s at 10 M pairs); `counts` is null
 * when the keys span 2^22 or more (priorShift then counts in a map). Histograms of slices add up
 * ({@link mergeHistograms}).
 */
export interface WeightHistogram {
  lo: number;
  hi: number;
  total: number;
  counts: Float64Array | null;
}

/** {@link WeightHistogram} of pairs `from` … `to` (pair k left out when `vetoed[patternId[k]]`). */
export function weightHistogram(weights: Float64Array, patternId: Int32Array, vetoed: Uint8Array, from: number, to: number): WeightHistogram {
  let lo = Infinity, hi = -Infinity, total = 0;
  for (let k = from; k < to; k++) {
    if (vetoed[patternId[k]]) continue;
    const key = Math.round(weights[k] * 100);
    if (key < lo) lo = key;
    if (key > hi) hi = key;
    total++;
  }
  if (!total || !(hi - lo < 1 << 22)) return { lo, hi, total, counts: null };
  const counts = new Float64Array(hi - lo + 1);
  for (let k = from; k < to; k++) if (!vetoed[patternId[k]]) counts[Math.round(weights[k] * 100) - lo]++;
  return { lo, hi, total, counts };
}

/** The histogram of all the slices' pairs (counts null when any slice's is, or the keys span 2^22 or more). */
export function mergeHistograms(parts: readonly WeightHistogram[]): WeightHistogram {
  let lo = Infinity, hi = -Infinity, total = 0, wide = false;
  for (const h of parts) {
    if (!h.total) continue;
    lo = Math.min(lo, h.lo); hi = Math.max(hi, h.hi); total += h.total;
    if (!h.counts) wide = true;
  }
  if (!total || wide || !(hi - lo < 1 << 22)) return { lo, hi, total, counts: null };
  const counts = new Float64Array(hi - lo + 1);
  for (const h of parts) if (h.total) for (let a = 0; a < h.counts!.length; a++) counts[h.lo - lo + a] += h.counts![a];
  return { lo, hi, total, counts };
}

/** {@link priorShift} from a histogram with its counts (no pair at all: no shift). */
export function shiftFromHistogram(h: WeightHistogram, trained: number): { share: number; bits: number } {
  if (!h.total || !h.counts) return { share: trained, bits: 0 };
  const bins: (readonly [number, number])[] = [];
  h.counts.forEach((c, at) => { if (c) bins.push([(at + h.lo) / 100, c]); });
  return shiftFromBins(bins, h.total, trained);
}

/** The prior shift's EM over weight bins ([weight, pairs], ascending), `total` pairs in all. */
function shiftFromBins(bins: readonly (readonly [number, number])[], total: number, trained: number): { share: number; bits: number } {
  const base = weightOf(trained);
  let share = trained, bits = 0;
  for (let it = 0; it < 200; it++) {
    let s = 0;
    for (let b = 0; b < bins.length; b++) s += bins[b][1] * probabilityOf(bins[b][0] + bits);
    const next = Math.min(1 - 1e-9, Math.max(1e-9, s / total));
    const done = Math.abs(next - share) < 1e-7;
    share = next;
    bits = weightOf(share) - base;
    if (done) break;
  }
  return { share, bits };
}

/** The weight a vetoed pair is capped at (probability ≈ 0.015: below any merge threshold, above the usual reporting floor). */
export const VETO_WEIGHT = -6;

/**
 * Candidate pairs as the engine keeps them ({@link Blocked}): each pair's pattern number, the
 * distinct patterns, and per term-frequency comparison each pair's larger value frequency at its
 * level 1 ({@link Comparator.tf}). Enough to weigh every pair in order, without its records.
 */
export interface PairTable {
  patternId: Int32Array;
  patterns: Int32Array;
  tfMax: (Int32Array | null)[];
}

export interface Scorer {
  prior: number;
  /** Whether a comparison marked `veto` is at its else level in this pattern (the pair is never merged). */
  vetoed(pattern: number): boolean;
  /** Total match weight of a pair with this pattern. */
  weight(pattern: number, i: number, j: number): number;
  /** Term-frequency adjustment (bits) of comparison c for records i and j at their level. */
  tfAdjustment(c: number, level: number, i: number, j: number): number;
  /**
   * {@link weight} of every pair of a table, into `out` (by pair); with `only` (1 per pattern
   * number to weigh), only the pairs of those patterns. The same numbers as weight() pair by pair.
   * With `from` … `to`, only those pairs (slices on several threads write one array).
   */
  weights(pairs: PairTable, out: Float64Array, only?: Uint8Array, from?: number, to?: number): Float64Array;
  /** {@link fsWeight} of every pair of a table (or of the pairs `from` … `to`), into `out`. */
  fsWeights(pairs: PairTable, out: Float64Array, from?: number, to?: number): Float64Array;
  /** The Fellegi–Sunter weight alone: prior + level weights + term frequencies, no calibration, no veto cap. */
  fsWeight(pattern: number, i: number, j: number): number;
  /**
   * The calibration's terms for a pair (empty without calibration): its weight is
   * fsWeight + Σ values (then the veto cap).
   */
  calibrationTerms(pattern: number, fsWeight: number): { name: string; detail: string; value: number }[];
  /**
   * A pattern's calibration terms summed, the scale's aside (intercept, prior shift, levels,
   * interactions; 0 without calibration): a calibrated weight is scale × fsWeight + this. The
   * same sum as calibrationTerms' values with a Fellegi–Sunter weight of 0, with no object made.
   */
  patternTerms(pattern: number): number;
}

/**
 * Builds a scorer; term frequencies are those of the data being matched.
 *
 * @example
 *   const s = createScorer(model, config, columns, comparator);
 *   probabilityOf(s.weight(pattern, i, j))
 */
export function createScorer(model: Model, config: MatchConfig, columns: Columns, comparator: Comparator): Scorer {
  const prior = Math.log2(model.lambda / (1 - model.lambda));
  const w = model.comparisons.map((c) => c.levels.map((l, k) => (k === 0 ? 0 : levelWeight(l))));
  const { radix, stride } = comparator;
  const n = columns.n;
  // the comparator's frequencies (the same data), with the u of each comparison's level 1
  const tf = comparator.tf.map((t, k) => (t ? { ...t, u: model.comparisons[k].levels[1].u } : null));
  const cal = model.calibration;
  const names = model.comparisons.map((c) => c.name);
  const inter = (cal?.interactions ?? []).map((it) => ({ a: names.indexOf(it.comparisons[0]), b: names.indexOf(it.comparisons[1]), w: it.weights }));
  const level = (pattern: number, c: number) => levelOf(pattern, stride, radix, c);
  const fsBase = (pattern: number): number => {
    let v = prior;
    for (let c = 0; c < radix.length; c++) v += w[c][level(pattern, c)];
    return v;
  };
  /** The calibration's pattern terms (scale and intercept aside). */
  const calTerms = (pattern: number): number => {
    let v = cal!.intercept + (cal!.shift?.bits ?? 0);
    for (let c = 0; c < radix.length; c++) v += cal!.levels[c][level(pattern, c)];
    for (const it of inter) v += it.w[level(pattern, it.a)][level(pattern, it.b)];
    return v;
  };
  const scale = cal ? cal.scale : 1;
  const table = new Map<number, number>();
  const base = (pattern: number): number => {
    let v = table.get(pattern);
    if (v === undefined) {
      v = cal ? scale * fsBase(pattern) + calTerms(pattern) : fsBase(pattern);
      table.set(pattern, v);
    }
    return v;
  };
  const labels = model.comparisons.map((c) => c.levels.map((l) => l.label));
  /** The adjustment of comparison c at level 1 for a pair whose commoner value `max` records share. */
  const tfFromMax = (c: number, max: number): number => {
    const f = max / n;
    // only discounts: a value more common than the level's average agreement is weaker evidence;
    // a rare one is credited at the level's own weight (boosting it merged same-named offices)
    return Math.max(-15, Math.min(0, Math.log2(tf[c]!.u / f)));
  };
  /**
   * Per term-frequency comparison, tfFromMax of every frequency its values have (the same numbers:
   * 10 M pairs then cost a table read each, not a logarithm), built when first weighed; a
   * frequency beyond it (pairs recorded on other data) is computed.
   */
  const tfTables: (Float64Array | null)[] = tf.map(() => null);
  const tfTable = (c: number): Float64Array => {
    let table = tfTables[c];
    if (!table) {
      let most = 1;
      const freq = tf[c]!.freq;
      for (let v = 0; v < freq.length; v++) if (freq[v] > most) most = freq[v];
      table = new Float64Array(most + 1);
      for (let max = 1; max <= most; max++) table[max] = tfFromMax(c, max);
      tfTables[c] = table;
    }
    return table;
  };
  const tfAdjustment = (c: number, level: number, i: number, j: number): number => {
    const t = tf[c];
    if (!t || level !== 1) return 0;
    return tfFromMax(c, t.maxOf(i, j));
  };
  const tfComps = tf.map((t, c) => (t ? c : -1)).filter((c) => c >= 0);
  const vetoComps = config.comparisons.map((c, k) => (c.veto ? k : -1)).filter((k) => k >= 0);
  const vetoed = (pattern: number): boolean => {
    for (const c of vetoComps) if (Math.floor(pattern / stride[c]) % radix[c] === radix[c] - 1) return true;
    return false;
  };
  /**
   * Per pattern of a table: a base (`baseOf`), its veto, and the term-frequency comparisons at
   * level 1 (a flat list: tfOff[q] … tfOff[q + 1] in tfList, in comparison order).
   */
  const perPattern = (patterns: Int32Array, baseOf: (pattern: number) => number) => {
    const P = patterns.length;
    const baseQ = new Float64Array(P), veto = new Uint8Array(P), tfOff = new Int32Array(P + 1);
    const list: number[] = [];
    for (let q = 0; q < P; q++) {
      const p = patterns[q];
      baseQ[q] = baseOf(p);
      veto[q] = vetoComps.length && vetoed(p) ? 1 : 0;
      // the others' adjustment is 0, and adding 0 changes no sum
      for (const c of tfComps) if (level(p, c) === 1) list.push(c);
      tfOff[q + 1] = list.length;
    }
    return { baseQ, veto, tfOff, tfList: Int32Array.from(list) };
  };
  return {
    prior,
    tfAdjustment,
    vetoed,
    weights(pairs, out, only, from = 0, to = pairs.patternId.length) {
      const { baseQ, veto, tfOff, tfList } = perPattern(pairs.patterns, base);
      const { patternId, tfMax } = pairs;
      const tables = tf.map((t, c) => (t ? tfTable(c) : new Float64Array(0)));
      for (let k = from; k < to; k++) {
        const q = patternId[k];
        if (only && !only[q]) continue;
        let t = 0;
        for (let a = tfOff[q]; a < tfOff[q + 1]; a++) { const c = tfList[a], max = tfMax[c]![k]; t += max < tables[c].length ? tables[c][max] : tfFromMax(c, max); }
        const v = baseQ[q] + scale * t;
        out[k] = veto[q] ? Math.min(v, VETO_WEIGHT) : v;
      }
      return out;
    },
    fsWeights(pairs, out, from = 0, to = pairs.patternId.length) {
      const { baseQ, tfOff, tfList } = perPattern(pairs.patterns, fsBase);
      const { patternId, tfMax } = pairs;
      const tables = tf.map((t, c) => (t ? tfTable(c) : new Float64Array(0)));
      for (let k = from; k < to; k++) {
        const q = patternId[k];
        let v = baseQ[q];
        for (let a = tfOff[q]; a < tfOff[q + 1]; a++) { const c = tfList[a], max = tfMax[c]![k]; v += max < tables[c].length ? tables[c][max] : tfFromMax(c, max); }
        out[k] = v;
      }
      return out;
    },
    weight(pattern, i, j) {
      let t = 0;
      for (const c of tfComps) t += tfAdjustment(c, Math.floor(pattern / stride[c]) % radix[c], i, j);
      const v = base(pattern) + scale * t;
      return vetoComps.length && vetoed(pattern) ? Math.min(v, VETO_WEIGHT) : v;
    },
    fsWeight(pattern, i, j) {
      let v = fsBase(pattern);
      for (const c of tfComps) v += tfAdjustment(c, level(pattern, c), i, j);
      return v;
    },
    patternTerms(pattern) {
      return cal ? calTerms(pattern) : 0;
    },
    calibrationTerms(pattern, fs) {
      if (!cal) return [];
      const out = [
        { name: 'calibration scale', detail: `× ${cal.scale.toFixed(3)} of the Fellegi–Sunter weight`, value: (cal.scale - 1) * fs },
        { name: 'calibration intercept', detail: '', value: cal.intercept },
      ];
      if (cal.shift) out.push({ name: 'calibration prior', detail: `match share ${(cal.shift.share * 100).toFixed(2)} % of candidate pairs (labels ${((cal.matches / cal.pairs) * 100).toFixed(2)} %)`, value: cal.shift.bits });
      for (let c = 0; c < radix.length; c++) {
        const l = level(pattern, c);
        if (cal.levels[c][l] !== 0) out.push({ name: `calibration ${names[c]}`, detail: labels[c][l], value: cal.levels[c][l] });
      }
      for (const it of inter) {
        const la = level(pattern, it.a), lb = level(pattern, it.b);
        if (it.w[la][lb] !== 0) out.push({ name: `calibration ${names[it.a]} × ${names[it.b]}`, detail: `${labels[it.a][la]} × ${labels[it.b][lb]}`, value: it.w[la][lb] });
      }
      return out;
    },
  };
}
