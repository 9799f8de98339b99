/**
 * What crosses the thread boundary: the shared engine data (once, as workerData) and each task's
 * result packed into one Int32Array: [rule, skipped, count, threadId, left…, right…, pattern…].
 */
import type { MatchConfig } from './config/types.js';
import type { EngineData, TaskResult } from './block/tasks.js';

export interface WorkerData extends EngineData {
  config: MatchConfig;
}

/** Packs a task result into one transferable array. */
export function packResult(r: TaskResult, threadId: number): Int32Array {
  const n = r.left.length;
  const out = new Int32Array(4 + 3 * n);
  out[0] = r.rule;
  out[1] = r.skipped;
  out[2] = n;
  out[3] = threadId;
  out.set(r.left, 4);
  out.set(r.right, 4 + n);
  out.set(r.pattern, 4 + 2 * n);
  return out;
}

/** The inverse of {@link packResult}. */
export function unpackResult(a: Int32Array): TaskResult & { threadId: number } {
  const n = a[2];
  return {
    rule: a[0], skipped: a[1], threadId: a[3],
    left: a.subarray(4, 4 + n), right: a.subarray(4 + n, 4 + 2 * n), pattern: a.subarray(4 + 2 * n, 4 + 3 * n),
  };
}
