/**
 * The fan-out coordinator: the consolidation's matcher when the comparisons are spread over worker
 * processes. It normalises and plans the blocking tasks (as match() does), keeps the records in the
 * database, splits the tasks into shards and sends one `match.shard` job each; any worker sharing the
 * database takes them and writes its candidate pairs with their comparison patterns to the staging
 * table `<ns>.match_shards`. When every shard is there, the coordinator joins them in task order and
 * finishes exactly as match() does (model, scores, clusters), so the clusters do not depend on how
 * many processes took part. A failed shard is retried alone by pg-boss; a retried coordinator reuses
 * the shards already done (the fan-out key is the job id and the records' digest).
 */
import { createHash } from 'node:crypto';
import {
  gatherBlocked, inputKeys, planBlocking, scoreBlocked, type BlockingPlan, type MatchOptions, type MatchResult, type TaskResult,
} from '../../matching/index.js';
import { dropBlobs, encodeRows, putBlob } from './blob.js';
import type { JobContext } from './context.js';
import { jobUuid } from './ids.js';
import { SHARD } from './queues.js';
import { unpackShard } from './shard-data.js';
import { jobStates } from './states.js';

export interface ShardJobData {
  key: string;
  shard: number;
  from: number;
  to: number;
  fingerprint: string;
}

/**
 * Task ranges of at most `perShard` tasks.
 *
 * @example
 *   shardRanges(5, 2) // [{ from: 0, to: 2 }, { from: 2, to: 4 }, { from: 4, to: 5 }]
 */
export function shardRanges(tasks: number, perShard: number): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  for (let a = 0; a < tasks; a += perShard) out.push({ from: a, to: Math.min(tasks, a + perShard) });
  return out;
}

/**
 * What identifies a plan: its task list and its normalised columns (value ids per record, points).
 * Two processes agreeing on it compute the same candidate pairs and comparison patterns.
 */
export function planFingerprint(plan: BlockingPlan): string {
  const h = createHash('sha1').update(JSON.stringify([plan.prepared.columns.n, plan.rules.length, plan.tasks]));
  const bytes = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  for (const name of Object.keys(plan.prepared.columns.fields).sort()) {
    const col = plan.prepared.columns.fields[name];
    h.update(name);
    if (col.kind === 'point') h.update(bytes(col.lat)).update(bytes(col.lon));
    else h.update(bytes(col.ids));
  }
  return h.digest('hex');
}

/** Records reduced to the keys the matching reads: what a shard needs to rebuild the plan. */
function slim(records: Record<string, unknown>[], keys: string[]): Iterable<Record<string, unknown>> {
  return (function* () {
    for (const r of records) {
      const o: Record<string, unknown> = {};
      for (const k of keys) if (k in r) o[k] = r[k];
      yield o;
    }
  })();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Filled by the matcher: how many shards, and which worker processes (`host:pid`) ran them. */
export interface FanOutStats {
  shards?: number;
  workers?: string[];
}

/**
 * The matcher a consolidation job hands to runConsolidation.
 *
 * @example
 *   await runConsolidation({ …, matcher: fanOutMatcher(ctx, job.id) });
 */
export function fanOutMatcher(ctx: JobContext, jobId: string, stats: FanOutStats = {}): (records: Record<string, unknown>[], options: MatchOptions) => Promise<MatchResult> {
  return async (records, options) => {
    const start = performance.now();
    const ns = ctx.settings.ns;
    const plan = planBlocking(records, { ...options, threads: 1 });
    const enc = encodeRows(slim(records, inputKeys(records, plan.config)));
    const config = options.config === undefined ? null : options.config;
    const key = `${jobId}:${createHash('sha1').update(enc.sha1).update(JSON.stringify(config)).digest('hex').slice(0, 16)}`;
    const fingerprint = planFingerprint(plan);
    const ranges = shardRanges(plan.tasks.length, ctx.settings.tasksPerShard);
    ctx.plans.set(key, plan);
    try {
      const [known] = await ctx.db.query(`SELECT 1 FROM ${ns}.match_inputs WHERE key = $1`, [key]);
      if (!known) {
        await putBlob(ctx.db, ns, `match:${key}`, enc);
        await ctx.db.query(
          `INSERT INTO ${ns}.match_inputs (key, job_id, config, records, tasks, shards, fingerprint) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (key) DO NOTHING`,
          [key, jobId, JSON.stringify(config), records.length, plan.tasks.length, ranges.length, fingerprint],
        );
      }
      const done = new Set((await ctx.db.query<{ shard: number }>(`SELECT shard FROM ${ns}.match_shards WHERE key = $1`, [key])).map((r) => r.shard));
      const ids = ranges.map((_, i) => jobUuid(key, 'shard', i));
      let sent = 0;
      for (let i = 0; i < ranges.length; i++) {
        if (done.has(i)) continue;
        const data: ShardJobData = { key, shard: i, ...ranges[i], fingerprint };
        if (await ctx.boss.send(SHARD, data, { id: ids[i] })) sent++;
      }
      ctx.log(`match    ${records.length} records, ${plan.tasks.length} tasks in ${ranges.length} shards (${done.size} already done, ${sent} sent to match.shard)`);
      const t = performance.now();
      await waitForShards(ctx, key, ids);
      plan.timings.compare = performance.now() - t;
      const results: TaskResult[] = [];
      const workers = new Set<string>();
      for (let i = 0; i < ranges.length; i++) {
        const [row] = await ctx.db.query<{ data: Uint8Array; worker: string }>(`SELECT data, worker FROM ${ns}.match_shards WHERE key = $1 AND shard = $2`, [key, i]);
        workers.add(row.worker);
        for (const r of unpackShard(row.data)) results.push(r);
      }
      stats.shards = ranges.length;
      stats.workers = [...workers].sort();
      ctx.log(`match    ${ranges.length} shards gathered from ${workers.size} worker process(es): ${[...workers].sort().join(', ')}`);
      return scoreBlocked(gatherBlocked(plan, results, [...workers].map((_, k) => k)), options, start);
    } finally {
      ctx.plans.delete(key);
    }
  };
}

/** Waits until every shard of `key` is in the staging table; throws when one failed for good. */
async function waitForShards(ctx: JobContext, key: string, ids: string[]): Promise<void> {
  const ns = ctx.settings.ns;
  let lastCheck = 0;
  for (;;) {
    const [{ n }] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ns}.match_shards WHERE key = $1`, [key]);
    if (n >= ids.length) return;
    if (ctx.stopping()) throw new Error('worker stopping or job expired: the consolidation is given back to the queue');
    if (Date.now() - lastCheck > 2000) {
      lastCheck = Date.now();
      const done = new Set((await ctx.db.query<{ shard: number }>(`SELECT shard FROM ${ns}.match_shards WHERE key = $1`, [key])).map((r) => r.shard));
      const states = await jobStates(ctx, SHARD, ids.filter((_, i) => !done.has(i)));
      const failed = [...states.entries()].find(([, s]) => s.state === 'failed' || s.state === 'cancelled');
      if (failed) throw new Error(`match.shard ${ids.indexOf(failed[0])} ${failed[1].state} after ${failed[1].retryCount + 1} attempt(s): ${failed[1].message}`);
    }
    await sleep(ctx.settings.pollMs);
  }
}

/** Deletes a job's fan-out inputs and staging rows (after publication). */
export async function dropFanOut(ctx: Pick<JobContext, 'db' | 'settings'>, jobId: string): Promise<void> {
  const ns = ctx.settings.ns;
  await ctx.db.query(`DELETE FROM ${ns}.match_shards WHERE starts_with(key, $1)`, [`${jobId}:`]);
  await ctx.db.query(`DELETE FROM ${ns}.match_inputs WHERE job_id = $1`, [jobId]);
  await dropBlobs(ctx.db, ns, `match:${jobId}:`);
}
