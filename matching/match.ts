/**
 * The programmatic entry points: match, trainModel, explainPair.
 */
import { readFileSync } from 'node:fs';
import { block, blockPrepared, type Blocked, type EngineOptions, type RecordsInput } from './engine.js';
import type { Prepared } from './columns.js';
import { trainEm, trainSupervised } from './model/train.js';
import { createScorer, probabilityOf, weightOf, VETO_WEIGHT, type Scorer } from './model/score.js';
import { fitCalibration, type PairGrouping } from './model/calibrate.js';
import { pairPasses, type PairPasses } from './pair-passes.js';
import { assertModelFits, levelWeight, type Model } from './model/types.js';
import { cluster, LINK_FLOOR, type ClusterResult } from './cluster.js';
import { UsageError } from '../src/error.js';

export interface MatchOptions extends EngineOptions {
  /** A trained model (object or path to model.json); estimated from the data when absent. */
  model?: Model | string;
  /** Match probability for merging (overrides the config's threshold). */
  threshold?: number;
  /**
   * With a model calibrated on a full truth: re-estimate the share of matches among this data's
   * candidate pairs and move the weights accordingly ({@link priorShift}; default true). Models
   * calibrated on lists of labelled pairs are never shifted (their share is the sample's).
   */
  adaptPrior?: boolean;
}

export interface ScoredPairs {
  left: Int32Array;
  right: Int32Array;
  weight: Float64Array;
  probability: Float64Array;
}

export interface MatchSummary {
  records: number;
  inputs: number;
  link: boolean;
  threads: number;
  workerThreadIds: number[];
  tasks: number;
  blocking: Blocked['reports'];
  pairsScored: number;
  pairsReported: number;
  pairsAboveThreshold: number;
  threshold: number;
  clusters: number;
  recordsInMultiRecordClusters: number;
  clustersBySize: Record<string, number>;
  splitComponents: number[];
  largeClusterWarnings: number[];
  /** Average linkage (`cluster.minAverage`): pairs at or above the threshold that did not join their groups, whose mean probability fell short. */
  linksRefused: number;
  recordsWithoutId: number;
  model: Model['training'];
  /** With a calibrated model: its tuned threshold, the labelled match share and this data's (the prior shift). */
  calibration?: { tunedThreshold: number | null; labelledShare: number; share: number | null; shiftBits: number };
  timingsMs: Record<string, number>;
  pairsPerSecond: number;
  peakRssMb: number;
}

export interface MatchResult {
  ids: string[];
  /** Records that had no id (they were given `row-<n>`). */
  missingIds: number[];
  /** Cluster number per record (singletons included). */
  clusterOf: Int32Array;
  clusters: ClusterResult;
  /** Pairs at or above the config's reporting floor. */
  pairs: ScoredPairs;
  model: Model;
  summary: MatchSummary;
}

function readModel(model: Model | string): Model {
  if (typeof model !== 'string') return model;
  try {
    return JSON.parse(readFileSync(model, 'utf8')) as Model;
  } catch (err) {
    throw new UsageError(`cannot read model ${model}: ${(err as Error).message}`);
  }
}

/** The model without a previous run's prior shift. */
function withoutShift(model: Model): Model {
  if (!model.calibration?.shift) return model;
  const { shift: _, ...calibration } = model.calibration;
  return { ...model, calibration };
}

/**
 * Every candidate pair's weight under `model`, and the model they were scored with: a calibrated
 * model gets its prior shift on these pairs ({@link priorShift}) unless `adapt` is false or it was
 * calibrated on a list of labelled pairs (a review sample's match share is not the candidates').
 */
async function scoreAll(model: Model, b: Blocked, adapt: boolean, passes: PairPasses): Promise<{ model: Model; scorer: Scorer; weights: Float64Array }> {
  const spare = spareWeights.get(b);
  spareWeights.delete(b);
  const weights = spare?.length === b.left.length ? spare : passes.weightArray();
  const plain = withoutShift(model);
  let scorer = createScorer(plain, b.config, b.prepared.columns, b.comparator);
  await passes.weights(plain, weights);
  const cal = plain.calibration;
  if (!cal) return { model, scorer, weights };
  if (!adapt || cal.labelled === 'pairs' || !(cal.pairs > 0) || !(cal.matches > 0)) return { model: plain, scorer, weights };
  const vetoed = Uint8Array.from(b.patterns, (p) => (scorer.vetoed(p) ? 1 : 0));
  const shift = await passes.priorShift(weights, vetoed, cal.matches / cal.pairs);
  const adapted: Model = { ...plain, calibration: { ...cal, shift } };
  if (shift.bits !== 0) {
    // the shift moves every weight but the vetoed ones, which the adapted scorer caps again
    await passes.shift(adapted, weights, vetoed, shift.bits);
    scorer = createScorer(adapted, b.config, b.prepared.columns, b.comparator);
  }
  return { model: adapted, scorer, weights };
}

function modelFor(b: Blocked, model: Model | string): Model {
  const m = readModel(model);
  try {
    assertModelFits(m, b.config);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return m;
}

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * Deduplicates (or links) records: blocks, compares, scores with a Fellegi–Sunter model (estimated
 * from the data unless given), and clusters the pairs above the threshold.
 *
 * @example
 *   import { match } from 'recoupe/matching';
 *   const r = await match(structures, { threads: 2 });
 *   r.ids.forEach((id, i) => console.log(id, r.clusterOf[i]));
 *
 * @example
 *   // link a new source (input 1) against the référentiel (input 0), never within one
 *   const r = await match([...referentiel, ...incoming], { link: [...referentiel.map(() => 0), ...incoming.map(() => 1)] });
 */
export async function match(records: RecordsInput, options: MatchOptions = {}): Promise<MatchResult> {
  const start = performance.now();
  return scoreBlocked(await block(records, { ...options, randomU: options.model === undefined }), options, start);
}

/**
 * {@link match} over records already normalised: what `recoupe match` runs on JSON Lines read and
 * normalised on the worker threads ({@link readPreparedPooled}); the same result as match() on
 * the records. `normaliseMs` counts in the timings as the normalisation's.
 *
 * @example
 *   const read = await readPreparedPooled(['structures.jsonl'], { config, threads: 2 });
 *   const r = read && await matchPrepared(read.prepared, { config, threads: 2 }, read.timings.normalise);
 */
export async function matchPrepared(prepared: Prepared, options: MatchOptions = {}, normaliseMs = 0): Promise<MatchResult> {
  const start = performance.now() - normaliseMs;
  return scoreBlocked(await blockPrepared(prepared, { ...options, randomU: options.model === undefined }, normaliseMs), options, start);
}

/**
 * The second half of {@link match}: trains (or takes) the model, scores the candidate pairs and
 * clusters them. The job runner's fan-out gathers the candidate pairs from many processes
 * ({@link planBlocking} + {@link gatherBlocked}) and finishes here, so its clusters are those of match().
 * With `options.pool`, the passes over every pair (weights, self-calibration's labels) run on its
 * workers, a slice each.
 *
 * @example
 *   const r = await scoreBlocked(await block(records), {});
 */
export async function scoreBlocked(b: Blocked, options: MatchOptions = {}, start = performance.now()): Promise<MatchResult> {
  const link = !!options.link;
  const passes = pairPasses(b, options.pool);
  let t = performance.now();
  let model = options.model === undefined
    ? await estimate(b, link, passes)
    : modelFor(b, options.model);
  b.timings.train = performance.now() - t;
  t = performance.now();
  const threshold = options.threshold ?? model.calibration?.tuned?.threshold ?? b.config.threshold;
  if (!(threshold > 0 && threshold < 1)) throw new UsageError(`threshold must be a probability between 0 and 1 (exclusive), got ${threshold}`);
  const floorW = weightOf(Math.min(b.config.reportFloor, threshold));
  const minW = weightOf(threshold);
  const n = b.left.length;
  // two passes over typed arrays (no per-pair JS array: 18 M pairs at 1 M records)
  const scored = await scoreAll(model, b, options.adaptPrior !== false, passes);
  model = scored.model;
  const { weights } = scored;
  let kept = 0;
  for (let k = 0; k < n; k++) if (weights[k] >= floorW) kept++;
  const pairs: ScoredPairs = {
    left: new Int32Array(kept), right: new Int32Array(kept),
    weight: new Float64Array(kept), probability: new Float64Array(kept),
  };
  let above = 0;
  for (let k = 0, q = 0; k < n; k++) {
    const w = weights[k];
    if (w < floorW) continue;
    pairs.left[q] = b.left[k];
    pairs.right[q] = b.right[k];
    pairs.weight[q] = w;
    pairs.probability[q] = probabilityOf(w);
    if (w >= minW) above++;
    q++;
  }
  b.timings.score = performance.now() - t;
  t = performance.now();
  const N = b.prepared.columns.n;
  // every scored pair, not only the reported ones: average linkage counts them (cluster.minAverage)
  const clusters = cluster(N, b.left, b.right, weights, minW, b.config.cluster);
  b.timings.cluster = performance.now() - t;
  b.timings.total = performance.now() - start;
  let multi = 0;
  for (const [size, count] of Object.entries(clusters.histogram)) if (Number(size) > 1) multi += Number(size) * count;
  const inputs = new Set<number>();
  for (let i = 0; i < N; i++) inputs.add(b.prepared.columns.input[i]);
  const timingsMs: Record<string, number> = {};
  for (const [k, v] of Object.entries(b.timings)) timingsMs[k] = Math.round(v);
  return {
    ids: b.prepared.ids,
    missingIds: b.prepared.missingIds,
    clusterOf: clusters.clusterOf,
    clusters,
    pairs,
    model,
    summary: {
      records: N, inputs: inputs.size, link, threads: b.threads, workerThreadIds: b.threadIds, tasks: b.tasks,
      blocking: b.reports, pairsScored: n, pairsReported: kept, pairsAboveThreshold: above, threshold,
      clusters: clusters.count, recordsInMultiRecordClusters: multi, clustersBySize: clusters.histogram,
      splitComponents: clusters.split, largeClusterWarnings: clusters.warnings, linksRefused: clusters.refused,
      recordsWithoutId: b.prepared.missingIds.length, model: model.training,
      ...(model.calibration ? { calibration: {
        tunedThreshold: model.calibration.tuned?.threshold ?? null, labelledShare: model.calibration.matches / model.calibration.pairs,
        share: model.calibration.shift?.share ?? null, shiftBits: model.calibration.shift?.bits ?? 0,
      } } : {}),
      timingsMs,
      pairsPerSecond: Math.round(n / Math.max(1e-3, b.timings.compare / 1000)), peakRssMb: peakRssMb(),
    },
  };
}

export interface TrainOptions extends EngineOptions {
  /** Known matching pairs of record ids: m is then estimated from them (supervised). */
  labels?: [string, string][];
  /**
   * Labelled pairs to calibrate the model on (logistic regression, {@link fitCalibration}): a full
   * truth (record id → entity id: two records of one entity match, of two entities do not; records
   * it does not name are left out), or lists of matching and distinct pairs.
   */
  calibrate?: { entityOf: ReadonlyMap<string, string> } | { matches: readonly [string, string][]; distinct: readonly [string, string][] };
}

/**
 * Estimates a model from records (EM, or supervised from labelled pairs), and calibrates it on
 * labelled pairs when `calibrate` is given.
 *
 * @example
 *   const model = await trainModel(records, { config: 'fixtures/configs/restaurants.json' });
 *   writeFileSync('model.json', JSON.stringify(model, null, 2));
 *
 * @example
 *   // naive Bayes, then a logistic calibration with the config's interactions, on the generator's truth
 *   const model = await trainModel(records, { calibrate: { entityOf: readTruth('truth.csv').entityOf } });
 */
export async function trainModel(records: RecordsInput, options: TrainOptions = {}): Promise<Model> {
  return trainBlocked(await block(records, { ...options, randomU: true }), options);
}

/**
 * {@link trainModel} over records already normalised (what `recoupe train` runs on JSON Lines read
 * and normalised on the worker threads, {@link readPreparedPooled}): the same model.
 *
 * @example
 *   const read = await readPreparedPooled(['structures.jsonl'], { config, threads: 2 });
 *   const model = read && await trainPrepared(read.prepared, { config, threads: 2 });
 */
export async function trainPrepared(prepared: Prepared, options: TrainOptions = {}): Promise<Model> {
  return trainBlocked(await blockPrepared(prepared, { ...options, randomU: true }), options);
}

/** The model estimated from the candidate pairs (EM), self-calibrated when the config asks for it ({@link selfCalibrate}). */
async function estimate(b: Blocked, link: boolean, passes: PairPasses): Promise<Model> {
  const model = trainEm({ columns: b.prepared.columns, comparator: b.comparator, config: b.config, link, histogram: b.histogram, blockedPairs: b.left.length, randomU: b.randomU });
  return b.config.training.selfCalibrate ? selfCalibrate(b, model, passes) : model;
}

/** `model` and the scorer it gives, calibrated ({@link fitCalibration}) on the candidate pairs `label` names (null when they hold no match or no non-match). */
function calibrationOn(
  b: Blocked, model: Model, label: (i: number, j: number) => number,
  grouping?: PairGrouping, start?: Model['calibration'], clusterOf?: Int32Array, clusterOnes?: Float64Array,
): { scorer: Scorer; calibration: ReturnType<typeof fitCalibration> } {
  const scorer = createScorer(model, b.config, b.prepared.columns, b.comparator);
  // with the pairs grouped, the fit reads the groups' weights, not these
  const fsWeights = grouping ? new Float64Array(0) : scorer.fsWeights(b, new Float64Array(b.left.length));
  const calibration = fitCalibration({
    config: b.config, radix: b.comparator.radix, stride: b.comparator.stride,
    left: b.left, right: b.right, pattern: b.pattern,
    fsWeight: (k) => fsWeights[k],
    vetoed: scorer.vetoed, label, grouping, start, ...(grouping && clusterOf ? { clusterOf, clusterOnes } : {}),
  });
  return { scorer, calibration };
}

/**
 * Self-calibration (`training.selfCalibrate`, on in the built-in config): clusters the candidate
 * pairs with `model` at the config's threshold, then calibrates it ({@link fitCalibration}: scale,
 * intercept, level and interaction terms) on those clusters, every candidate pair labelled by
 * whether both records ended in one cluster. A cluster joins records through chains of strong
 * pairs: a pair the naive-Bayes weight scores low but the chain joins teaches the fit, and the
 * levels common among such pairs gain weight. Each further round (`training.selfCalibrateRounds`,
 * 3 in all by default) clusters with the model the round before calibrated, cut at
 * `training.selfCalibrateCut` (0.6: the calibrated model is surer than EM's, a higher cut keeps its
 * labels as precise), and fits `model` again on those clusters. No labels; no tuned threshold (the
 * config's applies). The model is returned as it is when its clusters hold no match or no
 * non-match.
 *
 * @example
 *   const model = await selfCalibrate(b, trainEm({ ... }), pairPasses(b));
 *   model.calibration?.labelled // 'clusters'
 */
export async function selfCalibrate(b: Blocked, model: Model, passes: PairPasses): Promise<Model> {
  const N = b.prepared.columns.n;
  const rounds = b.config.training.selfCalibrateRounds ?? 3;
  const cut = b.config.training.selfCalibrateCut ?? 0.6;
  // an uncalibrated model's weight is its Fellegi–Sunter weight but for the veto cap: one pass
  // gives both, and groups the pairs by (pattern, weight) for every round's fit and weights (a
  // model calibrated already goes through the scorer instead). A pair's Fellegi–Sunter weight is
  // its group's: one array of 8 bytes per pair serves, rounds after rounds, then as the final
  // scores' ({@link spareWeights}).
  let weights: Float64Array;
  let grouping: PairGrouping | undefined;
  if (model.calibration) weights = (await scoreAll(model, b, false, passes)).weights;
  else {
    const scorer = createScorer(model, b.config, b.prepared.columns, b.comparator);
    const vetoed = Uint8Array.from(b.patterns, (p) => (scorer.vetoed(p) ? 1 : 0));
    weights = passes.weightArray();
    grouping = await passes.fsGroups(model, weights, vetoed);
  }
  let { clusterOf } = cluster(N, b.left, b.right, weights, weightOf(b.config.threshold), b.config.cluster);
  let out = model;
  for (let round = 1; round <= rounds; round++) {
    // (the weights of round 1 are not needed again: later rounds write theirs over them)
    if (round > 1) ({ clusterOf } = cluster(N, b.left, b.right, await calibratedWeights(b, out, grouping, weights, passes), weightOf(cut), b.config.cluster));
    const labels = clusterOf;
    const ones = grouping && (await passes.clusterOnes(grouping, labels));
    // each round starts Newton from the round before's fit
    const { calibration } = calibrationOn(b, model, (i, j) => (labels[i] === labels[j] ? 1 : 0), grouping, out.calibration, labels, ones);
    if (!calibration) break;
    calibration.labelled = 'clusters';
    calibration.rounds = { count: round, cut };
    out = { ...model, calibration, training: { ...model.training!, method: model.training?.method === 'supervised' ? 'supervised' : 'em+self' } };
  }
  spareWeights.set(b, weights);
  return out;
}

/**
 * A run's array of one weight per candidate pair that self-calibration is done with: the final
 * scores are written over it (at 10 M pairs, a new array of 83 MB costs this VM 0.25 s of page
 * faults alone). Taken once.
 */
const spareWeights = new WeakMap<Blocked, Float64Array>();

/**
 * The weights `model` (calibrated, no prior shift) gives the candidate pairs: from the Fellegi–
 * Sunter weights and groups already at hand, scale × weight + the pattern's terms (the scorer's
 * own sum, in another order), capped for vetoed patterns, written into `into`; without them, the
 * scorer's (a new array).
 */
async function calibratedWeights(b: Blocked, model: Model, grouping: PairGrouping | undefined, into: Float64Array, passes: PairPasses): Promise<Float64Array> {
  const cal = model.calibration;
  if (!grouping || !cal) return (await scoreAll(model, b, false, passes)).weights;
  const scorer = createScorer(model, b.config, b.prepared.columns, b.comparator);
  const terms = new Float64Array(grouping.patterns.length);
  grouping.patterns.forEach((p, q) => { terms[q] = scorer.patternTerms(p); });
  return passes.calibrated(grouping, terms, cal.scale, into);
}

async function trainBlocked(b: Blocked, options: TrainOptions): Promise<Model> {
  const link = !!options.link;
  const passes = pairPasses(b, options.pool);
  let model: Model;
  // record id → index, only when labels name records
  const index = options.labels?.length || options.calibrate ? new Map(b.prepared.ids.map((id, i) => [id, i])) : new Map<string, number>();
  if (options.labels?.length) {
    const pairs: [number, number][] = [];
    for (const [a, c] of options.labels) {
      const i = index.get(a), j = index.get(c);
      if (i !== undefined && j !== undefined && i !== j) pairs.push([i, j]);
    }
    if (!pairs.length) throw new UsageError('labels: none of the labelled pairs names two records of the input');
    model = trainSupervised(b.prepared.columns, b.comparator, b.config, link, pairs, { histogram: b.histogram, pairs: b.left.length }, b.randomU);
  } else {
    model = trainEm({ columns: b.prepared.columns, comparator: b.comparator, config: b.config, link, histogram: b.histogram, blockedPairs: b.left.length, randomU: b.randomU });
  }
  if (!options.calibrate) return b.config.training.selfCalibrate ? selfCalibrate(b, model, passes) : model;
  // labels replace self-calibration (training.selfCalibrate)
  const entity = 'entityOf' in options.calibrate ? entityCodes(options.calibrate.entityOf, index, b.prepared.columns.n) : null;
  const label = labelOf(options.calibrate, index, b.prepared.columns.n, entity);
  const { scorer, calibration } = calibrationOn(b, model, label);
  if (!calibration) {
    let yes = 0, no = 0;
    for (let k = 0; k < b.left.length; k++) {
      if (scorer.vetoed(b.pattern[k])) continue;
      const y = label(b.left[k], b.right[k]);
      if (y === 1) yes++;
      else if (y === 0) no++;
    }
    throw new UsageError(`calibration needs labelled matches and non-matches among the candidate pairs (the pairs blocking finds); it found ${yes} labelled match(es) and ${no} non-match(es) there (vetoed pairs left out)`);
  }
  calibration.labelled = 'entityOf' in options.calibrate ? 'candidates' : 'pairs';
  const calibrated: Model = { ...model, calibration, training: { ...model.training!, method: model.training?.method === 'supervised' ? 'supervised' : 'em+logistic' } };
  calibration.tuned = await tuneThreshold(b, calibrated, options.calibrate, label, b.config.training.minPrecision ?? 0.98, index, entity, passes);
  return calibrated;
}

/**
 * The threshold of a calibrated model: clusters the candidate pairs at probabilities 0.30 … 0.95
 * and keeps the highest F1 whose precision on the labels is at least `minPrecision` (the highest
 * precision when none reaches it). Scores are those of clusters, as `recoupe evaluate` counts them:
 * with a full truth every pair of labelled records in one cluster, otherwise the labelled pairs.
 */
async function tuneThreshold(
  b: Blocked, model: Model, truth: NonNullable<TrainOptions['calibrate']>, label: (i: number, j: number) => number, minPrecision: number,
  index: Map<string, number>, entity: Int32Array | null, passes: PairPasses,
): Promise<NonNullable<Model['calibration']>['tuned']> {
  const N = b.prepared.columns.n;
  const { weights } = await scoreAll(model, b, false, passes);
  // full truth: true pairs among labelled records, and the labelled records (sorted by cluster and entity below)
  let truePairs = 0, entities = 0;
  let labelled = new Int32Array(0);
  let pairs: [number, number, number][] = [];
  if (entity) {
    const size = new Map<number, number>();
    for (let i = 0; i < N; i++) if (entity[i] >= 0) size.set(entity[i], (size.get(entity[i]) ?? 0) + 1);
    for (const s of size.values()) truePairs += (s * (s - 1)) / 2;
    let count = 0;
    for (let i = 0; i < N; i++) if (entity[i] >= 0) { count++; entities = Math.max(entities, entity[i] + 1); }
    labelled = new Int32Array(count);
    for (let i = 0, k = 0; i < N; i++) if (entity[i] >= 0) labelled[k++] = i;
  } else if (!('entityOf' in truth)) {
    for (const [a, c] of [...truth.matches, ...truth.distinct]) {
      const i = index.get(a), j = index.get(c);
      if (i !== undefined && j !== undefined && i !== j) pairs.push([i, j, label(i, j)]);
    }
    pairs = [...new Map(pairs.map((p) => [Math.min(p[0], p[1]) * N + Math.max(p[0], p[1]), p])).values()];
  }
  let best: NonNullable<Model['calibration']>['tuned'] | undefined;
  let safest: typeof best;
  for (let t = 0.3; t < 0.951; t += 0.05) {
    const threshold = Math.round(t * 100) / 100;
    const { clusterOf } = cluster(N, b.left, b.right, weights, weightOf(threshold), b.config.cluster);
    let tp = 0, predicted = 0, actual = 0;
    if (entity) {
      // labelled records sorted by (cluster, entity): runs of one cluster, within them runs of one entity
      const key = new Float64Array(labelled.length);
      for (let k = 0; k < labelled.length; k++) key[k] = clusterOf[labelled[k]] * entities + entity[labelled[k]];
      key.sort();
      for (let k = 0; k < key.length;) {
        const c = Math.floor(key[k] / entities);
        let all = 0;
        while (k < key.length && Math.floor(key[k] / entities) === c) {
          const e = key[k];
          let same = 0;
          while (k < key.length && key[k] === e) { same++; k++; }
          tp += (same * (same - 1)) / 2;
          all += same;
        }
        predicted += (all * (all - 1)) / 2;
      }
      actual = truePairs;
    } else {
      for (const [i, j, y] of pairs) {
        const same = clusterOf[i] === clusterOf[j];
        if (same) predicted++;
        if (same && y === 1) tp++;
        if (y === 1) actual++;
      }
    }
    const precision = predicted ? tp / predicted : 1, recall = actual ? tp / actual : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    const r = { threshold, precision, recall, f1, minPrecision };
    if (precision >= minPrecision && (!best || f1 > best.f1)) best = r;
    if (!safest || precision > safest.precision) safest = r;
  }
  return best ?? safest!;
}

/** Per record, a number for its entity in `entityOf` (-1 for records it does not name). */
function entityCodes(entityOf: ReadonlyMap<string, string>, index: Map<string, number>, n: number): Int32Array {
  const entity = new Int32Array(n).fill(-1);
  const code = new Map<string, number>();
  for (const [id, e] of entityOf) {
    const i = index.get(id);
    if (i === undefined) continue;
    let c = code.get(e);
    if (c === undefined) code.set(e, (c = code.size));
    entity[i] = c;
  }
  return entity;
}

/** A pair's label: 1 match, 0 non-match, -1 unknown. */
function labelOf(truth: NonNullable<TrainOptions['calibrate']>, index: Map<string, number>, n: number, entity: Int32Array | null): (i: number, j: number) => number {
  if (entity) return (i, j) => (entity[i] < 0 || entity[j] < 0 ? -1 : entity[i] === entity[j] ? 1 : 0);
  if ('entityOf' in truth) return () => -1;
  const known = new Map<number, number>();
  const put = (pairs: readonly [string, string][], y: number) => {
    for (const [a, c] of pairs) {
      const i = index.get(a), j = index.get(c);
      if (i !== undefined && j !== undefined && i !== j) known.set(Math.min(i, j) * n + Math.max(i, j), y);
    }
  };
  put(truth.distinct, 0);
  put(truth.matches, 1);
  return (i, j) => known.get(Math.min(i, j) * n + Math.max(i, j)) ?? -1;
}

export interface Explanation {
  left: { id: string; values: Record<string, string> };
  right: { id: string; values: Record<string, string> };
  prior: number;
  comparisons: { name: string; level: number; label: string; m: number; u: number; weight: number; tfAdjustment: number }[];
  blockedBy: string | null;
  /** With a calibrated model: its terms (scale, intercept, level corrections, interactions), in bits. */
  calibration: { name: string; detail: string; value: number }[];
  /** What the calibration was fitted on (the model's `calibration.labelled`): null without one. */
  calibratedOn: 'candidates' | 'pairs' | 'clusters' | null;
  /** Comparisons marked `veto` at their else level: the weight is capped at VETO_WEIGHT (never merged). */
  vetoedBy: string[];
  weight: number;
  probability: number;
  threshold: number;
  decision: 'match' | 'distinct';
  /**
   * Where match() puts the two records: in one cluster or not, the sizes of their clusters, and
   * when apart the mean probability over every pair between the two clusters (pairs never scored,
   * or below 1 %, count 0) — what average linkage (`cluster.minAverage`) compares.
   */
  cluster: { together: boolean; sizes: [number, number]; meanBetween: number | null; minAverage: number; maxSize: number };
}

/**
 * The waterfall of one pair: prior, each comparison's level and Bayes factor, term-frequency
 * adjustments, total weight and probability.
 *
 * @example
 *   const e = await explainPair(records, 'dora--1', 'emplois--9');
 *   e.comparisons.map((c) => `${c.name}: ${c.label} ${c.weight.toFixed(2)}`)
 */
export async function explainPair(records: RecordsInput, idA: string, idB: string, options: MatchOptions = {}): Promise<Explanation> {
  const b = await block(records, { ...options, randomU: options.model === undefined });
  const ids = b.prepared.ids;
  const i = ids.indexOf(idA), j = ids.indexOf(idB);
  if (i < 0) throw new UsageError(`record "${idA}" is not in the input`);
  if (j < 0) throw new UsageError(`record "${idB}" is not in the input`);
  const passes = pairPasses(b, options.pool);
  let model = options.model === undefined
    ? await estimate(b, !!options.link, passes)
    : modelFor(b, options.model);
  // the model match() scores with on the same data (a calibrated one with its prior shift)
  const scored = await scoreAll(model, b, options.adaptPrior !== false, passes);
  const scorer = scored.scorer;
  model = scored.model;
  const [x, y] = i < j ? [i, j] : [j, i];
  let blockedBy: string | null = null;
  for (let k = 0; k < b.left.length; k++) if (b.left[k] === x && b.right[k] === y) {
    blockedBy = b.reports.find((_, r) => r === ruleOfPair(b, k))?.name ?? null;
    break;
  }
  const comparisons = model.comparisons.map((c, k) => {
    const level = b.comparator.level(k, x, y);
    const l = c.levels[level];
    return { name: c.name, level, label: l.label, m: l.m, u: l.u, weight: level === 0 ? 0 : levelWeight(l), tfAdjustment: scorer.tfAdjustment(k, level, x, y) };
  });
  const fs = scorer.prior + comparisons.reduce((s, c) => s + c.weight + c.tfAdjustment, 0);
  const calibration = scorer.calibrationTerms(b.comparator.pattern(x, y), fs);
  const sum = fs + calibration.reduce((s, t) => s + t.value, 0);
  const vetoedBy = model.comparisons.filter((_, k) => b.config.comparisons[k].veto && comparisons[k].level === b.comparator.radix[k] - 1).map((c) => c.name);
  const weight = vetoedBy.length ? Math.min(sum, VETO_WEIGHT) : sum;
  const threshold = options.threshold ?? model.calibration?.tuned?.threshold ?? b.config.threshold;
  const { clusterOf } = cluster(b.prepared.columns.n, b.left, b.right, scored.weights, weightOf(threshold), b.config.cluster);
  const together = clusterOf[x] === clusterOf[y];
  let sizeX = 0, sizeY = 0;
  for (let r = 0; r < clusterOf.length; r++) { if (clusterOf[r] === clusterOf[x]) sizeX++; if (clusterOf[r] === clusterOf[y]) sizeY++; }
  let meanBetween: number | null = null;
  if (!together) {
    let sum = 0;
    for (let k = 0; k < b.left.length; k++) {
      const cl = clusterOf[b.left[k]], cr = clusterOf[b.right[k]];
      if ((cl !== clusterOf[x] || cr !== clusterOf[y]) && (cl !== clusterOf[y] || cr !== clusterOf[x])) continue;
      // as average linkage counts it: a pair below 1 % counts 0
      const p = probabilityOf(scored.weights[k]);
      if (p >= LINK_FLOOR) sum += p;
    }
    meanBetween = sum / (sizeX * sizeY);
  }
  const valuesOf = (r: number) => {
    const out: Record<string, string> = {};
    for (const [f, col] of Object.entries(b.prepared.columns.fields)) {
      if (col.kind === 'point') out[f] = col.lat[r] === col.lat[r] ? `${col.lat[r]},${col.lon[r]}` : '';
      else out[f] = col.ids[r] >= 0 ? b.prepared.values[f][col.ids[r]] : '';
    }
    return out;
  };
  return {
    left: { id: ids[i], values: valuesOf(i) }, right: { id: ids[j], values: valuesOf(j) },
    prior: scorer.prior, comparisons, blockedBy, calibration, calibratedOn: model.calibration ? model.calibration.labelled ?? 'candidates' : null,
    vetoedBy, weight, probability: probabilityOf(weight), threshold,
    decision: probabilityOf(weight) >= threshold ? 'match' : 'distinct',
    cluster: {
      together, sizes: i === x ? [sizeX, sizeY] : [sizeY, sizeX], meanBetween,
      minAverage: b.config.cluster.minAverage ?? 0, maxSize: b.config.cluster.maxSize,
    },
  };
}

/** The rule that produced pair k (pairs are stored rule after rule, in task order). */
function ruleOfPair(b: Blocked, k: number): number {
  let acc = 0;
  for (let r = 0; r < b.reports.length; r++) {
    acc += b.reports[r].pairs;
    if (k < acc) return r;
  }
  return -1;
}
