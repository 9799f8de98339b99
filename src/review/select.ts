/**
 * Which scored pairs to put in front of a person: those nearest the run's threshold (where a label
 * moves the threshold), the most uncertain (probability nearest 0.5), or a seeded random sample.
 */
import { mulberry32 } from '../../matching/index.js';
import type { Run } from '../report/run.js';
import { STRATEGIES, type Strategy } from './strategies.js';

export { STRATEGIES, type Strategy };

/**
 * Indexes of run pairs to review, at most n, skipping pairs for which `skip(i, j)` is true.
 *
 * @example
 *   selectPairs(run, 'nearest', 200) // the 200 pairs whose weight is closest to the threshold
 */
export function selectPairs(run: Run, strategy: Strategy, n: number, opts: { seed?: number; skip?: (i: number, j: number) => boolean } = {}): number[] {
  const { weight, left, right } = run.pairs;
  const candidates: number[] = [];
  for (let k = 0; k < weight.length; k++) if (!opts.skip?.(left[k], right[k])) candidates.push(k);
  if (strategy === 'random') {
    const rnd = mulberry32(opts.seed ?? 42);
    const m = Math.min(n, candidates.length);
    for (let q = 0; q < m; q++) {
      const r = q + Math.floor(rnd() * (candidates.length - q));
      [candidates[q], candidates[r]] = [candidates[r], candidates[q]];
    }
    return candidates.slice(0, m);
  }
  const target = strategy === 'nearest' ? run.thresholdWeight : 0;
  const dist = (k: number) => Math.abs(weight[k] - target);
  return candidates.sort((a, b) => dist(a) - dist(b) || a - b).slice(0, n);
}
