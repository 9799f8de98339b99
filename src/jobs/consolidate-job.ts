/**
 * `consolidate`: the coordinator. Under the namespace's consolidation lock it sends one
 * `import.<source>` job per producer folder, waits until each has succeeded or failed for good, then
 * runs the pipeline with the stored import results (a source that failed is published stale, from
 * its last good rows) and the fan-out matcher, and publishes atomically. Idempotent: a job whose run
 * was published returns that run's report; a retried job reuses its imports and finished shards.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type PgBoss from 'pg-boss';
import { SOURCE_SLUGS } from '../../adapters/index.js';
import { isoToday } from '../model/checks.js';
import { runConsolidation, type ConsolidateReport } from '../pipeline/consolidate.js';
import { v1File } from '../pipeline/v1-input.js';
import { UsageError } from '../error.js';
import { dropBlobs } from './blob.js';
import type { ConsolidateJobData, JobContext } from './context.js';
import { dropFanOut, fanOutMatcher, type FanOutStats } from './fanout.js';
import { jobUuid, workerName } from './ids.js';
import { storedImport, type ImportJobData } from './import-job.js';
import { acquireLock } from './lock.js';
import { importQueue } from './queues.js';
import { jobStates } from './states.js';

/** What a finished consolidation job returns (its pg-boss output, and `recoupe run --wait`'s). */
export interface ConsolidateJobOutput {
  runId: number;
  outcome: 'published' | 'published-stale';
  staleSources: string[];
  structuresIn: number;
  consolidatedStructures: number;
  consolidatedServices: number;
  sources: ConsolidateReport['sources'];
  /** Matching shards, and the worker processes (`host:pid`) that ran them. */
  shards: number;
  shardWorkers: string[];
  seconds: number;
}

/**
 * The producer folders of `from`: those with an adapter are imported through their `import.<source>`
 * queue; the others (a catalogue spreadsheet, schema v1 files under any name) are read by the
 * coordinator itself, when the pipeline asks for them.
 */
export function producerFolders(from: string): { queued: string[]; inline: string[] } {
  if (v1File(from, 'structures')) return { queued: [], inline: [] };
  const present = readdirSync(from).filter((d) => statSync(join(from, d)).isDirectory());
  return {
    queued: SOURCE_SLUGS.filter((s) => present.includes(s)),
    inline: present.filter((d) => !SOURCE_SLUGS.includes(d)).sort(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForImports(ctx: JobContext, jobId: string, sources: string[]): Promise<void> {
  const ns = ctx.settings.ns;
  let pending = [...sources];
  while (pending.length) {
    const ok = new Set((await ctx.db.query<{ source: string }>(`SELECT source FROM ${ns}.job_imports WHERE job_id = $1 AND status = 'ok'`, [jobId])).map((r) => r.source));
    const still: string[] = [];
    for (const s of pending) {
      if (ok.has(s)) continue;
      const id = jobUuid(jobId, 'import', s);
      const st = (await jobStates(ctx, importQueue(s), [id])).get(id);
      if (st && (st.state === 'failed' || st.state === 'cancelled')) {
        await ctx.db.query(`UPDATE ${ns}.job_imports SET status = 'failed', updated_at = now() WHERE job_id = $1 AND source = $2`, [jobId, s]);
        ctx.log(`import   ${s}: ${st.state} after ${st.retryCount + 1} attempt(s), dead-lettered; the run keeps its last good data (stale)`);
        continue;
      }
      still.push(s);
    }
    pending = still;
    if (!pending.length) return;
    if (ctx.stopping()) throw new Error('worker stopping or job expired: the consolidation is given back to the queue');
    await sleep(ctx.settings.pollMs);
  }
}

/**
 * @example
 *   await boss.work('consolidate', (jobs) => handleConsolidate(ctx, jobs[0]));
 */
export async function handleConsolidate(parent: JobContext, job: PgBoss.Job<ConsolidateJobData>): Promise<ConsolidateJobOutput> {
  // pg-boss fails a job at its expiry but lets the handler run on: past it, every wait gives up
  const deadline = Date.now() + (Number(job.expireInSeconds) || parent.settings.consolidateExpireSeconds) * 1000;
  const ctx: JobContext = { ...parent, stopping: () => parent.stopping() || Date.now() > deadline };
  const ns = ctx.settings.ns;
  const data: ConsolidateJobData = { ...ctx.defaults };
  for (const [k, v] of Object.entries(job.data ?? {})) if (v !== undefined && v !== null) (data as Record<string, unknown>)[k] = v;
  if (!data.from) throw new UsageError('consolidate job: no source folder (give the worker --from, or recoupe run --from)');
  const from = resolve(data.from);
  const today = data.today ?? isoToday();
  const published = async () => (await ctx.db.query<{ status: string; report: ConsolidateJobOutput }>(`SELECT status, report FROM ${ns}.job_runs WHERE job_id = $1`, [job.id]))[0];
  const before = await published();
  if (before?.status === 'published') return before.report;

  const lock = await acquireLock(ctx.db, ctx.databaseUrl, `recoupe.consolidate.${ns}`, ctx.stopping, ctx.settings.pollMs);
  const started = Date.now();
  try {
    const again = await published();
    if (again?.status === 'published') return again.report;
    // under the lock no other consolidation of this namespace runs: a run still "running" was abandoned
    await ctx.db.query(`UPDATE ${ns}.runs SET status = 'failed', ended_at = now(), error = 'abandoned: the process running it stopped' WHERE status = 'running'`);
    await ctx.db.query(`UPDATE ${ns}.job_runs SET status = 'failed', ended_at = now(), error = COALESCE(error, 'abandoned: the process running it stopped') WHERE status = 'running'`);
    await ctx.db.query(
      `INSERT INTO ${ns}.job_runs (job_id, status, trigger, worker) VALUES ($1, 'running', $2, $3)
       ON CONFLICT (job_id) DO UPDATE SET status = 'running', worker = $3, attempts = ${ns}.job_runs.attempts + 1, started_at = now(), ended_at = NULL, error = NULL`,
      [job.id, data.trigger ?? 'manual', workerName()],
    );
    ctx.log(`consolidate job ${job.id} (${data.trigger ?? 'manual'}) from ${from}`);

    const { queued, inline } = producerFolders(from);
    for (const source of queued) {
      const d: ImportJobData = { jobId: job.id, source, dir: join(from, source), today };
      await ctx.boss.send(importQueue(source), d, { id: jobUuid(job.id, 'import', source) });
    }
    await waitForImports(ctx, job.id, queued);

    const fan: FanOutStats = {};
    const report = await runConsolidation({
      from, db: ctx.db, ns, today, threads: 1,
      ...(data.out ? { out: resolve(data.out) } : {}),
      ...(data.formats ? { formats: data.formats } : {}),
      ...(data.config ? { config: data.config } : {}),
      importer: async (source, dir) => {
        if (inline.includes(source)) return ctx.importer(source, dir, today);
        const r = await storedImport(ctx, job.id, source);
        if (r) return r;
        const [row] = await ctx.db.query<{ attempts: number; error: string | null }>(`SELECT attempts, error FROM ${ns}.job_imports WHERE job_id = $1 AND source = $2`, [job.id, source]);
        throw new Error(`import failed after ${row?.attempts ?? 0} attempt(s): ${row?.error ?? 'no result'}`);
      },
      matcher: fanOutMatcher(ctx, job.id, fan),
      onRunStart: async (runId) => { await ctx.db.query(`UPDATE ${ns}.job_runs SET run_id = $2 WHERE job_id = $1`, [job.id, runId]); },
      log: ctx.log,
    });
    const out: ConsolidateJobOutput = {
      runId: report.runId,
      outcome: report.staleSources.length ? 'published-stale' : 'published',
      staleSources: report.staleSources,
      structuresIn: report.structuresIn,
      consolidatedStructures: report.consolidatedStructures,
      consolidatedServices: report.consolidatedServices,
      sources: report.sources,
      shards: fan.shards ?? 0,
      shardWorkers: fan.workers ?? [],
      seconds: (Date.now() - started) / 1000,
    };
    await ctx.db.query(`UPDATE ${ns}.job_runs SET status = 'published', ended_at = now(), report = $2 WHERE job_id = $1`, [job.id, JSON.stringify(out)]);
    await dropFanOut(ctx, job.id).catch((err) => ctx.log(`cleanup of job ${job.id}: ${(err as Error).message}`));
    await dropBlobs(ctx.db, ns, `import:${job.id}:`).catch(() => {});
    ctx.log(`consolidate job ${job.id}: run ${report.runId} published in ${out.seconds.toFixed(1)} s${out.staleSources.length ? `, stale: ${out.staleSources.join(', ')}` : ''}`);
    return out;
  } catch (err) {
    await ctx.db.query(`UPDATE ${ns}.job_runs SET status = 'failed', ended_at = now(), error = $2 WHERE job_id = $1`, [job.id, (err as Error).message ?? String(err)]).catch(() => {});
    ctx.log(`consolidate job ${job.id} failed: ${(err as Error).message}`);
    throw err;
  } finally {
    await lock.release();
  }
}
