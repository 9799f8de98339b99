/**
 * The queues and their options (the "plans" of the job runner): one `import.<source>` queue per
 * producer, `consolidate` (stately: never two at once, at most one waiting), `match.shard` for the
 * fan-out, and the dead-letter queues their last failures land in.
 */
import type PgBoss from 'pg-boss';
import { UsageError } from '../error.js';

export const CONSOLIDATE = 'consolidate';
export const SHARD = 'match.shard';
export const IMPORT_DEAD = 'import.dead';
export const SHARD_DEAD = 'match.shard.dead';
/** The singleton key of every consolidation: with the stately policy, one active and one waiting. */
export const CONSOLIDATE_KEY = 'consolidate';

/** The import queue of a producer. */
export const importQueue = (source: string): string => `import.${source}`;

/** Everything tunable about the runner; the defaults are for the nightly service. */
export interface JobSettings {
  /** Store namespace (default `recoupe`): the published schema is `<ns>_pub`. */
  ns: string;
  /** pg-boss schema (default `<ns>_boss`). */
  bossSchema: string;
  /** A consolidation's time limit; pg-boss requires < 24 h. */
  consolidateExpireSeconds: number;
  consolidateRetryLimit: number;
  consolidateRetryDelay: number;
  importExpireSeconds: number;
  /** Attempts after the first; then the job goes to `import.dead` and the source is published stale. */
  importRetryLimit: number;
  /** First retry delay in seconds, doubled each attempt (pg-boss backoff, with jitter). */
  importRetryDelay: number;
  shardExpireSeconds: number;
  shardRetryLimit: number;
  shardRetryDelay: number;
  /** Matching tasks (≈ 20 000 candidate pairs each) per `match.shard` job. */
  tasksPerShard: number;
  /** How often a waiting coordinator looks at its imports and shards (ms). */
  pollMs: number;
  /** pg-boss: polling of each queue (s, ≥ 0.5), maintenance (expiry → retry) and cron checks (s). */
  pollingIntervalSeconds: number;
  maintenanceIntervalSeconds: number;
  cronMonitorIntervalSeconds: number;
}

export const DEFAULT_SETTINGS: JobSettings = {
  ns: 'recoupe',
  bossSchema: 'recoupe_boss',
  consolidateExpireSeconds: 6 * 3600,
  consolidateRetryLimit: 2,
  consolidateRetryDelay: 300,
  importExpireSeconds: 3600,
  importRetryLimit: 3,
  importRetryDelay: 60,
  shardExpireSeconds: 3600,
  shardRetryLimit: 3,
  shardRetryDelay: 10,
  tasksPerShard: 64,
  pollMs: 500,
  pollingIntervalSeconds: 2,
  maintenanceIntervalSeconds: 30,
  cronMonitorIntervalSeconds: 30,
};

/**
 * Settings with defaults filled and every value checked once, naming the option at fault.
 *
 * @example
 *   const s = resolveSettings({ ns: 'nightly' }); // s.bossSchema === 'nightly_boss'
 */
export function resolveSettings(over: Partial<JobSettings> = {}): JobSettings {
  const ns = over.ns ?? DEFAULT_SETTINGS.ns;
  const s: JobSettings = { ...DEFAULT_SETTINGS, bossSchema: `${ns}_boss`, ...over, ns };
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(s.bossSchema)) throw new UsageError(`settings.bossSchema must be a lower-case SQL identifier, got "${s.bossSchema}"`);
  for (const k of ['consolidateExpireSeconds', 'importExpireSeconds', 'shardExpireSeconds'] as const) {
    if (!(s[k] >= 1 && s[k] < 24 * 3600)) throw new UsageError(`settings.${k} must be between 1 s and 24 h (pg-boss's limit), got ${s[k]}`);
  }
  for (const k of ['consolidateRetryLimit', 'importRetryLimit', 'shardRetryLimit', 'consolidateRetryDelay', 'importRetryDelay', 'shardRetryDelay'] as const) {
    if (!(Number.isInteger(s[k]) && s[k] >= 0)) throw new UsageError(`settings.${k} must be a whole number ≥ 0, got ${s[k]}`);
  }
  if (!(Number.isInteger(s.tasksPerShard) && s.tasksPerShard >= 1)) throw new UsageError(`settings.tasksPerShard must be a whole number ≥ 1, got ${s.tasksPerShard}`);
  if (!(s.pollingIntervalSeconds >= 0.5)) throw new UsageError(`settings.pollingIntervalSeconds must be at least 0.5 (pg-boss's minimum), got ${s.pollingIntervalSeconds}`);
  if (!(s.maintenanceIntervalSeconds >= 1 && s.cronMonitorIntervalSeconds >= 1)) throw new UsageError('settings.maintenanceIntervalSeconds and settings.cronMonitorIntervalSeconds must be at least 1');
  return s;
}

/** Every queue with its pg-boss options, dead-letter queues first (a queue names its dead letter). */
export function queueDefinitions(s: JobSettings, sources: readonly string[]): PgBoss.Queue[] {
  return [
    { name: IMPORT_DEAD, policy: 'standard', retryLimit: 0 },
    { name: SHARD_DEAD, policy: 'standard', retryLimit: 0 },
    {
      name: CONSOLIDATE, policy: 'stately', expireInSeconds: s.consolidateExpireSeconds,
      retryLimit: s.consolidateRetryLimit, retryDelay: s.consolidateRetryDelay, retryBackoff: false,
    },
    {
      name: SHARD, policy: 'standard', expireInSeconds: s.shardExpireSeconds,
      retryLimit: s.shardRetryLimit, retryDelay: s.shardRetryDelay, retryBackoff: true, deadLetter: SHARD_DEAD,
    },
    ...sources.map((src): PgBoss.Queue => ({
      name: importQueue(src), policy: 'standard', expireInSeconds: s.importExpireSeconds,
      retryLimit: s.importRetryLimit, retryDelay: s.importRetryDelay, retryBackoff: true, deadLetter: IMPORT_DEAD,
    })),
  ];
}
