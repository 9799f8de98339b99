/**
 * Worker entry (piscina) for reading and normalising JSON Lines in one step: parses one byte
 * range of a file and normalises its records where they were read, so only the normalised ids,
 * coordinates and values (and the raw ids) come back to the main thread, never the raw text; or
 * drops the crowded points of a point field once every range is in the shared columns.
 */
import { threadId } from 'node:worker_threads';
import { dropCrowded, normalisePart, type CrowdJob, type NormalisedPart, type PreparePlan } from './columns.js';
import { readRange, type RangeResult, type RangeTask } from './read-worker.js';

export interface ReadPrepareTask extends RangeTask {
  plan: PreparePlan;
}

export type ReadPrepareResult = Omit<RangeResult, 'columns'> & { part: NormalisedPart; threadId: number };

export default function readPrepareTask(task: ReadPrepareTask | CrowdJob): ReadPrepareResult | number {
  if ('lat' in task) return dropCrowded(task.lat, task.lon, task.km, task.records);
  const { columns, ...range } = readRange(task);
  const part = normalisePart(task.plan, task.keys, columns, range.rows);
  // typed arrays and a few strings per field: cloned as blocks
  return { ...range, part, threadId };
}
