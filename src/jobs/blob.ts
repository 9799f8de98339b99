/**
 * Rows kept in the database between jobs (an import's result, the fan-out's input records): JSON
 * Lines, gzipped in parts of a few thousand rows, written in one transaction so a reader sees all
 * the parts or none. Any process sharing the database can read them back.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Db } from '../store/index.js';

export interface EncodedRows {
  parts: Buffer[];
  count: number;
  /** sha1 of the JSON Lines text: the same rows give the same digest. */
  sha1: string;
}

/**
 * @example
 *   const enc = encodeRows([{ id: 'a' }, { id: 'b' }]); // enc.count === 2
 */
export function encodeRows(rows: Iterable<unknown>, rowsPerPart = 5000): EncodedRows {
  const hash = createHash('sha1');
  const parts: Buffer[] = [];
  let lines: string[] = [];
  let count = 0;
  const flush = () => {
    if (!lines.length) return;
    const text = lines.join('');
    hash.update(text);
    parts.push(gzipSync(text, { level: 1 }));
    lines = [];
  };
  for (const r of rows) {
    lines.push(`${JSON.stringify(r)}\n`);
    count++;
    if (lines.length >= rowsPerPart) flush();
  }
  flush();
  return { parts, count, sha1: hash.digest('hex') };
}

/** The rows of encoded parts, in order. */
export function decodeParts<T>(parts: Uint8Array[]): T[] {
  const out: T[] = [];
  for (const p of parts) {
    const text = gunzipSync(p).toString('utf8');
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      out.push(JSON.parse(text.slice(start, nl)) as T);
      start = nl + 1;
    }
  }
  return out;
}

/**
 * Replaces the blob `key` with these parts, atomically.
 *
 * @example
 *   await putBlob(db, 'recoupe', 'import:job-1:dora', encodeRows(rows));
 */
export async function putBlob(db: Db, ns: string, key: string, enc: EncodedRows): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`DELETE FROM ${ns}.job_blobs WHERE key = $1`, [key]);
    for (let i = 0; i < enc.parts.length; i++) {
      await tx.query(`INSERT INTO ${ns}.job_blobs (key, part, data) VALUES ($1, $2, $3)`, [key, i, enc.parts[i]]);
    }
  });
}

/** The rows of blob `key` (empty when absent). */
export async function getBlob<T>(db: Db, ns: string, key: string): Promise<T[]> {
  const parts: Uint8Array[] = [];
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ns}.job_blobs WHERE key = $1`, [key]);
  for (let i = 0; i < n; i++) {
    const [row] = await db.query<{ data: Uint8Array }>(`SELECT data FROM ${ns}.job_blobs WHERE key = $1 AND part = $2`, [key, i]);
    if (row) parts.push(row.data);
  }
  return decodeParts<T>(parts);
}

/** Deletes the blobs whose key starts with `prefix`. */
export async function dropBlobs(db: Db, ns: string, prefix: string): Promise<void> {
  await db.query(`DELETE FROM ${ns}.job_blobs WHERE starts_with(key, $1)`, [prefix]);
}
