import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/store/index.js';
import { enqueueConsolidation, handleShard, readStatus, SHARD, startWorker, waitForConsolidation, type RunningWorker, type ShardJobData } from '../../src/jobs/index.js';
import { fakeImport, writeProducers } from '../pipeline/fake-producers.js';
import { cli, killChildren, publicationOf, testSettings } from './helpers.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatusReport } from '../../src/jobs/index.js';
import { runConsolidation } from '../../src/pipeline/consolidate.js';

const FILE = 'test/jobs/pglite.test.ts';
let worker: RunningWorker | undefined;
let db: Db | undefined;
afterEach(async () => {
  await worker?.stop({ timeoutMs: 1000 });
  await db?.close();
  worker = undefined;
  db = undefined;
});

describe('job runner on the embedded PGlite (one process)', () => {
  it('runs a consolidation through import jobs and match.shard jobs, and publishes it', async () => {
    db = await openDb({ dataDir: 'memory://' });
    const settings = testSettings(FILE, 'one process');
    const from = writeProducers();
    const lines: string[] = [];
    worker = await startWorker({ db, settings, threads: 1, importer: fakeImport, log: (l) => lines.push(l), defaults: { from, today: '2026-11-22' } });
    const { id, queued } = await enqueueConsolidation(worker.ctx, { trigger: 'manual' });
    expect(queued).toBe(true);
    const end = await waitForConsolidation(worker.ctx, id, { timeoutMs: 50_000 });
    expect(end.state, end.message).toBe('completed');
    expect(end.output?.outcome).toBe('published');
    // the same publication as the in-process pipeline on the same input
    const direct = `${settings.ns}_direct`;
    await runConsolidation({ from, db, ns: direct, importer: fakeImport, threads: 1, today: '2026-11-22' });
    const mine = await publicationOf(db, settings.ns!);
    expect(mine.structures.length).toBe(end.output?.consolidatedStructures);
    expect(mine).toEqual(await publicationOf(db, direct));
    // imports went through their queues, the comparisons through several shards
    expect(lines.some((l) => /^import {3}dora: \d+ raw rows/.test(l))).toBe(true);
    expect(lines.some((l) => /in [2-9]\d* shards/.test(l))).toBe(true);
    const status = await readStatus(worker.ctx);
    expect(status.runs[0].outcome).toBe('published');
    expect(status.runs[0].sources.map((s) => s.source).sort()).toEqual(['dora', 'emplois-de-linclusion', 'soliguide']);
    expect(status.queues.find((q) => q.name === 'consolidate')?.completed).toBe(1);
  }, 120_000);
});

describe('fan-out on the embedded PGlite', () => {
  it('a shard that fails is retried alone; the others are not run again', async () => {
    db = await openDb({ dataDir: 'memory://' });
    const settings = testSettings(FILE, 'shard retry', { shardRetryDelay: 1 });
    const from = writeProducers();
    worker = await startWorker({ db, settings, threads: 1, importer: fakeImport, log: () => {}, roles: ['consolidate', 'import'], defaults: { from, today: '2026-11-22' } });
    const w = worker;
    const attempts = new Map<number, number>();
    await w.boss.work<ShardJobData>(SHARD, { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      const n = (attempts.get(job.data.shard) ?? 0) + 1;
      attempts.set(job.data.shard, n);
      if (job.data.shard === 1 && n === 1) throw new Error('injected: this worker lost its connection');
      return handleShard(w.ctx, job);
    });
    const end = await waitForConsolidation(w.ctx, (await enqueueConsolidation(w.ctx, {})).id, { timeoutMs: 60_000 });
    expect(end.state, end.message).toBe('completed');
    expect(end.output!.shards).toBeGreaterThan(2);
    expect(attempts.get(1)).toBe(2);
    for (const [shard, n] of attempts) if (shard !== 1) expect(n, `shard ${shard}`).toBe(1);
    expect(attempts.size).toBe(end.output!.shards);
    const direct = `${settings.ns}_direct`;
    await runConsolidation({ from, db, ns: direct, importer: fakeImport, threads: 1, today: '2026-11-22' });
    expect(await publicationOf(db, settings.ns!)).toEqual(await publicationOf(db, direct));
  }, 120_000);
});

/** The commands fall back to $DATABASE_URL: emptied, they use the embedded PGlite. */
const PGLITE = { DATABASE_URL: '' };

describe('job commands on the embedded PGlite', () => {
  afterEach(killChildren);

  it('schedule, run --wait (the job runs in that process), status --json, schedule --off', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recoupe-pglite-'));
    const from = writeProducers();
    const fast = ['--data-dir', dir, '--settings', JSON.stringify({ pollingIntervalSeconds: 0.5, pollMs: 100, tasksPerShard: 1 })];
    const sched = cli(['schedule', '--cron', '0 3 * * *', '--tz', 'Europe/Paris', '--from', from, ...fast], PGLITE);
    expect(await sched.exited, sched.out.join('\n')).toBe(0);
    expect(sched.out.join('\n')).toMatch(/"0 3 \* \* \*" \(Europe\/Paris\).*next run 20\d\d-\d\d-\d\dT0[12]:00:00/);
    const run = cli(['run', '--wait', '--from', from, ...fast], PGLITE);
    expect(await run.exited, run.out.join('\n')).toBe(0);
    expect(run.out.join('\n')).toMatch(/run 1 published in [\d.]+ s: 9 source structures → \d+ structures/);
    const status = cli(['status', '--json', ...fast], PGLITE);
    expect(await status.exited, status.out.join('\n')).toBe(0);
    const s = JSON.parse(status.out.join('\n')) as StatusReport;
    expect(s.runs).toHaveLength(1);
    expect(s.runs[0]).toMatchObject({ runId: 1, outcome: 'published', trigger: 'manual', staleSources: [] });
    expect(s.runs[0].seconds).toBeGreaterThan(0);
    expect(s.runs[0].sources.map((x) => [x.source, x.structures])).toEqual([['dora', 3], ['emplois-de-linclusion', 3], ['soliguide', 3]]);
    expect(s.schedule).toMatchObject({ cron: '0 3 * * *', tz: 'Europe/Paris' });
    expect(Date.parse(s.schedule!.next)).toBeGreaterThan(Date.now());
    expect(s.queues.find((q) => q.name === 'consolidate')).toMatchObject({ completed: 1, created: 0, active: 0 });
    expect(s.queues.find((q) => q.name === 'match.shard')!.completed).toBeGreaterThan(1);
    const off = cli(['schedule', '--off', ...fast], PGLITE);
    expect(await off.exited).toBe(0);
    expect(off.out.join('\n')).toMatch(/schedule removed/);
  }, 180_000);
});
