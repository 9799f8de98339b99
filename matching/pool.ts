/**
 * Running pair-generation tasks: inline on the main thread (threads = 1) or on the worker threads
 * of an {@link EnginePool}, each task carrying the shared columns (shared memory: only their
 * descriptors are copied). Results come back in task order, so the output does not depend on the
 * number of threads.
 */
import { availableParallelism } from 'node:os';
import { createComparator, type Comparator } from './compare/comparator.js';
import { createTaskRunner, fillKeyTable, keyTableFor, type KeyTable, type Task, type TaskResult } from './block/tasks.js';
import type { RuleIndex } from './block/index-build.js';
import { packResult, unpackResult, type WorkerData } from './task-data.js';
import { EnginePool, withPool } from './engine-pool.js';
import { randomPairs, smoothU } from './model/train.js';

export type Progress = (done: number, total: number) => void;

/** The default number of threads: the cores available to this process. */
export const defaultThreads = (): number => Math.max(1, availableParallelism());

/**
 * Runs every task and returns the results in task order, with the worker thread ids that ran them:
 * inline with one thread, else on `pool` (or on a pool of its own, closed afterwards). The tasks
 * are queued at once; `session` names the run's data for the workers' comparator cache.
 *
 * @example
 *   const { results } = await runTasks(data, tasks, 2);
 */
export async function runTasks(
  data: WorkerData,
  tasks: Task[],
  threads: number,
  onProgress?: Progress,
  pool?: EnginePool,
  session = EnginePool.session(),
  take: TakeResults = {},
): Promise<{ results: (TaskResult & { threadId: number })[]; threadIds: number[] }> {
  const results: (TaskResult & { threadId: number })[] = new Array(tasks.length);
  let done = 0;
  // with `inOrder`, each result goes to it as soon as every task before it is done, and is not kept
  let next = 0;
  const arrived = (k: number, r: TaskResult & { threadId: number }) => {
    results[k] = r;
    if (!take.inOrder) return;
    for (; next < tasks.length && results[next]; next++) {
      const ready = results[next];
      delete results[next];
      take.inOrder(ready, next);
    }
  };
  if (threads <= 1 || tasks.length <= 1) {
    const run = createTaskRunner(data, take.comparator ?? createComparator(data.columns, data.config));
    tasks.forEach((t, k) => {
      arrived(k, unpackResult(packResult(run(t), 0)));
      onProgress?.(++done, tasks.length);
    });
    return { results, threadIds: [0] };
  }
  return withPool(pool, threads, async (workers) => {
    const threadIds = new Set<number>();
    // the rules' key table, once for all workers (each would build its own)
    const shared: WorkerData = data.keyTable ? data : { ...data, keyTable: await keyTablePooled(workers!, data.rules, data.columns.n) };
    await Promise.all(tasks.map((task, k) =>
      workers!.run<Int32Array>({ kind: 'compare', session, data: shared, task }).then((packed) => {
        const r = unpackResult(packed);
        threadIds.add(r.threadId);
        arrived(k, r);
        onProgress?.(++done, tasks.length);
      })));
    return { results, threadIds: [...threadIds].sort((a, b) => a - b) };
  });
}

/**
 * The rules' {@link KeyTable} for `n` records, filled on the pool's workers (a slice of records each).
 *
 * @example
 *   const keyTable = await keyTablePooled(pool, plan.rules, plan.prepared.columns.n);
 */
export async function keyTablePooled(pool: EnginePool, rules: RuleIndex[], n: number): Promise<KeyTable> {
  const table = keyTableFor(rules, n);
  const size = Math.max(1, Math.ceil(n / pool.threads));
  const slices: Promise<unknown>[] = [];
  for (let from = 0; from < n; from += size) slices.push(pool.run({ kind: 'keys', rules, table, from, to: Math.min(n, from + size) }));
  if (!slices.length) fillKeyTable(rules, table, 0, 0);
  await Promise.all(slices);
  return table;
}

/** How {@link runTasks} hands results over. */
export interface TakeResults {
  /** Inline (one thread): run the tasks on this comparator (the same config and columns) rather than a new one. */
  comparator?: Comparator;
  /** Each result in task order, as soon as the ones before it are in; `results` then holds none. */
  inOrder?: (r: TaskResult, k: number) => void;
}

/**
 * u's level counts over the seeded random pairs ({@link randomPairs}), counted on the pool's
 * workers in slices and summed: {@link estimateU}'s result. Queue it behind the comparisons (same
 * `session`) and the workers reuse their comparator.
 *
 * @example
 *   const u = await estimateUPooled(pool, data, EnginePool.session());
 */
export async function estimateUPooled(pool: EnginePool, data: WorkerData, session = EnginePool.session()): Promise<number[][]> {
  const { left, right } = randomPairs(data.columns, data.config, data.link);
  const slices = 2 * pool.threads;
  const size = Math.max(1, Math.ceil(left.length / slices));
  const parts: Promise<number[][]>[] = [];
  for (let a = 0; a < left.length; a += size)
    parts.push(pool.run<number[][]>({ kind: 'levels', session, data, left: left.slice(a, a + size), right: right.slice(a, a + size) }));
  const counts = data.config.comparisons.map((c) => new Array<number>(c.levels.length + 2).fill(0));
  for (const part of await Promise.all(parts)) part.forEach((row, c) => row.forEach((v, l) => (counts[c][l] += v)));
  return smoothU(counts);
}
