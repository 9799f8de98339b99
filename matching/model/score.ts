/**
 * Scoring: match weight = prior + Σ log2(m/u) of each comparison's level + term-frequency
 * adjustments; probability from weight.
 */
import type { MatchConfig } from '../config/types.js';
import type { Columns, KeyColumn, StringColumn } from '../columns.js';
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
 */
export function priorShift(weights: Float64Array, vetoed: (k: number) => boolean, trained: number): { share: number; bits: number } {
  // a histogram of weights to 1/100 bit: the EM costs nothing per pair after one pass
  const counts = new Map<number, number>();
  let total = 0;
  for (let k = 0; k < weights.length; k++) {
    if (vetoed(k)) continue;
    const key = Math.round(weights[k] * 100);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total++;
  }
  if (!total) return { share: trained, bits: 0 };
  const bins = [...counts].map(([key, c]) => [key / 100, c] as const);
  const base = weightOf(trained);
  let share = trained, bits = 0;
  for (let it = 0; it < 200; it++) {
    let s = 0;
    for (const [w, c] of bins) s += c * probabilityOf(w + bits);
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

export interface Scorer {
  prior: number;
  /** Whether a comparison marked `veto` is at its else level in this pattern (the pair is never merged). */
  vetoed(pattern: number): boolean;
  /** Total match weight of a pair with this pattern. */
  weight(pattern: number, i: number, j: number): number;
  /** Term-frequency adjustment (bits) of comparison c for records i and j at their level. */
  tfAdjustment(c: number, level: number, i: number, j: number): number;
  /** The Fellegi–Sunter weight alone: prior + level weights + term frequencies, no calibration, no veto cap. */
  fsWeight(pattern: number, i: number, j: number): number;
  /**
   * {@link fsWeight} in two steps, for many pairs of few patterns: the pattern's part (prior +
   * level weights) and the comparisons whose term frequencies can adjust it; then
   * `base + Σ tfAdjustment(c, 1, i, j)` over them, in order, is fsWeight exactly.
   */
  fsPattern(pattern: number): { base: number; tf: number[] };
  /**
   * The calibration's terms for a pair (empty without calibration): its weight is
   * fsWeight + Σ values (then the veto cap).
   */
  calibrationTerms(pattern: number, fsWeight: number): { name: string; detail: string; value: number }[];
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
  const tf = config.comparisons.map((c, k) => {
    // the first level must be exactness on the field whose frequencies adjust it
    const exactOn = c.levels[0]?.field ?? c.field;
    if (!c.tf || !c.levels[0]?.exact || (exactOn !== c.field && exactOn !== c.tfField)) return null;
    const col = columns.fields[c.tfField ?? c.field] as KeyColumn | StringColumn;
    return { ids: col.ids, freq: col.freq, u: model.comparisons[k].levels[1].u };
  });
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
  const tfAdjustment = (c: number, level: number, i: number, j: number): number => {
    const t = tf[c];
    if (!t || level !== 1) return 0;
    const f = Math.max(t.freq[t.ids[i]], t.freq[t.ids[j]], 1) / n;
    // only discounts: a value more common than the level's average agreement is weaker evidence;
    // a rare one is credited at the level's own weight (boosting it merged same-named offices)
    return Math.max(-15, Math.min(0, Math.log2(t.u / f)));
  };
  const tfComps = tf.map((t, c) => (t ? c : -1)).filter((c) => c >= 0);
  const vetoComps = config.comparisons.map((c, k) => (c.veto ? k : -1)).filter((k) => k >= 0);
  const vetoed = (pattern: number): boolean => {
    for (const c of vetoComps) if (Math.floor(pattern / stride[c]) % radix[c] === radix[c] - 1) return true;
    return false;
  };
  return {
    prior,
    tfAdjustment,
    vetoed,
    weight(pattern, i, j) {
      let t = 0;
      for (const c of tfComps) t += tfAdjustment(c, Math.floor(pattern / stride[c]) % radix[c], i, j);
      const v = base(pattern) + scale * t;
      return vetoComps.length && vetoed(pattern) ? Math.min(v, VETO_WEIGHT) : v;
    },
    fsPattern(pattern) {
      // tfAdjustment is 0 but at level 1 (adding 0 changes no sum)
      return { base: fsBase(pattern), tf: tfComps.filter((c) => level(pattern, c) === 1) };
    },
    fsWeight(pattern, i, j) {
      let v = fsBase(pattern);
      for (const c of tfComps) v += tfAdjustment(c, level(pattern, c), i, j);
      return v;
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
