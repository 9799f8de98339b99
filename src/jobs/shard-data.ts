/**
 * A shard's results as one byte string for the staging table: the task results of its range, in
 * task order, each as [rule, skipped, n, left × n, right × n, pattern × n] (Int32, little-endian as
 * the host), preceded by the number of tasks.
 */
import type { TaskResult } from '../../matching/index.js';

/**
 * @example
 *   const bytes = packShard(results); unpackShard(bytes) // the same results
 */
export function packShard(results: readonly TaskResult[]): Buffer {
  let size = 1;
  for (const r of results) size += 3 + 3 * r.left.length;
  const a = new Int32Array(size);
  a[0] = results.length;
  let p = 1;
  for (const r of results) {
    const n = r.left.length;
    a[p] = r.rule;
    a[p + 1] = r.skipped;
    a[p + 2] = n;
    a.set(r.left, p + 3);
    a.set(r.right, p + 3 + n);
    a.set(r.pattern, p + 3 + 2 * n);
    p += 3 + 3 * n;
  }
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** The inverse of {@link packShard} (copies the bytes, whatever their alignment). */
export function unpackShard(bytes: Uint8Array): TaskResult[] {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const a = new Int32Array(copy.buffer);
  const out: TaskResult[] = [];
  let p = 1;
  for (let t = 0; t < a[0]; t++) {
    const n = a[p + 2];
    out.push({ rule: a[p], skipped: a[p + 1], left: a.subarray(p + 3, p + 3 + n), right: a.subarray(p + 3 + n, p + 3 + 2 * n), pattern: a.subarray(p + 3 + 2 * n, p + 3 + 3 * n) });
    p += 3 + 3 * n;
  }
  return out;
}
