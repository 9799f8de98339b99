/**
 * Running pair-generation tasks: inline on the main thread (threads = 1) or on a piscina pool
 * whose workers receive the shared columns once. Results come back in task order, so the output
 * does not depend on the number of threads.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { createComparator } from './compare/comparator.js';
import { createTaskRunner, type Task, type TaskResult } from './block/tasks.js';
import { packResult, unpackResult, type WorkerData } from './task-data.js';

export type Progress = (done: number, total: number) => void;

/** The default number of threads: the cores available to this process. */
export const defaultThreads = (): number => Math.max(1, availableParallelism());

/**
 * A worker module next to this file: compiled `.js` from dist, or `.ts` (via tsx) from sources.
 *
 * @example
 *   const pool = new Piscina({ ...workerFile('normalise-worker'), maxThreads: 2 });
 */
export function workerFile(name = 'worker'): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { filename: new URL(`./${name}.ts`, here).href, execArgv: ['--import', 'tsx'] };
  return { filename: new URL(`./${name}.js`, here).href, execArgv: [] };
}

/**
 * Runs every task and returns the results in task order, with the worker thread ids that ran them.
 *
 * @example
 *   const { results } = await runTasks(data, tasks, 2);
 */
export async function runTasks(
  data: WorkerData,
  tasks: Task[],
  threads: number,
  onProgress?: Progress,
): Promise<{ results: (TaskResult & { threadId: number })[]; threadIds: number[] }> {
  const results: (TaskResult & { threadId: number })[] = new Array(tasks.length);
  let done = 0;
  if (threads <= 1 || tasks.length <= 1) {
    const run = createTaskRunner(data, createComparator(data.columns, data.config));
    tasks.forEach((t, k) => {
      results[k] = unpackResult(packResult(run(t), 0));
      onProgress?.(++done, tasks.length);
    });
    return { results, threadIds: [0] };
  }
  const { filename, execArgv } = workerFile();
  const pool = new Piscina({
    filename,
    workerData: data,
    minThreads: threads,
    maxThreads: threads,
    execArgv,
    idleTimeout: 1000,
  });
  const threadIds = new Set<number>();
  try {
    const pending: Promise<void>[] = [];
    for (let k = 0; k < tasks.length; k++) {
      pending.push(
        (pool.run(tasks[k]) as Promise<Int32Array>).then((packed) => {
          const r = unpackResult(packed);
          threadIds.add(r.threadId);
          results[k] = r;
          onProgress?.(++done, tasks.length);
        }),
      );
    }
    await Promise.all(pending);
  } finally {
    await pool.destroy();
  }
  return { results, threadIds: [...threadIds].sort((a, b) => a - b) };
}
