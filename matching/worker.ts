/**
 * Worker entry (piscina): rebuilds the comparator and pair generator once from the shared
 * workerData, then runs one task per call and returns its packed result (transferred, not copied).
 */
import { move, workerData } from 'piscina';
import { threadId } from 'node:worker_threads';
import { createComparator } from './compare/comparator.js';
import { createTaskRunner, type Task, type TaskResult } from './block/tasks.js';
import { packResult, type WorkerData } from './task-data.js';

let runner: ((task: Task) => TaskResult) | undefined;

export default function runTask(task: Task): Int32Array {
  if (!runner) {
    const data = workerData as WorkerData;
    runner = createTaskRunner(data, createComparator(data.columns, data.config));
  }
  return move(packResult(runner(task), threadId)) as unknown as Int32Array;
}
