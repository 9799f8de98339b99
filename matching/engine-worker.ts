/**
 * The one worker entry (piscina) of an {@link EnginePool}: every stage of a run sends its tasks to
 * the same threads, so they start once and stay warm. A task names its kind:
 *
 * - `read`: parse one byte range of a JSON Lines file, keeping the keys matching reads;
 * - `read-prepare`: the same, and normalise its records there;
 * - `normalise`: normalise one chunk of raw strings (records already in memory);
 * - `crowd`: find the crowded points of a slice of a point field's records (shared coordinates);
 * - `rule`: build one blocking rule's index over the shared columns;
 * - `keys`: fill a slice of records of the rules' key table (see {@link KeyTable});
 * - `compare`: generate and compare one task's candidate pairs;
 * - `levels`: count each comparison's levels over a slice of the seeded random pairs (u);
 * - `pairs`: one slice of a pass over the candidate pairs after the comparisons (weights, labels:
 *   {@link PairPass}), on the pairs in shared memory.
 *
 * `compare` and `levels` tasks carry the run's shared data (typed arrays in shared memory: the
 * clone copies only their small descriptors); the comparator and pair generator built from it are
 * kept for the run's `session`.
 */
import { threadId } from 'node:worker_threads';
import { move } from 'piscina';
import { toShared } from './buffers.js';
import { crowdedPoints, normaliseChunk, type CrowdSlice, type PreparePlan } from './columns.js';
import { readPrepareRange, readRange, type RangeTask } from './read-worker.js';
import { buildRule, type RuleIndex } from './block/index-build.js';
import type { BlockingRule, MatchConfig } from './config/types.js';
import type { Columns } from './columns.js';
import { createComparator, type Comparator } from './compare/comparator.js';
import { createTaskRunner, fillKeyTable, type KeyTable, type Task, type TaskResult } from './block/tasks.js';
import { countLevels } from './model/train.js';
import { copyGathered, fromChunkMessage, packResult, type ChunkMessage, type GatherPiece, type GatherTarget, type WorkerData } from './task-data.js';
import { runPairPass, type PairPass } from './pair-passes.js';

export type EngineTask =
  | ({ kind: 'read' } & RangeTask)
  | ({ kind: 'read-prepare'; plan: PreparePlan } & RangeTask)
  | { kind: 'normalise'; chunk: ChunkMessage }
  | ({ kind: 'crowd' } & CrowdSlice)
  | { kind: 'rule'; columns: Columns; rule: BlockingRule; config: MatchConfig }
  | { kind: 'keys'; rules: RuleIndex[]; table: KeyTable; from: number; to: number }
  | { kind: 'compare'; session: number; data: WorkerData; task: Task }
  | { kind: 'levels'; session: number; data: WorkerData; left: Int32Array; right: Int32Array }
  | { kind: 'pairs'; session: number; data: WorkerData; pass: PairPass }
  | { kind: 'gather'; pieces: GatherPiece[]; out: GatherTarget };

let session: { id: number; comparator: Comparator; run?: (task: Task) => TaskResult } | undefined;

function sessionOf(id: number, data: WorkerData): NonNullable<typeof session> {
  if (session?.id !== id) session = { id, comparator: createComparator(data.columns, data.config) };
  return session;
}

/**
 * Runs one task, after the worker's event loop turns once. piscina hands a worker two tasks at a
 * time (see {@link EnginePool}) and starts both at once: a synchronous task would run the second
 * before the first one's result is posted, so every result would reach the main thread one task
 * late (at 100 k records the first read part arrived 0.5–0.6 s after it was done).
 */
export default async function engineTask(t: EngineTask): Promise<unknown> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  return runTask(t);
}

function runTask(t: EngineTask): unknown {
  switch (t.kind) {
    case 'read':
      return readRange(t);
    case 'read-prepare': {
      // typed arrays (in shared memory: sent without a copy, see toShared) and a few strings per field (cloned as blocks)
      return { ...toShared(readPrepareRange(t, t.plan)), threadId };
    }
    case 'normalise':
      return { values: normaliseChunk(fromChunkMessage(t.chunk)), threadId };
    case 'crowd':
      return crowdedPoints(t.lat, t.lon, t.km, t.records, t.from, t.to);
    case 'rule':
      return buildRule(t.columns, t.rule, t.config);
    case 'keys':
      fillKeyTable(t.rules, t.table, t.from, t.to);
      return null;
    case 'compare': {
      const s = sessionOf(t.session, t.data);
      s.run ??= createTaskRunner(t.data, s.comparator);
      return packResult(s.run(t.task), threadId, true);
    }
    case 'levels':
      return countLevels(sessionOf(t.session, t.data).comparator, t.left, t.right);
    case 'gather':
      copyGathered(t.pieces, t.out);
      return null;
    case 'pairs': {
      const out = runPairPass(t.pass, t.data, sessionOf(t.session, t.data).comparator);
      return out instanceof Float64Array ? move(out) : out;
    }
  }
}
