/**
 * A shard's results as one byte string for the staging table: the task results of its range, in
 * task order, each packed as the worker threads pack them ({@link packResult}: rule, skipped, n,
 * the term-frequency layout, then left, right, pattern and the kept term frequencies, n each;
 * Int32, little-endian as the host), each preceded by its length, all by the number of tasks.
 */
import { packResult, unpackResult } from '../../matching/task-data.js';
import type { TaskResult } from '../../matching/index.js';

/**
 * @example
 *   const bytes = packShard(results); unpackShard(bytes) // the same results
 */
export function packShard(results: readonly TaskResult[]): Buffer {
  const packed = results.map((r) => packResult(r, 0));
  let size = 1;
  for (const p of packed) size += 1 + p.length;
  const a = new Int32Array(size);
  a[0] = results.length;
  let at = 1;
  for (const p of packed) {
    a[at] = p.length;
    a.set(p, at + 1);
    at += 1 + p.length;
  }
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** The inverse of {@link packShard} (copies the bytes, whatever their alignment). */
export function unpackShard(bytes: Uint8Array): TaskResult[] {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const a = new Int32Array(copy.buffer);
  const out: TaskResult[] = [];
  let at = 1;
  for (let t = 0; t < a[0]; t++) {
    const { threadId: _, ...r } = unpackResult(a.subarray(at + 1, at + 1 + a[at]));
    out.push(r);
    at += 1 + a[at];
  }
  return out;
}
