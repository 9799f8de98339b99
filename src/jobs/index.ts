/**
 * The job runner (pg-boss): nightly consolidation, per-source imports, no overlapping runs, retries,
 * run history, and fan-out of the matching over many worker processes.
 *
 * @example
 *   import { startWorker, openClient, enqueueConsolidation } from './jobs/index.js';
 *   const w = await startWorker({ databaseUrl, defaults: { from: '/data/in' } });
 */
export { startWorker, ROLES, type Role, type WorkerOptions, type RunningWorker } from './worker.js';
export { openClient, enqueueConsolidation, waitForConsolidation, type Client, type JobEnd } from './client.js';
export { setSchedule, clearSchedule, getSchedule, nextFiring, type ScheduleInfo } from './schedule.js';
export { readStatus, formatStatus, type StatusReport, type RunStatus, type QueueStatus } from './status.js';
export { resolveSettings, DEFAULT_SETTINGS, CONSOLIDATE, SHARD, IMPORT_DEAD, SHARD_DEAD, importQueue, type JobSettings } from './queues.js';
export type { ConsolidateJobData, Importer, JobContext } from './context.js';
export type { ConsolidateJobOutput } from './consolidate-job.js';

// Internals, for tests and benchmarks.
export { createBoss, ensureQueues, pgliteExecutor } from './boss.js';
export { importFolder } from './import-job.js';
export { shardRanges, planFingerprint, type ShardJobData } from './fanout.js';
export { handleShard } from './shard-job.js';
export { packShard, unpackShard } from './shard-data.js';
export { encodeRows, decodeParts } from './blob.js';
export { jobUuid } from './ids.js';
export { ensureJobTables } from './tables.js';
export { jobStates } from './states.js';
