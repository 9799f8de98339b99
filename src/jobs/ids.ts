/**
 * Deterministic job ids: the same consolidation job always sends its imports and shards under the
 * same ids, so a retried coordinator re-sends nothing that is already queued, running or done
 * (pg-boss inserts with ON CONFLICT DO NOTHING).
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * A name-based UUID (version 5 layout over sha1).
 *
 * @example
 *   jobUuid('job-1', 'import', 'dora') === jobUuid('job-1', 'import', 'dora') // true
 */
export function jobUuid(...parts: (string | number)[]): string {
  const h = createHash('sha1').update(parts.join('\u0000')).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** This process, as recorded beside the work it did: `host:pid`. */
export const workerName = (): string => `${hostname()}:${process.pid}`;
