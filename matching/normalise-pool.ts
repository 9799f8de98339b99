/**
 * Normalisation on worker threads: the main thread reads the raw strings of contiguous chunks of
 * records, workers normalise them, and the chunks are merged in record order, so the columns are
 * exactly those of the single-thread {@link prepare}.
 */
import type { MatchConfig } from './config/types.js';
import { columnBuilder, countOf, crowdSlices, dropCrowdedSlices, prepare, type ColumnBuilder, type CrowdJob, type Prepared, type RecordSource } from './columns.js';
import type { ChunkResult } from './task-data.js';
import { withPool, type EnginePool } from './engine-pool.js';

/**
 * Drops the crowded points of `jobs` ({@link dropCrowded}) on the pool's workers, a slice of the
 * records each: the points are written once every slice is counted, so the caller may go on
 * reading other columns meanwhile (not the coordinates) and await the result later.
 *
 * @example
 *   const crowds = dropCrowdedPooled(pool, builder.crowdJobs());
 *   const prepared = builder.finish({ crowd: false });
 *   await crowds;
 */
export async function dropCrowdedPooled(pool: EnginePool, jobs: readonly CrowdJob[]): Promise<void> {
  const slices = crowdSlices(jobs, pool.threads);
  dropCrowdedSlices(slices, await Promise.all(slices.map((slice) => pool.run<Int32Array>({ kind: 'crowd', ...slice }))));
}

/** Below this many records, worker start-up costs more than it saves: {@link prepare} runs inline. */
export const POOL_MIN_RECORDS = 20_000;

/** Records per chunk sent to a worker (each chunk's raw strings and values are held only while in flight). */
const CHUNK_RECORDS = 1 << 16;

/** Chunks in flight per thread: one normalised while the next one waits, read ahead by this thread. */
const IN_FLIGHT_PER_THREAD = 2;

export interface PoolOptions {
  /** Records below which normalisation stays on this thread (default {@link POOL_MIN_RECORDS}). */
  minRecords?: number;
  /** Called as each chunk is merged, in record order, with the worker thread that normalised it. */
  onChunk?: (chunk: { start: number; count: number; threadId: number }) => void;
  /** Worker threads to use, left open (else a pool of its own, stopped at the end). */
  pool?: EnginePool;
}

interface Running {
  start: number;
  count: number;
  result: Promise<ChunkResult>;
}

/** Posts the chunk starting at `start` (its raw strings read now); the caller awaits chunks in order. */
function postChunk(pool: EnginePool, builder: ColumnBuilder, start: number, size: number): Running {
  const count = Math.min(size, builder.n - start);
  const result = pool.run<ChunkResult>({ kind: 'normalise', chunk: builder.message(start, start + count) });
  result.catch(() => undefined); // awaited in order by the caller
  return { start, count, result };
}

/**
 * {@link prepare} on `threads` worker threads (on this thread below `minRecords` or with one
 * thread): the result is identical, value ids and their order included.
 *
 * @example
 *   const p = await preparePooled(records, config, undefined, 2);
 *   p.values.nom[p.columns.fields.nom.ids[0]] // as prepare(records, config) gives
 */
export async function preparePooled(
  records: RecordSource,
  config: MatchConfig,
  inputOf: ArrayLike<number> | undefined,
  threads: number,
  options: PoolOptions = {},
): Promise<Prepared> {
  if (threads <= 1 || countOf(records) < (options.minRecords ?? POOL_MIN_RECORDS)) return prepare(records, config, inputOf);
  // started first (when not running yet): the workers boot while this thread reads the raw strings
  return withPool(options.pool, threads, async (workers) => {
    const pool = workers!;
    const builder = columnBuilder(records, config, inputOf);
    // at least two chunks per thread, at most CHUNK_RECORDS each, a bounded number in flight
    const size = Math.min(CHUNK_RECORDS, Math.ceil(builder.n / (2 * threads)));
    const running: Running[] = [];
    let next = 0;
    const fill = () => {
      for (; running.length < threads * IN_FLIGHT_PER_THREAD && next < builder.n; next += size) running.push(postChunk(pool, builder, next, size));
    };
    fill();
    for (let r = running.shift(); r; r = running.shift()) {
      const { values, threadId } = await r.result;
      fill();
      builder.merge(r, values);
      options.onChunk?.({ start: r.start, count: r.count, threadId });
    }
    // crowded points are found on the workers (in the shared coordinates), a slice each, while
    // this thread builds the token tables
    const crowds = dropCrowdedPooled(pool, builder.crowdJobs());
    crowds.catch(() => undefined); // awaited below
    const prepared = builder.finish({ crowd: false });
    await crowds;
    return prepared;
  });
}
