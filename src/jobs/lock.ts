/**
 * One consolidation at a time per store namespace, even when pg-boss lets an expired handler run on
 * beside its retry. PostgreSQL: a session advisory lock held on a dedicated connection, so a worker
 * that dies (even by SIGKILL) releases it with its connection. PGlite (one process): an in-process
 * mutex.
 */
import pg from 'pg';
import type { Db } from '../store/index.js';

export interface Lock {
  release(): Promise<void>;
}

const local = new Map<string, Promise<void>>();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits for the lock `name`; `cancelled()` is asked between tries and aborts the wait when true.
 *
 * @example
 *   const lock = await acquireLock(db, url, 'recoupe.consolidate.recoupe', () => stopping);
 *   try { … } finally { await lock.release(); }
 */
export async function acquireLock(db: Db, databaseUrl: string | undefined, name: string, cancelled: () => boolean, pollMs = 500): Promise<Lock> {
  if (db.kind === 'pglite' || !databaseUrl) {
    for (;;) {
      const held = local.get(name);
      if (!held) break;
      if (cancelled()) throw new Error(`stopped while waiting for the lock ${name}`);
      await Promise.race([held, sleep(pollMs)]);
    }
    let free!: () => void;
    local.set(name, new Promise<void>((r) => (free = r)));
    return { release: async () => { local.delete(name); free(); } };
  }
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'recoupe-lock' });
  client.on('error', () => {});
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [name]);
      if (rows[0].ok) break;
      if (cancelled()) throw new Error(`stopped while waiting for the lock ${name}`);
      await sleep(pollMs);
    }
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
  return {
    release: async () => {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}
