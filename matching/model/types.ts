/**
 * A Fellegi–Sunter model as plain, versioned JSON.
 */
import type { LevelSpec, MatchConfig } from '../config/types.js';

export interface ModelLevel {
  label: string;
  /** P(level | match) */
  m: number;
  /** P(level | non-match) */
  u: number;
}

export interface ModelComparison {
  name: string;
  /** Level 0 is null (missing on either side, weight 0); the last is "else" (none of the levels). */
  levels: ModelLevel[];
  tf: boolean;
}

/**
 * A logistic calibration of the Fellegi–Sunter weight, fitted on labelled pairs (`recoupe train
 * --labels`): naive Bayes counts each comparison independently ("same address" and "points 300 m
 * apart" both), the calibration learns, from labels, how much each level and each listed pair of
 * comparisons really says. All terms are in bits:
 *
 *   weight = scale × (Fellegi–Sunter weight, term frequencies included) + intercept
 *          + Σ levels[c][level of c] + Σ interactions[k].weights[level of a][level of b]
 *
 * A veto still caps the result.
 */
export interface Calibration {
  method: 'logistic';
  scale: number;
  intercept: number;
  /** Per comparison, per level (null first, else last), bits added. */
  levels: number[][];
  interactions: { comparisons: [string, string]; weights: number[][] }[];
  /** L2 penalty of the fit (on every term but the scale and intercept). */
  l2: number;
  /** Labelled candidate pairs the fit saw, and the matches among them. */
  pairs: number;
  matches: number;
  /**
   * What the labelled pairs are: every candidate pair among the records a full truth names
   * (`candidates`: their match share is that of candidate pairs, and a run re-estimates it on its
   * data), or pairs someone chose to label (`pairs`: a review sample, whose share says nothing of
   * the candidate pairs; no prior shift), or the model's own clusters (`clusters`: self-calibration,
   * every candidate pair labelled by whether the unsupervised run put both records in one cluster;
   * no tuned threshold, the config's applies).
   */
  labelled?: 'candidates' | 'pairs' | 'clusters';
  /** Self-calibration: the rounds fitted, and the probability rounds after the first cut their clusters at. */
  rounds?: { count: number; cut: number };
  iterations: number;
  converged: boolean;
  /**
   * The merge threshold tuned on the same labels (the highest F1 with precision ≥ minPrecision,
   * scored on clusters): `recoupe match` uses it unless `--threshold` is given.
   */
  tuned?: { threshold: number; precision: number; recall: number; f1: number; minPrecision: number };
  /**
   * Set by `recoupe match` (in the run's model.json): the share of matches among this data's
   * candidate pairs, estimated with the calibrated model itself (the prior re-estimated by EM, as
   * Saerens et al. 2002), and the bits that moves every weight by against the labelled share
   * (matches / pairs). A denser corpus holds more candidate non-matches per match: without it, a
   * model calibrated on 100 k places over-merges at 1 M.
   */
  shift?: { share: number; bits: number };
}

export interface Model {
  format: 'recoupe-fellegi-sunter';
  version: 1;
  /** Prior probability that two records match: random records, or blocked pairs when `training.u` is `blocked`. */
  lambda: number;
  comparisons: ModelComparison[];
  /** Optional: the weight recalibrated from labelled pairs (see {@link Calibration}). */
  calibration?: Calibration;
  training?: {
    method: 'em' | 'supervised' | 'given' | 'em+logistic' | 'em+self';
    records: number;
    blockedPairs: number;
    uPairs: number;
    emIterations?: number;
    emConverged?: boolean;
    /** Share of blocked pairs EM considers matches. */
    blockedMatchShare?: number;
    deterministicPairs?: number;
    /** False when EM drifted (implausible match share) and the bootstrapped m was kept instead. */
    emKept?: boolean;
    /** Where λ came from: EM's share of matches among the blocked pairs, or the deterministic rules' count / recall. */
    lambdaFrom?: 'em' | 'rules';
    /** Where u came from; with `blocked`, λ is the match share among blocked pairs. */
    u?: 'random' | 'blocked';
  };
}

/** The readable label of a level spec. */
export function levelLabel(spec: LevelSpec, field: string, own: string): string {
  if (spec.label) return spec.label;
  const parts: string[] = [];
  const f = field !== own ? `${field} ` : '';
  if (spec.exact) parts.push(`${f}exact`);
  if (spec.tokens !== undefined) parts.push(`${f}tokens ≥ ${spec.tokens}`);
  if (spec.jw !== undefined) parts.push(`${f}jaro-winkler ≥ ${spec.jw}`);
  if (spec.lev !== undefined) parts.push(`${f}levenshtein ≤ ${spec.lev}`);
  if (spec.sameNumber) parts.push('same number');
  if (spec.maxFreq !== undefined) parts.push(`held by ≤ ${spec.maxFreq}`);
  if (spec.km !== undefined) parts.push(`≤ ${spec.km} km`);
  if (spec.absent !== undefined) parts.push(`no ${spec.absent}`);
  if (spec.values !== undefined) parts.push(`in ${spec.values.join('|')}`);
  if (spec.also !== undefined) parts.push(`same ${spec.also.join(', ')}`);
  return parts.join(' & ') || 'level';
}

/** Labels of every level of every comparison (null first, else last). */
export function levelLabels(config: MatchConfig): string[][] {
  return config.comparisons.map((c) => ['null', ...c.levels.map((l) => levelLabel(l, l.field ?? c.field, c.field)), 'else']);
}

/** Bayes factor weight (bits) of a level. */
export const levelWeight = (l: ModelLevel): number => Math.log2(l.m / l.u);

/**
 * Checks a loaded model fits the config's comparisons (same names, same number of levels).
 *
 * @example
 *   assertModelFits(JSON.parse(readFileSync('model.json', 'utf8')), config);
 */
export function assertModelFits(model: Model, config: MatchConfig): void {
  if (model?.format !== 'recoupe-fellegi-sunter' || model.version !== 1)
    throw new Error('model: not a recoupe model (format "recoupe-fellegi-sunter", version 1 expected)');
  if (!(model.lambda > 0 && model.lambda < 1)) throw new Error('model.lambda must be a probability in (0, 1)');
  const names = config.comparisons.map((c) => c.name);
  const got = model.comparisons.map((c) => c.name);
  if (names.join('|') !== got.join('|'))
    throw new Error(`model.comparisons [${got.join(', ')}] do not match the config's comparisons [${names.join(', ')}]`);
  config.comparisons.forEach((c, i) => {
    if (model.comparisons[i].levels.length !== c.levels.length + 2)
      throw new Error(`model.comparisons[${i}] (${c.name}) has ${model.comparisons[i].levels.length} levels, the config gives ${c.levels.length + 2} (with null and else)`);
  });
  const cal = model.calibration;
  if (cal === undefined) return;
  const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  if (cal.method !== 'logistic' || !finite(cal.scale) || !finite(cal.intercept))
    throw new Error('model.calibration: method "logistic" with finite scale and intercept expected');
  const width = config.comparisons.map((c) => c.levels.length + 2);
  if (!Array.isArray(cal.levels) || cal.levels.length !== width.length || cal.levels.some((row, k) => !Array.isArray(row) || row.length !== width[k] || !row.every(finite)))
    throw new Error(`model.calibration.levels must give a number for each level of each comparison (${width.join(', ')} levels)`);
  if (cal.tuned !== undefined && !(cal.tuned.threshold > 0 && cal.tuned.threshold < 1))
    throw new Error('model.calibration.tuned.threshold must be a probability in (0, 1)');
  (cal.interactions ?? []).forEach((it, k) => {
    const [a, b] = (it.comparisons ?? []).map((n) => names.indexOf(n));
    if (a === undefined || b === undefined || a < 0 || b < 0)
      throw new Error(`model.calibration.interactions[${k}].comparisons must name two of the config's comparisons`);
    if (!Array.isArray(it.weights) || it.weights.length !== width[a] || it.weights.some((row) => !Array.isArray(row) || row.length !== width[b] || !row.every(finite)))
      throw new Error(`model.calibration.interactions[${k}].weights must be a ${width[a]} × ${width[b]} table of numbers`);
  });
}
