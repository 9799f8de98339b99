/**
 * The pairs a threshold sweep is judged on: with an entity truth, every scored pair (true when both
 * records belong to the same entity) and every true pair of the run's records counts as a positive;
 * with labels, only the labelled pairs, `unsure` counted as distinct (as data·inclusion does) and a
 * labelled pair absent from pairs.csv scored below every threshold.
 */
import type { Truth } from '../evaluation/index.js';
import { labelSets } from '../review/labels.js';
import type { Run } from './run.js';

export interface JudgedPairs {
  /** Match weight per judged pair (-Infinity: not among the scored pairs). */
  weight: Float64Array;
  isMatch: Uint8Array;
  /** Run pair index per judged pair (-1 when not scored). */
  pair: Int32Array;
  /** Every true pair, scored or not. */
  positives: number;
  kind: 'entities' | 'labels';
  /** Truth ids or labelled pairs naming records absent from the run. */
  unknown: number;
}

/**
 * Judges a run's pairs against an entity truth or labels.
 *
 * @example
 *   const judged = judgePairs(run, readTruth('fixtures/restaurants/duplicates.csv'));
 */
export function judgePairs(run: Run, truth: Truth): JudgedPairs {
  const { left, right, weight } = run.pairs;
  if (truth.kind === 'entities') {
    const n = run.ids.length;
    const entity = new Int32Array(n).fill(-1);
    const entityIds = new Map<string, number>();
    const size: number[] = [];
    let unknown = 0;
    for (const [id, e] of truth.entityOf) {
      const i = run.index.get(id);
      if (i === undefined) { unknown++; continue; }
      let k = entityIds.get(e);
      if (k === undefined) { k = size.length; entityIds.set(e, k); size.push(0); }
      entity[i] = k;
      size[k]++;
    }
    let positives = 0;
    for (const s of size) positives += (s * (s - 1)) / 2;
    const isMatch = new Uint8Array(weight.length);
    for (let k = 0; k < weight.length; k++) {
      const a = entity[left[k]];
      isMatch[k] = a >= 0 && a === entity[right[k]] ? 1 : 0;
    }
    const pair = new Int32Array(weight.length);
    for (let k = 0; k < pair.length; k++) pair[k] = k;
    return { weight: Float64Array.from(weight), isMatch, pair, positives, kind: 'entities', unknown };
  }
  const { matches, distinct } = labelSets([
    ...truth.matches.map(([a, b]) => ({ left: a, right: b, label: 'match' as const })),
    ...truth.distinct.map(([a, b]) => ({ left: a, right: b, label: 'distinct' as const })),
  ]);
  const n = run.ids.length;
  const key = (i: number, j: number) => (i < j ? i * n + j : j * n + i);
  const wanted = new Map<number, number>();
  const all: [string, string, number][] = [...matches.map(([a, b]) => [a, b, 1] as [string, string, number]), ...distinct.map(([a, b]) => [a, b, 0] as [string, string, number])];
  let unknown = 0;
  const kept: [string, string, number][] = [];
  for (const t of all) {
    if (!run.index.has(t[0]) || !run.index.has(t[1])) { unknown++; continue; }
    const q = key(run.index.get(t[0])!, run.index.get(t[1])!);
    if (wanted.has(q)) continue;
    wanted.set(q, kept.length);
    kept.push(t);
  }
  const w = new Float64Array(kept.length).fill(-Infinity);
  const pair = new Int32Array(kept.length).fill(-1);
  for (let k = 0; k < weight.length && wanted.size; k++) {
    const q = wanted.get(key(left[k], right[k]));
    if (q !== undefined) { w[q] = weight[k]; pair[q] = k; }
  }
  const isMatch = Uint8Array.from(kept, (t) => t[2]);
  return { weight: w, isMatch, pair, positives: isMatch.reduce((s, v) => s + v, 0), kind: 'labels', unknown };
}
