/**
 * One set of worker threads for every stage of a run (reading and normalising, blocking indexes,
 * comparisons, u's random pairs): the threads start once, while the main thread does its first
 * work, and stay warm from stage to stage, instead of a pool started and stopped per stage (a
 * worker costs 50–150 ms to start, and a cold one runs its first tasks slower).
 */
import { Piscina } from 'piscina';
import type { EngineTask } from './engine-worker.js';

let sessions = 0;

/** The worker module next to this file: compiled `.js` from dist, or `.ts` (through tsx) from the sources. */
function workerFile(name: string): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { filename: new URL(`./${name}.ts`, here).href, execArgv: ['--import', 'tsx'] };
  return { filename: new URL(`./${name}.js`, here).href, execArgv: [] };
}

export class EnginePool {
  private readonly pool: Piscina;
  private closed: Promise<void> | undefined;

  private constructor(readonly threads: number) {
    // two tasks handed to each worker at a time: a worker starts its next task as soon as it is
    // done with one, not when the main thread (busy merging a result) gets to hand it over; each
    // task waits one turn of the worker's event loop (see engine-worker.ts), so the second runs
    // after the first one's result is posted.
    // stricterFIFO: a task the balancer cannot place yet goes back to the head of the queue, not
    // to its tail (piscina's default), so tasks start in the order they were submitted. Stages
    // that take results in order (the read's parts) otherwise wait for tasks sent to the back: at
    // 1 M records most of the read's merging was left until every worker had finished.
    this.pool = new Piscina({ ...workerFile('engine-worker'), minThreads: threads, maxThreads: threads, concurrentTasksPerWorker: 2, stricterFIFO: true });
  }

  /**
   * Starts `threads` worker threads (at least 2: with one, every stage runs inline instead).
   *
   * @example
   *   const pool = EnginePool.open(2);
   *   try {
   *     const read = await readPreparedPooled(files, { config, threads: 2, pool });
   *     if (read) await matchPrepared(read.prepared, { config, threads: 2, pool });
   *   } finally {
   *     await pool.close();
   *   }
   */
  static open(threads: number): EnginePool {
    if (!(Number.isInteger(threads) && threads >= 2)) throw new Error(`an engine pool needs at least 2 threads, got ${threads}`);
    return new EnginePool(threads);
  }

  /** A new session number: the workers keep one run's comparator per session. */
  static session(): number {
    return ++sessions;
  }

  /** Runs one task on the next free worker. */
  run<T>(task: EngineTask): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the engine pool is closed'));
    return this.pool.run(task) as Promise<T>;
  }

  /** Stops the workers (idempotent). */
  close(): Promise<void> {
    this.closed ??= this.pool.destroy();
    return this.closed;
  }
}

/**
 * Runs `body` with `pool` when one is given (left open), else with a pool of its own for
 * `threads` ≥ 2 (closed afterwards), else with none (everything inline).
 *
 * @example
 *   const b = await withPool(undefined, 2, (pool) => block(records, { threads: 2, pool }));
 */
export async function withPool<T>(pool: EnginePool | undefined, threads: number, body: (pool: EnginePool | undefined) => Promise<T>): Promise<T> {
  if (pool || threads < 2) return body(pool);
  const own = EnginePool.open(threads);
  try {
    return await body(own);
  } finally {
    await own.close();
  }
}
