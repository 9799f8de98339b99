/**
 * The job runner's own tables, in the store's bookkeeping schema `<ns>`: which job made which run,
 * each source's import result per consolidation job, the fan-out's inputs and its staging table of
 * shard results, and chunked blobs. Created idempotently under an advisory lock, so workers starting
 * together do not race on the DDL.
 */
import type { Db } from '../store/index.js';
import { Store } from '../store/index.js';

function ddl(ns: string): string {
  return `
CREATE TABLE IF NOT EXISTS ${ns}.job_runs (
  job_id      text PRIMARY KEY,
  run_id      bigint,
  status      text NOT NULL,                 -- running | published | failed
  trigger     text,                          -- manual | schedule
  worker      text,
  attempts    integer NOT NULL DEFAULT 1,
  started_at  timestamptz NOT NULL DEFAULT now(),
  ended_at    timestamptz,
  error       text,
  report      jsonb
);
CREATE TABLE IF NOT EXISTS ${ns}.job_imports (
  job_id      text NOT NULL,
  source      text NOT NULL,
  status      text NOT NULL,                 -- running | retrying | ok | failed
  attempts    integer NOT NULL DEFAULT 0,
  error       text,
  counts      jsonb,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, source)
);
CREATE TABLE IF NOT EXISTS ${ns}.job_blobs (
  key   text NOT NULL,
  part  integer NOT NULL,
  data  bytea NOT NULL,
  PRIMARY KEY (key, part)
);
CREATE TABLE IF NOT EXISTS ${ns}.match_inputs (
  key          text PRIMARY KEY,             -- <job id>:<sha1 of the records>
  job_id       text NOT NULL,
  config       jsonb,
  records      integer NOT NULL,
  tasks        integer NOT NULL,
  shards       integer NOT NULL,
  fingerprint  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS ${ns}.match_shards (
  key          text NOT NULL,
  shard        integer NOT NULL,
  pairs        bigint NOT NULL,
  worker       text,
  seconds      double precision,
  data         bytea NOT NULL,               -- packed task results: see shard-data.ts
  finished_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key, shard)
);`;
}

/**
 * Applies the store's migrations and creates the job tables.
 *
 * @example
 *   await ensureJobTables(db, 'recoupe');
 */
export async function ensureJobTables(db: Db, ns: string): Promise<void> {
  const store = new Store(db, ns);
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`recoupe.ddl.${ns}`]);
    await new Store(tx, ns).migrate();
    await tx.exec(ddl(store.meta));
  });
}

/**
 * Runs `fn` while holding the namespace's setup lock (PostgreSQL: a transaction-level advisory lock
 * on one connection of the pool; `fn` may use other connections, e.g. pg-boss's). Workers starting
 * together otherwise deadlock in pg-boss's createQueue. PGlite is one process: no lock (and a
 * transaction there would hold up pg-boss's own statements).
 *
 * @example
 *   await withSetupLock(db, 'recoupe', () => ensureQueues(boss, settings, SOURCE_SLUGS));
 */
export async function withSetupLock<T>(db: Db, ns: string, fn: () => Promise<T>): Promise<T> {
  if (db.kind !== 'postgres') return fn();
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`recoupe.setup.${ns}`]);
    return fn();
  });
}
