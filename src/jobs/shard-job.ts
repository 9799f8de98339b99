/**
 * `match.shard`: runs a range of a consolidation's matching tasks and writes the candidate pairs with
 * their comparison patterns to the staging table. The plan is rebuilt from the records the
 * coordinator stored (the same records and config give the same tasks; the fingerprint checks it)
 * and kept for the next shards of the same run. Idempotent: a shard already written is not redone.
 */
import type PgBoss from 'pg-boss';
import { planBlockingAsync, runTasks, type BlockingPlan } from '../../matching/index.js';
import { getBlob } from './blob.js';
import type { JobContext } from './context.js';
import { planFingerprint, type ShardJobData } from './fanout.js';
import { workerName } from './ids.js';
import { packShard } from './shard-data.js';

/** One remote plan kept per process (the shards of a run come in a row). */
let cached: { key: string; plan: BlockingPlan } | undefined;

/** Forgets the cached plan (worker stop). */
export function dropCachedPlan(): void {
  cached = undefined;
}

async function planFor(ctx: JobContext, key: string, fingerprint: string): Promise<BlockingPlan> {
  const local = ctx.plans.get(key);
  if (local) return local;
  if (cached?.key === key) return cached.plan;
  cached = undefined;
  const ns = ctx.settings.ns;
  const [input] = await ctx.db.query<{ config: unknown; records: number }>(`SELECT config, records FROM ${ns}.match_inputs WHERE key = $1`, [key]);
  if (!input) throw new Error(`match.shard: no input stored for ${key}`);
  const t = performance.now();
  const records = await getBlob<Record<string, unknown>>(ctx.db, ns, `match:${key}`);
  if (records.length !== input.records) throw new Error(`match.shard: ${records.length} records stored for ${key}, expected ${input.records}`);
  // the records are normalised on ctx.threads worker threads: the same plan as the coordinator's (fingerprint checked)
  const plan = await planBlockingAsync(records, { ...(input.config ? { config: input.config as object } : {}), threads: ctx.threads });
  if (planFingerprint(plan) !== fingerprint) throw new Error(`match.shard: the plan rebuilt for ${key} differs from the coordinator's`);
  ctx.log(`shard    plan for ${key} rebuilt from ${records.length} records in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  cached = { key, plan };
  return plan;
}

/**
 * @example
 *   await boss.work('match.shard', (jobs) => handleShard(ctx, jobs[0]));
 */
export async function handleShard(ctx: JobContext, job: PgBoss.Job<ShardJobData>): Promise<object> {
  const { key, shard, from, to, fingerprint } = job.data;
  const ns = ctx.settings.ns;
  const [done] = await ctx.db.query<{ pairs: string }>(`SELECT pairs FROM ${ns}.match_shards WHERE key = $1 AND shard = $2`, [key, shard]);
  if (done) return { shard, pairs: Number(done.pairs), reused: true };
  const t = performance.now();
  const plan = await planFor(ctx, key, fingerprint);
  const { results } = await runTasks(plan.data, plan.tasks.slice(from, to), ctx.threads);
  const pairs = results.reduce((s, r) => s + r.left.length, 0);
  const seconds = (performance.now() - t) / 1000;
  await ctx.db.query(
    `INSERT INTO ${ns}.match_shards (key, shard, pairs, worker, seconds, data) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key, shard) DO NOTHING`,
    [key, shard, pairs, workerName(), seconds, packShard(results)],
  );
  ctx.log(`shard    ${shard} (tasks ${from}–${to - 1}): ${pairs} candidate pairs in ${seconds.toFixed(2)} s`);
  return { shard, pairs, seconds };
}
