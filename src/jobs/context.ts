/**
 * What every handler of a worker process shares.
 */
import type PgBoss from 'pg-boss';
import type { ImportResult } from '../../adapters/index.js';
import type { BlockingPlan } from '../../matching/index.js';
import type { ExportFormat } from '../export/index.js';
import type { ConsolidateOptions } from '../pipeline/consolidate.js';
import type { Db } from '../store/index.js';
import type { JobSettings } from './queues.js';

/** Reads one producer's folder; `today` is the reference day for validation. */
export type Importer = (source: string, dir: string, today?: string) => Promise<ImportResult>;

/** What a consolidation job carries (all optional: the worker's own defaults fill the gaps). */
export interface ConsolidateJobData {
  /** Folder holding one folder per producer (absolute). */
  from?: string;
  /** Exports folder (absolute); none when absent. */
  out?: string;
  formats?: ExportFormat[];
  /** The pipeline config (`recoupe consolidate --config` contents). */
  config?: ConsolidateOptions['config'];
  /** `manual` (recoupe run) or `schedule`. */
  trigger?: string;
  /** Reference day (YYYY-MM-DD) for validation; today when absent. */
  today?: string;
}

export interface JobContext {
  db: Db;
  databaseUrl?: string;
  boss: PgBoss;
  settings: JobSettings;
  log: (line: string) => void;
  /** True once the worker was asked to stop: waits give the job back instead of going on. */
  stopping: () => boolean;
  /** piscina threads for a shard's comparisons. */
  threads: number;
  importer: Importer;
  defaults: ConsolidateJobData;
  /** Blocking plans built in this process, by fan-out key (the coordinator's, reused by local shards). */
  plans: Map<string, BlockingPlan>;
}
