/**
 * Pairwise precision, recall and F1 of a clustering against a truth, with counts and the first
 * false positives and false negatives for inspection. Pairs are counted from cluster × entity
 * contingencies, never enumerated, so millions of records are fine.
 */
import type { Truth } from './truth.js';

export interface Evaluation {
  records: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  predictedPairs: number;
  truePairs: number;
  precision: number;
  recall: number;
  f1: number;
  /** labels: pairs whose ids are not in the clusters, ignored. */
  unknownIds: number;
  falsePositiveExamples: [string, string][];
  falseNegativeExamples: [string, string][];
}

const c2 = (k: number) => (k * (k - 1)) / 2;

function scores(tp: number, fp: number, fn: number) {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

/**
 * Evaluates clusters (id → cluster id) against a truth.
 *
 * @example
 *   const e = evaluatePairwise(new Map([['a', '1'], ['b', '1'], ['c', '2']]), readTruth('truth.csv'));
 *   e.f1
 */
export function evaluatePairwise(clusterOf: Map<string, string>, truth: Truth, examples = 20): Evaluation {
  if (truth.kind === 'labels') {
    let tp = 0, fp = 0, fn = 0, unknown = 0;
    const fpx: [string, string][] = [], fnx: [string, string][] = [];
    const seen = new Set<string>();
    const dedupe = (a: string, b: string) => {
      const k = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    };
    for (const [a, b] of truth.matches) {
      if (!dedupe(a, b)) continue;
      const ca = clusterOf.get(a), cb = clusterOf.get(b);
      if (ca === undefined || cb === undefined) { unknown++; continue; }
      if (ca === cb) tp++;
      else { fn++; if (fnx.length < examples) fnx.push([a, b]); }
    }
    for (const [a, b] of truth.distinct) {
      if (!dedupe(a, b)) continue;
      const ca = clusterOf.get(a), cb = clusterOf.get(b);
      if (ca === undefined || cb === undefined) { unknown++; continue; }
      if (ca === cb) { fp++; if (fpx.length < examples) fpx.push([a, b]); }
    }
    return {
      records: clusterOf.size, truePositives: tp, falsePositives: fp, falseNegatives: fn,
      predictedPairs: tp + fp, truePairs: tp + fn, ...scores(tp, fp, fn), unknownIds: unknown,
      falsePositiveExamples: fpx, falseNegativeExamples: fnx,
    };
  }
  const entityOf = (id: string) => truth.entityOf.get(id) ?? `\u0000${id}`;
  const clusterSize = new Map<string, number>();
  const entitySize = new Map<string, number>();
  const both = new Map<string, number>();
  const byCluster = new Map<string, string[]>();
  const byEntity = new Map<string, string[]>();
  for (const [id, c] of clusterOf) {
    const e = entityOf(id);
    clusterSize.set(c, (clusterSize.get(c) ?? 0) + 1);
    entitySize.set(e, (entitySize.get(e) ?? 0) + 1);
    const k = `${c}\u0000${e}`;
    both.set(k, (both.get(k) ?? 0) + 1);
    (byCluster.get(c) ?? byCluster.set(c, []).get(c)!).push(id);
    (byEntity.get(e) ?? byEntity.set(e, []).get(e)!).push(id);
  }
  // truth records missing from the clusters are singletons there
  let missing = 0;
  for (const [id, e] of truth.entityOf) {
    if (clusterOf.has(id)) continue;
    missing++;
    entitySize.set(e, (entitySize.get(e) ?? 0) + 1);
    (byEntity.get(e) ?? byEntity.set(e, []).get(e)!).push(id);
  }
  let predicted = 0, actual = 0, tp = 0;
  for (const s of clusterSize.values()) predicted += c2(s);
  for (const s of entitySize.values()) actual += c2(s);
  for (const s of both.values()) tp += c2(s);
  const fpx: [string, string][] = [], fnx: [string, string][] = [];
  outer: for (const ids of byCluster.values()) {
    if (ids.length < 2 || fpx.length >= examples) continue;
    for (let a = 0; a < ids.length; a++) for (let b = a + 1; b < ids.length; b++) {
      if (entityOf(ids[a]) !== entityOf(ids[b])) fpx.push([ids[a], ids[b]]);
      if (fpx.length >= examples) break outer;
    }
  }
  outer2: for (const ids of byEntity.values()) {
    if (ids.length < 2 || fnx.length >= examples) continue;
    for (let a = 0; a < ids.length; a++) for (let b = a + 1; b < ids.length; b++) {
      const ca = clusterOf.get(ids[a]), cb = clusterOf.get(ids[b]);
      if (ca === undefined || ca !== cb) fnx.push([ids[a], ids[b]]);
      if (fnx.length >= examples) break outer2;
    }
  }
  return {
    records: clusterOf.size, truePositives: tp, falsePositives: predicted - tp, falseNegatives: actual - tp,
    predictedPairs: predicted, truePairs: actual, ...scores(tp, predicted - tp, actual - tp), unknownIds: missing,
    falsePositiveExamples: fpx, falseNegativeExamples: fnx,
  };
}
