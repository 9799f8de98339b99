/**
 * Job runner tests: each test gets its own store namespace and pg-boss schema, dropped only when it
 * passed; fast pg-boss settings (polling 0.5 s, maintenance every second).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../src/store/index.js';
import { Store } from '../../src/store/index.js';
import type { JobSettings } from '../../src/jobs/index.js';

export const DATABASE_URL = process.env.DATABASE_URL;

export function testSettings(file: string, test: string, over: Partial<JobSettings> = {}): Partial<JobSettings> {
  const ns = `j_${createHash('sha1').update(`${file}\u0000${test}`).digest('hex').slice(0, 14)}`;
  return {
    ns, bossSchema: `${ns}_boss`,
    pollingIntervalSeconds: 0.5, pollMs: 100, maintenanceIntervalSeconds: 1, cronMonitorIntervalSeconds: 1,
    importRetryDelay: 1, shardRetryDelay: 1, consolidateRetryDelay: 1, tasksPerShard: 1,
    ...over,
  };
}

/** Drops a test's namespace and pg-boss schema. */
export async function dropNamespace(db: Db, s: Partial<JobSettings>): Promise<void> {
  await new Store(db, s.ns!).drop();
  await db.exec(`DROP SCHEMA IF EXISTS ${s.bossSchema} CASCADE`);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns a truthy value or `ms` pass. */
export async function until<T>(fn: () => Promise<T>, ms: number, what: string, every = 200): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(every);
  }
}

/**
 * A publication in comparable form: every published table, ordered, without run ids and times.
 * Two runs publishing the same thing give equal values.
 */
export async function publicationOf(db: Db, ns: string): Promise<Record<string, unknown[]>> {
  const pub = `${ns}_pub`;
  const q = async (sql: string) => (await db.query(sql)).map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>);
  const strip = (rows: Record<string, unknown>[], cols: string[]) => rows.map((r) => { for (const c of cols) delete r[c]; return r; });
  return {
    structures: await q(`SELECT * FROM ${pub}.structures ORDER BY id`),
    services: await q(`SELECT * FROM ${pub}.services ORDER BY id`),
    clusters: await q(`SELECT * FROM ${pub}.clusters ORDER BY structure_id`),
    pairs: await q(`SELECT * FROM ${pub}.pairs ORDER BY left_id, right_id`),
    source_structures: strip(await q(`SELECT * FROM ${pub}.source_structures ORDER BY source, id`), ['_run_id']),
    source_services: strip(await q(`SELECT * FROM ${pub}.source_services ORDER BY source, id`), ['_run_id']),
    errors: strip(await q(`SELECT * FROM ${pub}.errors ORDER BY source, id, field, rule, message`), ['run_id']),
    duplicates_by_source: await q(`SELECT * FROM ${pub}.duplicates_by_source ORDER BY source`),
  };
}

import { spawn, type ChildProcess } from 'node:child_process';

export interface Cli {
  child: ChildProcess;
  out: string[];
  exited: Promise<number | null>;
}

const started: Cli[] = [];

/** `recoupe …` in a child process (TypeScript through tsx), its output collected line by line. */
export function cli(args: string[], env: Record<string, string> = {}): Cli {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: string[] = [];
  const collect = (b: Buffer) => out.push(...b.toString('utf8').split('\n').filter(Boolean));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const c = { child, out, exited };
  started.push(c);
  return c;
}

/** Kills (by pid) every child a test started and left running. */
export async function killChildren(): Promise<void> {
  for (const c of started.splice(0)) {
    if (c.child.exitCode === null && c.child.signalCode === null) {
      c.child.kill('SIGKILL');
      await c.exited;
    }
  }
}
