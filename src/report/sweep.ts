/**
 * The threshold sweep: precision, recall and F1 of "weight ≥ cut ⇒ match" at every cut that
 * changes the prediction, the threshold that maximises F1, and the lowest threshold that keeps
 * precision at or above a target.
 */
import { probabilityOf } from '../../matching/index.js';
import type { JudgedPairs } from './truth-pairs.js';

export interface SweepPoint {
  /** Match weight cut: pairs with weight ≥ cut are predicted matches. */
  weight: number;
  probability: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Sweep {
  points: SweepPoint[];
  positives: number;
  judged: number;
  bestF1: SweepPoint | null;
  /** The lowest threshold whose precision is ≥ minPrecision. */
  minPrecision: number;
  precisionAtLeast: SweepPoint | null;
}

/**
 * Scores of one cut.
 *
 * @example
 *   pointAt(3.5, 8, 2, 10) // precision 0.8, recall 0.8
 */
export function pointAt(weight: number, tp: number, fp: number, positives: number): SweepPoint {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = positives ? tp / positives : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { weight, probability: probabilityOf(weight), tp, fp, fn: positives - tp, precision, recall, f1 };
}

/**
 * Sweeps every distinct weight: each cut sits halfway between two consecutive scored weights, so a
 * rerun with that threshold reproduces exactly the same predictions.
 *
 * @example
 *   const s = sweep(judgePairs(run, truth));
 *   s.bestF1?.probability
 */
export function sweep(judged: Pick<JudgedPairs, 'weight' | 'isMatch' | 'positives'>, minPrecision = 0.98): Sweep {
  const { weight, isMatch, positives } = judged;
  // two native sorts (matches, non-matches) merged: fast on millions of pairs
  let nm = 0;
  for (let k = 0; k < weight.length; k++) if (isMatch[k] && Number.isFinite(weight[k])) nm++;
  const pos = new Float64Array(nm), neg: number[] = [];
  for (let k = 0, q = 0; k < weight.length; k++) {
    if (!Number.isFinite(weight[k])) continue;
    if (isMatch[k]) pos[q++] = weight[k];
    else neg.push(weight[k]);
  }
  pos.sort().reverse();
  const negs = Float64Array.from(neg).sort().reverse();
  const points: SweepPoint[] = [];
  let tp = 0, fp = 0;
  while (tp < pos.length || fp < negs.length) {
    const w = tp < pos.length && (fp >= negs.length || pos[tp] >= negs[fp]) ? pos[tp] : negs[fp];
    while (tp < pos.length && pos[tp] === w) tp++;
    while (fp < negs.length && negs[fp] === w) fp++;
    const next = Math.max(tp < pos.length ? pos[tp] : -Infinity, fp < negs.length ? negs[fp] : -Infinity);
    const cut = Number.isFinite(next) ? (w + next) / 2 : w - 0.5;
    points.push(pointAt(cut, tp, fp, positives));
  }
  let bestF1: SweepPoint | null = null, precisionAtLeast: SweepPoint | null = null;
  for (const p of points) {
    if (!bestF1 || p.f1 > bestF1.f1) bestF1 = p;
    if (p.precision >= minPrecision) precisionAtLeast = p;
  }
  return { points, positives, judged: weight.length, bestF1, minPrecision, precisionAtLeast };
}

/**
 * The scores at a given cut (the run's own threshold, say).
 *
 * @example
 *   scoresAt(judged, weightOf(0.9))
 */
export function scoresAt(judged: Pick<JudgedPairs, 'weight' | 'isMatch' | 'positives'>, cut: number): SweepPoint {
  let tp = 0, fp = 0;
  for (let k = 0; k < judged.weight.length; k++) if (judged.weight[k] >= cut) judged.isMatch[k] ? tp++ : fp++;
  return pointAt(cut, tp, fp, judged.positives);
}

/**
 * At most `max` points, evenly spread, first and last kept (for charts).
 *
 * @example
 *   thin(sweep.points, 300)
 */
export function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  const out: T[] = [];
  for (let q = 0; q < max; q++) out.push(points[Math.round((q * (points.length - 1)) / (max - 1))]);
  return out;
}
