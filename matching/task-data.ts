/**
 * What crosses the thread boundary: the shared engine data (once, as workerData) and each task's
 * result packed into one Int32Array: [rule, skipped, count, threadId, comparisons, a 0/1 per
 * comparison (term frequencies kept), left…, right…, pattern…, then each kept tfMax…];
 * for normalisation, each chunk's raw strings joined per column (one string clones as one block,
 * a million small strings do not).
 */
import type { MatchConfig } from './config/types.js';
import type { EngineData, TaskResult } from './block/tasks.js';
import type { Chunk, ChunkValues } from './columns.js';
import { sharedInt32 } from './buffers.js';

export interface WorkerData extends EngineData {
  config: MatchConfig;
}

/**
 * Packs a task result into one array: in shared memory when `shared` (a worker's, sent without a
 * copy: an ArrayBuffer arriving on the main thread counts against its heap, and every ~64 MB of
 * them set off a full collection of that heap, 0.2-0.3 s each at 1 M records; shared memory
 * does not).
 */
export function packResult(r: TaskResult, threadId: number, shared = false): Int32Array {
  const n = r.left.length, C = r.tfMax.length;
  const kept = r.tfMax.filter((t) => t).length;
  const head = 5 + C;
  const out = shared ? sharedInt32(head + (3 + kept) * n) : new Int32Array(head + (3 + kept) * n);
  out[0] = r.rule;
  out[1] = r.skipped;
  out[2] = n;
  out[3] = threadId;
  out[4] = C;
  out.set(r.left, head);
  out.set(r.right, head + n);
  out.set(r.pattern, head + 2 * n);
  let p = head + 3 * n;
  r.tfMax.forEach((t, c) => {
    if (!t) return;
    out[5 + c] = 1;
    out.set(t, p);
    p += n;
  });
  return out;
}

/** The inverse of {@link packResult}. */
export function unpackResult(a: Int32Array): TaskResult & { threadId: number } {
  const n = a[2], C = a[4];
  const head = 5 + C;
  let p = head + 3 * n;
  const tfMax: (Int32Array | null)[] = [];
  for (let c = 0; c < C; c++) {
    if (a[5 + c]) { tfMax.push(a.subarray(p, p + n)); p += n; } else tfMax.push(null);
  }
  return {
    rule: a[0], skipped: a[1], threadId: a[3],
    left: a.subarray(head, head + n), right: a.subarray(head + n, head + 2 * n), pattern: a.subarray(head + 2 * n, head + 3 * n), tfMax,
  };
}

/** Strings joined into one, with the end offset of each. */
export interface JoinedStrings {
  text: string;
  ends: Int32Array;
}

/**
 * The strings of a {@link JoinedStrings}.
 *
 * @example
 *   splitStrings({ text: 'abc', ends: Int32Array.of(1, 1, 3) }) // ['a', '', 'bc']
 */
export function splitStrings(j: JoinedStrings): string[] {
  const out = new Array<string>(j.ends.length);
  for (let i = 0, a = 0; i < out.length; a = j.ends[i++]) out[i] = j.text.slice(a, j.ends[i]);
  return out;
}

/** A chunk to normalise as it crosses to a worker (the outputs are shared memory). */
export type ChunkMessage = Omit<Chunk, 'raw'> & { raw: JoinedStrings[] };

/** What a worker returns for a chunk: its values, and which thread normalised them. */
export interface ChunkResult {
  values: ChunkValues;
  threadId: number;
}

/** @example normaliseChunk(fromChunkMessage(message)) */
export const fromChunkMessage = (m: ChunkMessage): Chunk => ({ ...m, raw: m.raw.map(splitStrings) });

/** The joined arrays of candidate pairs a gatherer copies task results into. */
export interface GatherTarget {
  left: Int32Array;
  right: Int32Array;
  pattern: Int32Array;
  patternId: Int32Array;
  tfMax: (Int32Array | null)[];
}

/** One task result's pairs and where they go in the joined arrays. */
export interface GatherPiece {
  at: number;
  left: Int32Array;
  right: Int32Array;
  pattern: Int32Array;
  patternId: Int32Array;
  tfMax: (Int32Array | null)[];
}

/**
 * Copies task results' pairs into the joined arrays (on the main thread, or on a worker for its
 * share: PairGatherer.doneOn).
 */
export function copyGathered(pieces: readonly GatherPiece[], out: GatherTarget): void {
  for (const r of pieces) {
    out.left.set(r.left, r.at);
    out.right.set(r.right, r.at);
    out.pattern.set(r.pattern, r.at);
    out.patternId.set(r.patternId, r.at);
    out.tfMax.forEach((o, c) => o?.set(r.tfMax[c]!, r.at));
  }
}
