/**
 * The parser of the job commands' whole-number options, apart from `cli-options.ts` (which loads
 * the pipeline) because the command line builds its options before knowing which command runs.
 */
import { UsageError } from '../error.js';

export const positiveInt = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a whole number ≥ 1, got "${v}"`);
  return n;
};
