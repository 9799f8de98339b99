/**
 * The programmatic entry points: match, trainModel, explainPair.
 */
import { readFileSync } from 'node:fs';
import { block, blockPrepared, type Blocked, type EngineOptions, type RecordsInput } from './engine.js';
import type { Prepared } from './columns.js';
import { trainEm, trainSupervised } from './model/train.js';
import { createScorer, probabilityOf, weightOf, VETO_WEIGHT } from './model/score.js';
import { assertModelFits, levelWeight, type Model } from './model/types.js';
import { cluster, type ClusterResult } from './cluster.js';
import { UsageError } from '../src/error.js';

export interface MatchOptions extends EngineOptions {
  /** A trained model (object or path to model.json); estimated from the data when absent. */
  model?: Model | string;
  /** Match probability for merging (overrides the config's threshold). */
  threshold?: number;
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
  recordsWithoutId: number;
  model: Model['training'];
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
  return scoreBlocked(await block(records, options), options, start);
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
  return scoreBlocked(await blockPrepared(prepared, options, normaliseMs), options, start);
}

/**
 * The second half of {@link match}: trains (or takes) the model, scores the candidate pairs and
 * clusters them. The job runner's fan-out gathers the candidate pairs from many processes
 * ({@link planBlocking} + {@link gatherBlocked}) and finishes here, so its clusters are those of match().
 *
 * @example
 *   const r = scoreBlocked(await block(records), {});
 */
export function scoreBlocked(b: Blocked, options: MatchOptions = {}, start = performance.now()): MatchResult {
  const link = !!options.link;
  let t = performance.now();
  const model = options.model === undefined
    ? trainEm({ columns: b.prepared.columns, comparator: b.comparator, config: b.config, link, histogram: b.histogram, blockedPairs: b.left.length })
    : modelFor(b, options.model);
  b.timings.train = performance.now() - t;
  t = performance.now();
  const scorer = createScorer(model, b.config, b.prepared.columns, b.comparator);
  const threshold = options.threshold ?? b.config.threshold;
  if (!(threshold > 0 && threshold < 1)) throw new UsageError(`threshold must be a probability between 0 and 1 (exclusive), got ${threshold}`);
  const floorW = weightOf(Math.min(b.config.reportFloor, threshold));
  const minW = weightOf(threshold);
  const n = b.left.length;
  // two passes over typed arrays (no per-pair JS array: 18 M pairs at 1 M records)
  const weights = new Float64Array(n);
  let kept = 0;
  for (let k = 0; k < n; k++) {
    const w = scorer.weight(b.pattern[k], b.left[k], b.right[k]);
    weights[k] = w;
    if (w >= floorW) kept++;
  }
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
  const clusters = cluster(N, pairs.left, pairs.right, pairs.weight, minW, b.config.cluster);
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
      splitComponents: clusters.split, largeClusterWarnings: clusters.warnings,
      recordsWithoutId: b.prepared.missingIds.length, model: model.training, timingsMs,
      pairsPerSecond: Math.round(n / Math.max(1e-3, b.timings.compare / 1000)), peakRssMb: peakRssMb(),
    },
  };
}

export interface TrainOptions extends EngineOptions {
  /** Known matching pairs of record ids: m is then estimated from them (supervised). */
  labels?: [string, string][];
}

/**
 * Estimates a model from records (EM, or supervised from labelled pairs).
 *
 * @example
 *   const model = await trainModel(records, { config: 'fixtures/configs/restaurants.json' });
 *   writeFileSync('model.json', JSON.stringify(model, null, 2));
 */
export async function trainModel(records: RecordsInput, options: TrainOptions = {}): Promise<Model> {
  const b = await block(records, options);
  const link = !!options.link;
  if (options.labels?.length) {
    const index = new Map(b.prepared.ids.map((id, i) => [id, i]));
    const pairs: [number, number][] = [];
    for (const [a, c] of options.labels) {
      const i = index.get(a), j = index.get(c);
      if (i !== undefined && j !== undefined && i !== j) pairs.push([i, j]);
    }
    if (!pairs.length) throw new UsageError('labels: none of the labelled pairs names two records of the input');
    const m = trainSupervised(b.prepared.columns, b.comparator, b.config, link, pairs, { histogram: b.histogram, pairs: b.left.length });
    return m;
  }
  return trainEm({ columns: b.prepared.columns, comparator: b.comparator, config: b.config, link, histogram: b.histogram, blockedPairs: b.left.length });
}

export interface Explanation {
  left: { id: string; values: Record<string, string> };
  right: { id: string; values: Record<string, string> };
  prior: number;
  comparisons: { name: string; level: number; label: string; m: number; u: number; weight: number; tfAdjustment: number }[];
  blockedBy: string | null;
  /** Comparisons marked `veto` at their else level: the weight is capped at VETO_WEIGHT (never merged). */
  vetoedBy: string[];
  weight: number;
  probability: number;
  threshold: number;
  decision: 'match' | 'distinct';
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
  const b = await block(records, options);
  const ids = b.prepared.ids;
  const i = ids.indexOf(idA), j = ids.indexOf(idB);
  if (i < 0) throw new UsageError(`record "${idA}" is not in the input`);
  if (j < 0) throw new UsageError(`record "${idB}" is not in the input`);
  const model = options.model === undefined
    ? trainEm({ columns: b.prepared.columns, comparator: b.comparator, config: b.config, link: !!options.link, histogram: b.histogram, blockedPairs: b.left.length })
    : modelFor(b, options.model);
  const scorer = createScorer(model, b.config, b.prepared.columns, b.comparator);
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
  const sum = scorer.prior + comparisons.reduce((s, c) => s + c.weight + c.tfAdjustment, 0);
  const vetoedBy = model.comparisons.filter((_, k) => b.config.comparisons[k].veto && comparisons[k].level === b.comparator.radix[k] - 1).map((c) => c.name);
  const weight = vetoedBy.length ? Math.min(sum, VETO_WEIGHT) : sum;
  const threshold = options.threshold ?? b.config.threshold;
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
    prior: scorer.prior, comparisons, blockedBy, vetoedBy, weight, probability: probabilityOf(weight), threshold,
    decision: probabilityOf(weight) >= threshold ? 'match' : 'distinct',
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
