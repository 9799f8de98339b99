/**
 * The pg-boss factory: on PostgreSQL pg-boss opens its own pool; on the embedded PGlite it runs
 * through the store's database (`db: { executeSql }`; multi-statement text without parameters goes
 * to PGlite's `exec`, the rest to `query`), so the embedded mode is one process. The `error`
 * listener is attached before `start()`, as pg-boss emits its background failures there.
 */
import PgBoss from 'pg-boss';
import type { Db } from '../store/index.js';
import { queueDefinitions, type JobSettings } from './queues.js';

export interface BossOptions {
  /** The store's database (PGlite: pg-boss runs through it). */
  db: Db;
  /** PostgreSQL URL: pg-boss gets its own pool (required when `db` is PostgreSQL). */
  databaseUrl?: string;
  settings: JobSettings;
  /** Run the cron timekeeper (`schedule`) and the maintenance (expiry → retry) in this process. */
  timekeeping?: boolean;
  /** Where background errors are reported. */
  onError: (err: Error) => void;
}

/** pg-boss's database adapter over a PGlite `Db`. */
export function pgliteExecutor(db: Db): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if ((!values || values.length === 0) && /;\s*\S/.test(text.trim().replace(/;+$/, ''))) {
        await db.exec(text);
        return { rows: [] };
      }
      return { rows: await db.query(text, values ?? []) };
    },
  };
}

/**
 * Creates and starts pg-boss, then creates every queue (pg-boss 10 requires it before send/work/
 * schedule) and applies the current options to queues that already existed.
 *
 * @example
 *   const boss = await createBoss({ db, databaseUrl, settings, onError: (e) => console.error(e) });
 */
export async function createBoss(o: BossOptions): Promise<PgBoss> {
  const s = o.settings;
  if (o.db.kind === 'postgres' && !o.databaseUrl) throw new Error('createBoss: databaseUrl is required with PostgreSQL');
  const common = {
    schema: s.bossSchema,
    supervise: o.timekeeping ?? true,
    schedule: o.timekeeping ?? true,
    maintenanceIntervalSeconds: s.maintenanceIntervalSeconds,
    cronMonitorIntervalSeconds: s.cronMonitorIntervalSeconds,
    cronWorkerIntervalSeconds: Math.max(1, Math.min(5, s.cronMonitorIntervalSeconds)),
    pollingIntervalSeconds: s.pollingIntervalSeconds,
  };
  const boss = o.db.kind === 'postgres'
    ? new PgBoss({ ...common, connectionString: o.databaseUrl, max: 4, application_name: 'recoupe' })
    : new PgBoss({ ...common, db: pgliteExecutor(o.db) });
  boss.on('error', (err: unknown) => {
    const e = err as { message?: string; queue?: string };
    o.onError(err instanceof Error ? err : new Error(`${e?.queue ? `${e.queue}: ` : ''}${e?.message ?? String(err)}`));
  });
  await boss.start();
  return boss;
}

/**
 * Creates the queues (idempotent) and, for a worker (`update`), brings their options up to date; a
 * client (`recoupe run`, `schedule`) only creates what is missing.
 *
 * @example
 *   await ensureQueues(boss, settings, SOURCE_SLUGS);
 */
export async function ensureQueues(boss: PgBoss, settings: JobSettings, sources: readonly string[], update = true): Promise<void> {
  for (const q of queueDefinitions(settings, sources)) {
    await boss.createQueue(q.name, q);
    if (update) await boss.updateQueue(q.name, q);
  }
}
