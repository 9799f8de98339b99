/**
 * Job states read straight from pg-boss's tables (live and archived), many at once.
 */
import type { JobContext } from './context.js';

export interface JobState {
  state: string;
  retryCount: number;
  message: string;
}

/**
 * @example
 *   const s = await jobStates(ctx, 'import.dora', [id]); s.get(id)?.state // 'retry'
 */
export async function jobStates(ctx: Pick<JobContext, 'db' | 'settings'>, queue: string, ids: string[]): Promise<Map<string, JobState>> {
  const out = new Map<string, JobState>();
  if (!ids.length) return out;
  const schema = ctx.settings.bossSchema;
  const rows = await ctx.db.query<{ id: string; state: string; retry_count: number; output: { message?: string; value?: { message?: string } } | null }>(
    `SELECT id::text, state::text, retry_count, output FROM ${schema}.job WHERE name = $1 AND id = ANY($2::uuid[])
     UNION ALL SELECT id::text, state::text, retry_count, output FROM ${schema}.archive WHERE name = $1 AND id = ANY($2::uuid[])`,
    [queue, ids],
  );
  for (const r of rows) {
    if (out.has(r.id)) continue;
    out.set(r.id, { state: r.state, retryCount: r.retry_count, message: r.output?.message ?? r.output?.value?.message ?? '' });
  }
  return out;
}
