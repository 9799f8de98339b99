/**
 * A worker process: pg-boss plus the handlers of every queue it serves. Any number of them may share
 * one PostgreSQL database (on any machines); on the embedded PGlite there is exactly one.
 * `stop()` stops fetching, lets the current jobs finish (a coordinator that is only waiting gives
 * its job back at once), fails what is still running after the timeout so pg-boss retries it, then
 * closes pg-boss and the database.
 */
import { availableParallelism } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import type PgBoss from 'pg-boss';
import { SOURCE_SLUGS } from '../../adapters/index.js';
import { openDb, type Db } from '../store/index.js';
import { createBoss, ensureQueues } from './boss.js';
import { handleConsolidate } from './consolidate-job.js';
import type { ConsolidateJobData, Importer, JobContext } from './context.js';
import { handleImport, importFolder, type ImportJobData } from './import-job.js';
import { CONSOLIDATE, SHARD, importQueue, resolveSettings, type JobSettings } from './queues.js';
import { dropCachedPlan, handleShard } from './shard-job.js';
import { ensureJobTables, withSetupLock } from './tables.js';
import type { ShardJobData } from './fanout.js';
import { ROLES, type Role } from './roles.js';

export { ROLES, type Role };

export interface WorkerOptions {
  /** PostgreSQL URL; absent: the embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  /** An already open database (tests); with PostgreSQL, `databaseUrl` is still required for pg-boss. */
  db?: Db;
  settings?: Partial<JobSettings>;
  /** Import and shard jobs this process runs at once (default 1). */
  concurrency?: number;
  /** piscina threads per shard (default: the available cores). */
  threads?: number;
  /** Which queues this process serves (default all). */
  roles?: readonly Role[];
  /** Run pg-boss's cron and maintenance here (default true). */
  timekeeping?: boolean;
  /** Used where a consolidation job leaves them out (source folder, exports, config). */
  defaults?: ConsolidateJobData;
  /** Reads a producer's folder (default: its adapter, or schema v1 files). */
  importer?: Importer;
  log?: (line: string) => void;
}

export interface RunningWorker {
  boss: PgBoss;
  db: Db;
  ctx: JobContext;
  /** Stops fetching, finishes or gives back the current jobs, closes pg-boss and the database. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

/**
 * @example
 *   const w = await startWorker({ databaseUrl: process.env.DATABASE_URL, defaults: { from: 'in' } });
 *   process.on('SIGTERM', () => w.stop());
 */
export async function startWorker(o: WorkerOptions = {}): Promise<RunningWorker> {
  const settings = resolveSettings(o.settings);
  const log = o.log ?? ((line: string) => console.log(line));
  const concurrency = o.concurrency ?? 1;
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new Error(`concurrency must be a whole number ≥ 1, got ${concurrency}`);
  const roles = o.roles ?? ROLES;
  const db = o.db ?? (await openDb(o.databaseUrl ? { databaseUrl: o.databaseUrl, max: 4 + concurrency } : { dataDir: o.dataDir ?? '.recoupe/pglite' }));
  let boss: PgBoss | undefined;
  try {
    await ensureJobTables(db, settings.ns);
    await withSetupLock(db, settings.ns, async () => {
      boss = await createBoss({ db, ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}), settings, timekeeping: o.timekeeping ?? true, onError: (e) => log(`pg-boss error: ${e.message}`) });
      await ensureQueues(boss, settings, SOURCE_SLUGS);
    });
  } catch (err) {
    await boss?.stop({ graceful: false }).catch(() => {});
    if (!o.db) await db.close();
    throw err;
  }
  if (!boss) throw new Error('pg-boss did not start');
  let stopping = false;
  const ctx: JobContext = {
    db, boss, settings, log,
    ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
    stopping: () => stopping,
    threads: Math.max(1, Math.floor(o.threads ?? availableParallelism())),
    importer: o.importer ?? importFolder,
    defaults: o.defaults ?? {},
    plans: new Map(),
  };
  const poll = { pollingIntervalSeconds: settings.pollingIntervalSeconds };
  if (roles.includes('consolidate')) await boss.work<ConsolidateJobData>(CONSOLIDATE, poll, ([job]) => handleConsolidate(ctx, job));
  for (let k = 0; k < concurrency; k++) {
    if (roles.includes('shard')) await boss.work<ShardJobData>(SHARD, poll, ([job]) => handleShard(ctx, job));
    if (roles.includes('import')) for (const s of SOURCE_SLUGS) await boss.work<ImportJobData>(importQueue(s), poll, ([job]) => handleImport(ctx, job));
  }
  const heapGb = getHeapStatistics().heap_size_limit / 2 ** 30;
  log(`worker   ${roles.join(', ')} on ${db.kind === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'} (store ${settings.ns}, pg-boss schema ${settings.bossSchema}), concurrency ${concurrency}, ${ctx.threads} matching thread(s), heap limit ${heapGb.toFixed(1)} GB${heapGb < 8 && roles.includes('consolidate') ? ' (a million records needs more: NODE_OPTIONS=--max-old-space-size=16384)' : ''}`);
  let stopped: Promise<void> | undefined;
  const b = boss;
  return {
    boss, db, ctx,
    stop: (opts = {}) => (stopped ??= (async () => {
      stopping = true;
      log('worker   stopping: no new jobs; finishing or giving back the current ones');
      await b.stop({ graceful: true, wait: true, close: true, timeout: opts.timeoutMs ?? 30_000 });
      dropCachedPlan();
      if (!o.db) await db.close();
      log('worker   stopped');
    })()),
  };
}
