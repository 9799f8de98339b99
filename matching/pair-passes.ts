/**
 * The passes over every candidate pair after the comparisons — each pair's weight under a model,
 * self-calibration's labels from clusters — run here, or split in slices over the worker threads
 * of an {@link EnginePool} (the pairs are in shared memory; each slice writes its own range of one
 * array, or returns counts that add up). The same numbers either way.
 */
import type { Blocked } from './engine.js';
import type { EnginePool } from './engine-pool.js';
import type { WorkerData } from './task-data.js';
import type { Model } from './model/types.js';
import { createScorer, mergeHistograms, priorShift, shiftFromHistogram, weightHistogram, VETO_WEIGHT, type PairTable, type WeightHistogram } from './model/score.js';
import { calibratedSlice, countClusterLabels, groupPairs, groupSlice, inClusters, mergeGroups, type PairGrouping, type SliceGroups } from './model/calibrate.js';
import { sharedFloat64, sharedInt32 } from './buffers.js';

/** One slice of a pass, as a worker runs it (see {@link runPairPass}). */
export type PairPass =
  | { op: 'fs'; model: Model; pairs: PairTable; out: Float64Array; from: number; to: number }
  | { op: 'fsGroups'; model: Model; pairs: PairTable; out: Float64Array; gid: Int32Array; vetoed: Uint8Array; from: number; to: number }
  | { op: 'regroup'; gid: Int32Array; map: Int32Array; from: number; to: number }
  | { op: 'histogram'; weights: Float64Array; patternId: Int32Array; vetoed: Uint8Array; from: number; to: number }
  | { op: 'shift'; model: Model; pairs: PairTable; out: Float64Array; vetoed: Uint8Array; bits: number; from: number; to: number }
  | { op: 'weights'; model: Model; pairs: PairTable; out: Float64Array; only?: Uint8Array; from: number; to: number }
  | { op: 'ones'; gid: Int32Array; left: Int32Array; right: Int32Array; clusterOf: Int32Array; shared: Uint8Array; groups: number; from: number; to: number }
  | { op: 'calibrated'; grouping: Pick<PairGrouping, 'gid' | 'pattern' | 'weight' | 'vetoed'>; terms: Float64Array; scale: number; out: Float64Array; from: number; to: number };

/** Passes over a run's candidate pairs ({@link pairPasses}). */
export interface PairPasses {
  /** Whether the passes run on worker threads (the arrays they read must then be in shared memory). */
  readonly shared: boolean;
  /** An array of one weight per pair (shared memory when the passes run on workers). */
  weightArray(): Float64Array;
  /** The model's Fellegi–Sunter weights ({@link Scorer.fsWeights}) into `out`. */
  fsWeights(model: Model, out: Float64Array): Promise<Float64Array>;
  /**
   * The model's Fellegi–Sunter weights into `out`, the pairs grouped by (pattern, weight)
   * ({@link groupPairs}; `vetoed` by pattern number), then the vetoed patterns' weights capped at
   * {@link VETO_WEIGHT} in `out`: self-calibration's first pass.
   */
  fsGroups(model: Model, out: Float64Array, vetoed: Uint8Array): Promise<PairGrouping>;
  /** The model's weights ({@link Scorer.weights}) into `out`; with `only`, of those patterns' pairs. */
  weights(model: Model, out: Float64Array, only?: Uint8Array): Promise<Float64Array>;
  /** {@link priorShift} of `weights` (the vetoed patterns' pairs left out, by pattern number), from the histograms of slices. */
  priorShift(weights: Float64Array, vetoed: Uint8Array, trained: number): Promise<{ share: number; bits: number }>;
  /**
   * Applies a prior shift of `bits` to `out` (the weights without it): every pair's weight but the
   * vetoed patterns' moves by `bits`, and those are weighed again by `model` (the adapted one,
   * which caps them).
   */
  shift(model: Model, out: Float64Array, vetoed: Uint8Array, bits: number): Promise<Float64Array>;
  /** Per group of `grouping`, its pairs whose two records are in one cluster ({@link countClusterLabels}). */
  clusterOnes(grouping: PairGrouping, clusterOf: Int32Array): Promise<Float64Array>;
  /** A calibrated model's weights from the groups ({@link calibratedSlice}) into `out`. */
  calibrated(grouping: PairGrouping, terms: Float64Array, scale: number, out: Float64Array): Promise<Float64Array>;
}

/**
 * Runs one slice of a pass over the pairs (on a worker: `columns` and `config` its session's).
 *
 * @example
 *   runPairPass({ op: 'fs', model, pairs: b, out, from: 0, to: b.left.length }, b.prepared.columns, b.config, b.comparator);
 */
export function runPairPass(p: PairPass, data: Pick<WorkerData, 'columns' | 'config'>, comparator: Blocked['comparator']): Float64Array | SliceGroups | WeightHistogram | null {
  switch (p.op) {
    case 'histogram':
      return weightHistogram(p.weights, p.patternId, p.vetoed, p.from, p.to);
    case 'shift': {
      const { patternId } = p.pairs;
      for (let k = p.from; k < p.to; k++) if (!p.vetoed[patternId[k]]) p.out[k] += p.bits;
      // the vetoed patterns' pairs weighed again (the adapted model caps them)
      createScorer(p.model, data.config, data.columns, comparator).weights(p.pairs, p.out, p.vetoed, p.from, p.to);
      return null;
    }
    case 'fs':
      createScorer(p.model, data.config, data.columns, comparator).fsWeights(p.pairs, p.out, p.from, p.to);
      return null;
    case 'fsGroups': {
      const { patternId, patterns } = p.pairs;
      createScorer(p.model, data.config, data.columns, comparator).fsWeights(p.pairs, p.out, p.from, p.to);
      const groups = groupSlice(patternId, patterns.length, p.out, p.gid, p.from, p.to);
      // the groups hold the weights uncapped
      for (let k = p.from; k < p.to; k++) if (p.vetoed[patternId[k]]) p.out[k] = Math.min(p.out[k], VETO_WEIGHT);
      return groups;
    }
    case 'regroup':
      for (let k = p.from; k < p.to; k++) p.gid[k] = p.map[p.gid[k]];
      return null;
    case 'weights':
      createScorer(p.model, data.config, data.columns, comparator).weights(p.pairs, p.out, p.only, p.from, p.to);
      return null;
    case 'ones':
      return countClusterLabels(p.gid, p.left, p.right, p.clusterOf, p.shared, p.from, p.to, new Float64Array(p.groups));
    case 'calibrated':
      calibratedSlice(p.grouping, p.terms, p.scale, VETO_WEIGHT, p.out, p.from, p.to);
      return null;
  }
}

/**
 * Pairs per slice below which a pass runs here: a slice's round trip and the scorer each worker
 * builds (its per-pattern table: ~0.07 s at 74,000 patterns) cost more than they save.
 */
export const MIN_PAIRS_PER_SLICE = 500_000;

/**
 * The passes over `b`'s pairs: on `pool`'s workers (a slice each) when one is given and there are
 * `minPairsPerSlice` pairs per worker or more, else on this thread.
 *
 * @example
 *   const passes = pairPasses(b, options.pool);
 *   const weights = await passes.fsWeights(model, passes.weightArray());
 */
export function pairPasses(b: Blocked, pool?: EnginePool, minPairsPerSlice = MIN_PAIRS_PER_SLICE): PairPasses {
  const n = b.left.length;
  // pairs gathered from workers are in shared memory (not those compared here, or gathered by a fan-out)
  const slices = pool && b.threads > 1 && b.left.buffer instanceof SharedArrayBuffer ? Math.min(pool.threads, Math.floor(n / Math.max(1, minPairsPerSlice))) : 0;
  const data = { columns: b.prepared.columns, config: b.config };
  const table: PairTable = { patterns: b.patterns, patternId: b.patternId, tfMax: b.tfMax };
  const here = (p: PairPass) => runPairPass(p, data, b.comparator);
  const inline: PairPasses = {
    shared: false,
    weightArray: () => new Float64Array(n),
    fsWeights: async (model, out) => (here({ op: 'fs', model, pairs: table, out, from: 0, to: n }), out),
    fsGroups: async (model, out, vetoed) => {
      here({ op: 'fs', model, pairs: table, out, from: 0, to: n });
      const grouping = groupPairs(b.patternId, b.patterns, vetoed, out);
      for (let k = 0; k < n; k++) if (vetoed[b.patternId[k]]) out[k] = Math.min(out[k], VETO_WEIGHT);
      return grouping;
    },
    weights: async (model, out, only) => (here({ op: 'weights', model, pairs: table, out, only, from: 0, to: n }), out),
    priorShift: async (weights, vetoed, trained) => priorShift(weights, { patternId: b.patternId, vetoed }, trained),
    shift: async (model, out, vetoed, bits) => (here({ op: 'shift', model, pairs: table, out, vetoed, bits, from: 0, to: n }), out),
    clusterOnes: async (g, clusterOf) => here({ op: 'ones', gid: g.gid, left: b.left, right: b.right, clusterOf, shared: inClusters(clusterOf), groups: g.count.length, from: 0, to: n }) as Float64Array,
    calibrated: async (g, terms, scale, out) => (here({ op: 'calibrated', grouping: g, terms, scale, out, from: 0, to: n }), out),
  };
  if (slices < 2) return inline;
  // a worker writes into the caller's array only when it is shared memory (else into a copy)
  const isShared = (out: Float64Array) => out.buffer instanceof SharedArrayBuffer;
  const workerData: WorkerData = { columns: b.prepared.columns, rules: [], link: false, config: b.config };
  const session = b.session ?? 0;
  const size = Math.ceil(n / slices);
  const run = <T extends Float64Array | SliceGroups | WeightHistogram | null>(slice: (from: number, to: number, s: number) => PairPass | null): Promise<T[]> => {
    const parts: Promise<T>[] = [];
    for (let from = 0, s = 0; from < n; from += size, s++) {
      const pass = slice(from, Math.min(n, from + size), s);
      if (pass) parts.push(pool!.run({ kind: 'pairs', session, data: workerData, pass }));
    }
    return Promise.all(parts);
  };
  const groupsOnly = (g: PairGrouping) => ({ gid: g.gid, pattern: g.pattern, weight: g.weight, vetoed: g.vetoed });
  return {
    shared: true,
    weightArray: () => sharedFloat64(n),
    fsWeights: async (model, out) => (isShared(out) ? (await run((from, to) => ({ op: 'fs', model, pairs: table, out, from, to })), out) : inline.fsWeights(model, out)),
    fsGroups: async (model, out, vetoed) => {
      if (!isShared(out)) return inline.fsGroups(model, out, vetoed);
      // each slice grouped on its worker; the groups merged here in slice order, then each
      // slice's pairs given the merged numbers (the first slice's are already theirs)
      const gid = sharedInt32(n);
      const parts = await run<SliceGroups>((from, to) => ({ op: 'fsGroups', model, pairs: table, out, gid, vetoed, from, to }));
      const { groups, maps } = mergeGroups(parts, b.patterns, vetoed);
      const identity = (map: Int32Array) => map.every((id, g) => id === g);
      await run((from, to, s) => (identity(maps[s]) ? null : { op: 'regroup', gid, map: maps[s], from, to }));
      return { gid, ...groups };
    },
    // the pairs of a few patterns (the prior shift's vetoed ones): here, where the scorer is built once
    weights: async (model, out, only) => (isShared(out) && !only ? (await run((from, to) => ({ op: 'weights', model, pairs: table, out, from, to })), out) : inline.weights(model, out, only)),
    priorShift: async (weights, vetoed, trained) => {
      if (!(weights.buffer instanceof SharedArrayBuffer)) return inline.priorShift(weights, vetoed, trained);
      const h = mergeHistograms(await run<WeightHistogram>((from, to) => ({ op: 'histogram', weights, patternId: b.patternId, vetoed, from, to })));
      // keys too far apart for one array: counted in a map, here
      return h.counts || !h.total ? shiftFromHistogram(h, trained) : inline.priorShift(weights, vetoed, trained);
    },
    shift: async (model, out, vetoed, bits) => (isShared(out) ? (await run((from, to) => ({ op: 'shift', model, pairs: table, out, vetoed, bits, from, to })), out) : inline.shift(model, out, vetoed, bits)),
    clusterOnes: async (g, clusterOf) => {
      const shared = inClusters(clusterOf);
      const parts = await run<Float64Array>((from, to) => ({ op: 'ones', gid: g.gid, left: b.left, right: b.right, clusterOf, shared, groups: g.count.length, from, to }));
      // counts of pairs: sums of whole numbers, the same in any order
      const ones = new Float64Array(g.count.length);
      for (const part of parts) for (let k = 0; k < ones.length; k++) ones[k] += part[k];
      return ones;
    },
    calibrated: async (g, terms, scale, out) => (isShared(out) ? (await run((from, to) => ({ op: 'calibrated', grouping: groupsOnly(g), terms, scale, out, from, to })), out) : inline.calibrated(g, terms, scale, out)),
  };
}
