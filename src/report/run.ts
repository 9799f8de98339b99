/**
 * A match run as the report, review and tune commands see it: the folder `recoupe match --out DIR`
 * wrote (clusters.csv, pairs.csv, model.json, summary.json), loaded into typed arrays with record
 * ids interned once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Model, MatchSummary } from '../../matching/index.js';
import { weightOf } from '../../matching/index.js';
import { UsageError } from '../error.js';
import { eachCsvRow } from '../io/csv-lines.js';

export interface RunPairs {
  left: Int32Array;
  right: Int32Array;
  weight: Float64Array;
  probability: Float64Array;
}

export interface Run {
  dir: string;
  /** Record ids, in clusters.csv order. */
  ids: string[];
  index: Map<string, number>;
  /** Cluster label per record (clusters.csv's cluster_id). */
  clusterOf: string[];
  pairs: RunPairs;
  /** pairs.csv rows naming an id absent from clusters.csv, or with an unreadable weight. */
  badPairRows: { line: number; reason: string }[];
  model: Model;
  summary: MatchSummary & Record<string, unknown>;
  /** The run's threshold as a probability and as a match weight. */
  threshold: number;
  thresholdWeight: number;
}

function readJson<T>(path: string): T {
  if (!existsSync(path)) throw new UsageError(`${path} is missing: is this a folder written by recoupe match --out?`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new UsageError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
}

function headerIndex(header: string[], names: string[], file: string): number[] {
  return names.map((n) => {
    const k = header.indexOf(n);
    if (k < 0) throw new UsageError(`${file}: header must hold ${names.join(', ')}, got "${header.join(',')}"`);
    return k;
  });
}

/**
 * Loads a match run folder.
 *
 * @example
 *   const run = await loadRun('out/match');
 *   run.pairs.weight.length // scored pairs at or above the report floor
 */
export async function loadRun(dir: string): Promise<Run> {
  const summary = readJson<Run['summary']>(join(dir, 'summary.json'));
  const model = readJson<Model>(join(dir, 'model.json'));
  const clustersPath = join(dir, 'clusters.csv'), pairsPath = join(dir, 'pairs.csv');
  for (const p of [clustersPath, pairsPath]) if (!existsSync(p)) throw new UsageError(`${p} is missing: is this a folder written by recoupe match --out?`);
  const ids: string[] = [], clusterOf: string[] = [];
  const index = new Map<string, number>();
  let cols: number[] | undefined;
  await eachCsvRow(clustersPath, (f) => {
    if (!cols) { cols = headerIndex(f, ['id', 'cluster_id'], clustersPath); return; }
    const id = f[cols[0]];
    if (index.has(id)) return;
    index.set(id, ids.length);
    ids.push(id);
    clusterOf.push(f[cols[1]]);
  });
  let cap = 1024, n = 0;
  let left = new Int32Array(cap), right = new Int32Array(cap), weight = new Float64Array(cap), probability = new Float64Array(cap);
  const grow = () => {
    cap *= 2;
    const l = new Int32Array(cap), r = new Int32Array(cap), w = new Float64Array(cap), p = new Float64Array(cap);
    l.set(left); r.set(right); w.set(weight); p.set(probability);
    left = l; right = r; weight = w; probability = p;
  };
  const badPairRows: Run['badPairRows'] = [];
  let pc: number[] | undefined, line = 0;
  await eachCsvRow(pairsPath, (f) => {
    line++;
    if (!pc) { pc = headerIndex(f, ['left_id', 'right_id', 'match_weight', 'match_probability'], pairsPath); return; }
    const i = index.get(f[pc[0]]), j = index.get(f[pc[1]]);
    const w = Number(f[pc[2]]), p = Number(f[pc[3]]);
    if (i === undefined || j === undefined) { badPairRows.push({ line, reason: `id ${i === undefined ? f[pc[0]] : f[pc[1]]} is not in clusters.csv` }); return; }
    if (!Number.isFinite(w) || !(p >= 0 && p <= 1)) { badPairRows.push({ line, reason: `unreadable weight/probability "${f[pc[2]]}", "${f[pc[3]]}"` }); return; }
    if (n === cap) grow();
    left[n] = i; right[n] = j; weight[n] = w; probability[n] = p;
    n++;
  });
  const threshold = typeof summary.threshold === 'number' ? summary.threshold : 0.9;
  return {
    dir, ids, index, clusterOf,
    pairs: { left: left.subarray(0, n), right: right.subarray(0, n), weight: weight.subarray(0, n), probability: probability.subarray(0, n) },
    badPairRows, model, summary, threshold, thresholdWeight: weightOf(threshold),
  };
}
