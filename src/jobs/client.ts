/**
 * The side that asks for work: `recoupe run` enqueues a consolidation (the stately queue keeps at
 * most one waiting: a second request joins the waiting one), and `--wait` follows it to its end.
 */
import type PgBoss from 'pg-boss';
import { SOURCE_SLUGS } from '../../adapters/index.js';
import { openDb, type Db } from '../store/index.js';
import { createBoss, ensureQueues } from './boss.js';
import type { ConsolidateJobOutput } from './consolidate-job.js';
import type { ConsolidateJobData } from './context.js';
import { CONSOLIDATE, CONSOLIDATE_KEY, resolveSettings, type JobSettings } from './queues.js';
import { jobStates } from './states.js';
import { ensureJobTables, withSetupLock } from './tables.js';

export interface Client {
  db: Db;
  boss: PgBoss;
  settings: JobSettings;
  databaseUrl?: string;
  close(): Promise<void>;
}

/**
 * pg-boss without workers, cron or maintenance, for commands that only read or enqueue.
 *
 * @example
 *   const c = await openClient({ databaseUrl: process.env.DATABASE_URL });
 *   try { await enqueueConsolidation(c, { from: '/data/in' }); } finally { await c.close(); }
 */
export async function openClient(o: { databaseUrl?: string; dataDir?: string; db?: Db; settings?: Partial<JobSettings>; log?: (line: string) => void }): Promise<Client> {
  const settings = resolveSettings(o.settings);
  const db = o.db ?? (await openDb(o.databaseUrl ? { databaseUrl: o.databaseUrl, max: 2 } : { dataDir: o.dataDir ?? '.recoupe/pglite' }));
  const log = o.log ?? ((l: string) => console.error(l));
  try {
    await ensureJobTables(db, settings.ns);
    const boss = await withSetupLock(db, settings.ns, async () => {
      const b = await createBoss({ db, ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}), settings, timekeeping: false, onError: (e) => log(`pg-boss error: ${e.message}`) });
      await ensureQueues(b, settings, SOURCE_SLUGS, false);
      return b;
    });
    return {
      db, boss, settings, ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
      close: async () => {
        await boss.stop({ graceful: false, close: true });
        if (!o.db) await db.close();
      },
    };
  } catch (err) {
    if (!o.db) await db.close();
    throw err;
  }
}

/**
 * Enqueues a consolidation; when one is already waiting, returns that one (`queued: false`).
 *
 * @example
 *   const { id, queued } = await enqueueConsolidation(client, { from: '/data/in', trigger: 'manual' });
 */
export async function enqueueConsolidation(c: Pick<Client, 'boss' | 'db' | 'settings'>, data: ConsolidateJobData): Promise<{ id: string; queued: boolean }> {
  const id = await c.boss.send(CONSOLIDATE, data as object, { singletonKey: CONSOLIDATE_KEY });
  if (id) return { id, queued: true };
  const [waiting] = await c.db.query<{ id: string }>(
    `SELECT id::text FROM ${c.settings.bossSchema}.job WHERE name = $1 AND state IN ('created', 'retry') ORDER BY created_on LIMIT 1`, [CONSOLIDATE]);
  if (!waiting) throw new Error('consolidate: the job was neither queued nor found waiting');
  return { id: waiting.id, queued: false };
}

export interface JobEnd {
  state: 'completed' | 'failed' | 'cancelled' | 'timeout';
  output?: ConsolidateJobOutput;
  message?: string;
  retries: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Follows a consolidation job through its retries to its end.
 *
 * @example
 *   const end = await waitForConsolidation(client, id, { timeoutMs: 3_600_000 });
 */
export async function waitForConsolidation(
  c: Pick<Client, 'db' | 'settings'>, id: string, o: { timeoutMs?: number; onState?: (state: string) => void } = {},
): Promise<JobEnd> {
  const until = Date.now() + (o.timeoutMs ?? Infinity);
  let last = '';
  for (;;) {
    const st = (await jobStates(c, CONSOLIDATE, [id])).get(id);
    const state = st?.state ?? 'unknown';
    if (state !== last) {
      o.onState?.(state);
      last = state;
    }
    if (state === 'completed') {
      const [row] = await c.db.query<{ output: ConsolidateJobOutput }>(`SELECT output FROM ${c.settings.bossSchema}.job WHERE name = $1 AND id = $2 UNION ALL SELECT output FROM ${c.settings.bossSchema}.archive WHERE name = $1 AND id = $2`, [CONSOLIDATE, id]);
      return { state, output: row?.output, retries: st!.retryCount };
    }
    if (state === 'failed' || state === 'cancelled') return { state, message: st!.message, retries: st!.retryCount };
    if (Date.now() > until) return { state: 'timeout', message: `still ${state}`, retries: st?.retryCount ?? 0 };
    await sleep(c.settings.pollMs);
  }
}
