/**
 * The job runner on the real PostgreSQL (DATABASE_URL): schedules, no overlapping runs, retries and
 * dead letters, a worker killed mid-job, and the fan-out over several processes. Without
 * DATABASE_URL these tests do not exist (the PGlite path is tested in pglite.test.ts).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb, type Db } from '../../src/store/index.js';
import {
  enqueueConsolidation, importFolder, openClient, readStatus, setSchedule, clearSchedule, startWorker, waitForConsolidation,
  type JobSettings, type RunningWorker,
} from '../../src/jobs/index.js';
import { runConsolidation } from '../../src/pipeline/consolidate.js';
import { isoToday } from '../../src/model/checks.js';
import { DATABASE_URL, cli, dropNamespace, killChildren, publicationOf, sleep, testSettings, until } from './helpers.js';

const FILE = 'test/jobs/postgres.test.ts';
const TODAY = '2026-11-22';
const copyOf = (dir: string) => {
  const to = mkdtempSync(join(tmpdir(), 'recoupe-jobs-'));
  cpSync(dir, to, { recursive: true });
  return to;
};

describe.runIf(DATABASE_URL)('job runner on PostgreSQL', () => {
  let db: Db;
  const workers: RunningWorker[] = [];
  beforeAll(async () => { db = await openDb({ databaseUrl: DATABASE_URL! }); });
  afterAll(async () => { await db.close(); });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop({ timeoutMs: 1000 });
    await killChildren();
  });

  const settingsArg = (s: Partial<JobSettings>) => ['--ns', s.ns!, '--settings', JSON.stringify(Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'ns')))];
  const fresh = async (test: string, over: Partial<JobSettings> = {}) => {
    const s = testSettings(FILE, test, over);
    await dropNamespace(db, s);
    return s;
  };
  const consolidateStates = async (s: Partial<JobSettings>) =>
    db.query<{ state: string; n: number }>(`SELECT state::text, count(*)::int AS n FROM ${s.bossSchema}.job WHERE name = 'consolidate' GROUP BY state`);

  it('a scheduled run fires and completes', async () => {
    const s = await fresh('schedule', { cronMonitorIntervalSeconds: 1 });
    const w = await startWorker({ databaseUrl: DATABASE_URL, settings: s, threads: 1, log: () => {} });
    workers.push(w);
    // every minute: pg-boss fires a cron whose last tick is under a minute old, i.e. within a second or two
    const info = await setSchedule(w.boss, '* * * * *', 'Europe/Paris', { from: resolve('fixtures/sources'), today: TODAY });
    expect(Date.parse(info.next) - Date.now()).toBeLessThanOrEqual(60_000);
    const row = await until(async () => (await db.query<{ status: string; trigger: string; report: { runId: number } }>(
      `SELECT status, trigger, report FROM ${s.ns}.job_runs WHERE status = 'published'`))[0], 45_000, 'the scheduled run');
    expect(row.trigger).toBe('schedule');
    await clearSchedule(w.boss);
    const status = await readStatus(w.ctx);
    expect(status.schedule).toBeNull();
    // the cron fires every minute: a second firing may already be listed first, so find this run by id
    const run = status.runs.find((r) => r.runId === row.report.runId);
    expect(run).toMatchObject({ outcome: 'published', trigger: 'schedule', runId: row.report.runId });
    expect(run!.sources.length).toBeGreaterThan(5);
    await w.stop();
    workers.length = 0;
    await dropNamespace(db, s);
  }, 180_000);

  it('two workers and two `recoupe run` calls: one active consolidation, at most one waiting', async () => {
    const s = await fresh('no overlap');
    const from = copyOf('fixtures/sources');
    // two workers that can coordinate; no one takes shards yet, so the first run stays active for sure
    const w1 = cli(['worker', ...settingsArg(s), '--threads', '1', '--queues', 'consolidate,import']);
    const w2 = cli(['worker', ...settingsArg(s), '--threads', '1', '--queues', 'consolidate,import']);
    await until(async () => w1.out.some((l) => l.includes('worker   ')) && w2.out.some((l) => l.includes('worker   ')), 60_000, 'two workers up');
    let maxActive = 0, maxWaiting = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const st = await consolidateStates(s);
        const n = (k: string) => st.find((r) => r.state === k)?.n ?? 0;
        maxActive = Math.max(maxActive, n('active'));
        maxWaiting = Math.max(maxWaiting, n('created') + n('retry'));
        await sleep(50);
      }
    })();
    const first = cli(['run', ...settingsArg(s), '--from', from, '--json']);
    expect(await first.exited).toBe(0);
    const firstId = (JSON.parse(first.out.join('\n')) as { id: string }).id;
    await until(async () => (await db.query(`SELECT 1 FROM ${s.ns}.match_inputs WHERE job_id = $1`, [firstId])).length, 60_000, 'the first run under way');
    const a = cli(['run', ...settingsArg(s), '--from', from, '--wait', '--timeout', '120']);
    const b = cli(['run', ...settingsArg(s), '--from', from, '--wait', '--timeout', '120']);
    await until(async () => [a, b].every((r) => r.out.some((l) => /^consolidation .* queued|already waiting/.test(l))), 60_000, 'both calls answered');
    await sleep(1500); // two idle workers polling every 0.5 s: neither may start the waiting run
    expect(maxActive).toBe(1);
    const shards = cli(['worker', ...settingsArg(s), '--threads', '1', '--queues', 'shard']);
    const [ca, cb] = await Promise.all([a.exited, b.exited]);
    sampling = false;
    await sampler;
    shards.child.kill('SIGTERM');
    expect([ca, cb], [...a.out, ...b.out].join('\n')).toEqual([0, 0]);
    // the two calls share one waiting consolidation rather than queueing two
    const said = [...a.out, ...b.out].filter((l) => /queued|already waiting/.test(l));
    expect(said.filter((l) => /already waiting/.test(l))).toHaveLength(1);
    expect(new Set(said.map((l) => l.match(/[0-9a-f-]{36}/)![0])).size).toBe(1);
    expect(maxActive).toBe(1);
    expect(maxWaiting).toBe(1);
    const runs = await db.query<{ job_id: string; started_at: Date; ended_at: Date; status: string }>(`SELECT job_id, started_at, ended_at, status FROM ${s.ns}.job_runs ORDER BY started_at`);
    expect(runs.map((r) => r.status)).toEqual(['published', 'published']);
    expect(runs[0].job_id).toBe(firstId);
    expect(runs[1].started_at.getTime()).toBeGreaterThanOrEqual(runs[0].ended_at.getTime());
    await dropNamespace(db, s);
  }, 180_000);

  it('an import that always fails is retried, dead-lettered, and the run completes with that source stale', async () => {
    const s = await fresh('dead letter', { importRetryLimit: 2, importRetryDelay: 1 });
    const from = copyOf('fixtures/sources');
    let failing = false;
    const attempts: string[] = [];
    const w = await startWorker({
      databaseUrl: DATABASE_URL, settings: s, threads: 1, log: () => {}, defaults: { from, today: TODAY },
      importer: async (source, dir, today) => {
        if (failing && source === 'dora') {
          attempts.push(source);
          throw new Error('dora: the producer API answered 503');
        }
        return importFolder(source, dir, today);
      },
    });
    workers.push(w);
    const good = await waitForConsolidation(w.ctx, (await enqueueConsolidation(w.ctx, {})).id, { timeoutMs: 60_000 });
    expect(good.output?.staleSources).not.toContain('dora');
    const before = await db.query(`SELECT id, _raw FROM ${s.ns}_pub.source_structures WHERE source = 'dora' ORDER BY id`);
    expect(before.length).toBeGreaterThan(0);

    failing = true;
    const { id } = await enqueueConsolidation(w.ctx, {});
    const end = await waitForConsolidation(w.ctx, id, { timeoutMs: 60_000 });
    expect(end.state).toBe('completed');
    expect(end.output?.outcome).toBe('published-stale');
    expect(end.output?.staleSources).toEqual(['dora']);
    expect(attempts).toHaveLength(3); // the first attempt and two retries
    const [imp] = await db.query<{ status: string; attempts: number; error: string }>(`SELECT status, attempts, error FROM ${s.ns}.job_imports WHERE job_id = $1 AND source = 'dora'`, [id]);
    expect(imp).toMatchObject({ status: 'failed', attempts: 3 });
    expect(imp.error).toMatch(/503/);
    const dead = await db.query<{ data: { source: string; jobId: string } }>(`SELECT data FROM ${s.bossSchema}.job WHERE name = 'import.dead'`);
    expect(dead.map((d) => d.data)).toEqual([expect.objectContaining({ source: 'dora', jobId: id })]);
    // the last good rows are published again, flagged stale
    const after = await db.query<{ id: string; _raw: unknown; _stale: boolean }>(`SELECT id, _raw, _stale FROM ${s.ns}_pub.source_structures WHERE source = 'dora' ORDER BY id`);
    expect(after.map(({ id: i, _raw }) => ({ id: i, _raw }))).toEqual(before);
    expect(after.every((r) => r._stale)).toBe(true);
    const status = await readStatus(w.ctx);
    expect(status.runs[0].staleSources).toEqual(['dora']);
    expect(status.runs[0].sources.find((x) => x.source === 'dora')).toMatchObject({ stale: true });
    expect(status.queues.find((q) => q.name === 'import.dead')?.created).toBe(1);
    await w.stop();
    workers.length = 0;
    await dropNamespace(db, s);
  }, 180_000);

  it('a worker killed with SIGKILL mid-job: the job is retried and the publication is that of an undisturbed run', async () => {
    const s = await fresh('sigkill', { consolidateExpireSeconds: 15, consolidateRetryDelay: 1, consolidateRetryLimit: 4 });
    const ref = await fresh('sigkill reference');
    const from = copyOf('fixtures/synthetic');
    // the victim coordinates but takes no shards: it is stopped for sure while its job is under way
    const victim = cli(['worker', ...settingsArg(s), '--threads', '1', '--queues', 'consolidate,import']);
    await until(async () => victim.out.some((l) => l.includes('worker   ')), 60_000, 'the worker up');
    const { id } = JSON.parse((await (async () => { const r = cli(['run', ...settingsArg(s), '--from', from, '--json']); await r.exited; return r.out.join('\n'); })())) as { id: string };
    await until(async () => (await db.query(`SELECT 1 FROM ${s.ns}.match_inputs WHERE job_id = $1`, [id])).length, 30_000, 'shards sent');
    victim.child.kill('SIGKILL');
    await victim.exited;
    const [abandoned] = await db.query<{ state: string }>(`SELECT state::text FROM ${s.bossSchema}.job WHERE id = $1`, [id]);
    expect(abandoned.state).toBe('active');
    const rescuer = cli(['worker', ...settingsArg(s), '--threads', '1']);
    const client = await openClient({ databaseUrl: DATABASE_URL, settings: s });
    const end = await waitForConsolidation(client, id, { timeoutMs: 60_000 });
    await client.close();
    expect(end.state, rescuer.out.join('\n')).toBe('completed');
    expect(end.retries).toBeGreaterThanOrEqual(1);
    const runs = await db.query<{ status: string; error: string | null }>(`SELECT status, error FROM ${s.ns}.runs ORDER BY id`);
    expect(runs.map((r) => r.status)).toEqual(['failed', 'published']);
    expect(runs[0].error).toMatch(/abandoned/);

    // the job carried no reference day: the worker validated against today, and so does the reference
    await runConsolidation({ from, db, ns: ref.ns, threads: 1, today: isoToday() });
    const mine = await publicationOf(db, s.ns!);
    expect(mine.structures.length).toBeGreaterThan(100);
    expect(mine).toEqual(await publicationOf(db, ref.ns!));
    await dropNamespace(db, s);
    await dropNamespace(db, ref);
  }, 180_000);

  it('two worker processes on the fan-out path produce the same clusters as one process', async () => {
    const one = await fresh('fan-out one');
    const two = await fresh('fan-out two');
    const from = copyOf('fixtures/synthetic');
    const runWith = async (s: Partial<JobSettings>, n: number) => {
      const ws = Array.from({ length: n }, () => cli(['worker', ...settingsArg(s), '--threads', '1']));
      await until(async () => ws.every((w) => w.out.some((l) => l.includes('worker   '))), 60_000, 'workers up');
      const r = cli(['run', ...settingsArg(s), '--from', from, '--wait', '--timeout', '120', '--json']);
      expect(await r.exited, r.out.join('\n')).toBe(0);
      for (const w of ws) w.child.kill('SIGTERM');
      expect(await Promise.all(ws.map((w) => w.exited))).toEqual(ws.map(() => 0));
      return (JSON.parse(r.out.join('\n')) as { output: { shards: number; shardWorkers: string[] } }).output;
    };
    const o1 = await runWith(one, 1);
    const o2 = await runWith(two, 2);
    expect(o1.shardWorkers).toHaveLength(1);
    expect(o2.shards).toBeGreaterThan(4);
    expect(o2.shardWorkers).toHaveLength(2);
    const p1 = await publicationOf(db, one.ns!);
    const p2 = await publicationOf(db, two.ns!);
    expect(p1.clusters.length).toBeGreaterThan(100);
    expect(p2.clusters).toEqual(p1.clusters);
    expect(p2).toEqual(p1);
    await dropNamespace(db, one);
    await dropNamespace(db, two);
  }, 180_000);
});
