/**
 * What `recoupe status` shows: the recent runs (outcome, duration, per-source counts and errors,
 * stale sources), the queues' depths by state, and the next scheduled run.
 */
import type { SourceCounts } from '../pipeline/consolidate.js';
import type { Client } from './client.js';
import { getSchedule, type ScheduleInfo } from './schedule.js';

/** A run as the job runner saw it (times and duration of the job, imports included) or as the store did (`recoupe consolidate`). */
export interface RunStatus {
  runId: number | null;
  jobId: string | null;
  /** published | failed | running (the store's run, else the job's). */
  outcome: string;
  trigger: string | null;
  worker: string | null;
  attempts: number | null;
  startedAt: string;
  endedAt: string | null;
  seconds: number | null;
  staleSources: string[];
  sources: SourceCounts[];
  error: string | null;
}

export interface QueueStatus {
  name: string;
  created: number;
  retry: number;
  active: number;
  completed: number;
  failed: number;
  cancelled: number;
}

export interface StatusReport {
  store: string;
  runs: RunStatus[];
  queues: QueueStatus[];
  schedule: ScheduleInfo | null;
}

const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

/**
 * @example
 *   const s = await readStatus(client, 10);
 *   s.runs[0].outcome // 'published'
 */
export async function readStatus(c: Pick<Client, 'db' | 'boss' | 'settings'>, limit = 10): Promise<StatusReport> {
  const ns = c.settings.ns;
  const rows = await c.db.query<{
    run_id: string | null; job_id: string | null; run_status: string | null; job_status: string | null; trigger: string | null; worker: string | null;
    attempts: number | null; started_at: string; ended_at: string | null; stale_sources: string[] | null; counts: SourceCounts[] | null; error: string | null;
  }>(
    `SELECT r.id::text AS run_id, j.job_id, r.status AS run_status, j.status AS job_status, j.trigger, j.worker, j.attempts,
            COALESCE(j.started_at, r.started_at) AS started_at, COALESCE(j.ended_at, r.ended_at) AS ended_at,
            r.stale_sources, r.counts, COALESCE(r.error, j.error) AS error
       FROM ${ns}.runs r FULL OUTER JOIN ${ns}.job_runs j ON j.run_id = r.id
      ORDER BY COALESCE(j.started_at, r.started_at) DESC
      LIMIT $1`,
    [limit],
  );
  const runs = rows.map((r): RunStatus => {
    const startedAt = iso(r.started_at)!;
    const endedAt = iso(r.ended_at);
    return {
      runId: r.run_id == null ? null : Number(r.run_id),
      jobId: r.job_id,
      outcome: r.run_status ?? r.job_status ?? 'unknown',
      trigger: r.trigger, worker: r.worker, attempts: r.attempts,
      startedAt, endedAt,
      seconds: endedAt ? (Date.parse(endedAt) - Date.parse(startedAt)) / 1000 : null,
      staleSources: r.stale_sources ?? [],
      sources: Array.isArray(r.counts) ? r.counts : [],
      error: r.error,
    };
  });
  const counts = await c.db.query<{ name: string; state: string; n: number }>(
    `SELECT q.name, j.state::text AS state, count(j.id)::int AS n FROM ${c.settings.bossSchema}.queue q
       LEFT JOIN ${c.settings.bossSchema}.job j ON j.name = q.name
      WHERE NOT starts_with(q.name, '__pgboss') GROUP BY q.name, j.state ORDER BY q.name`,
  );
  const byName = new Map<string, QueueStatus>();
  for (const r of counts) {
    const q = byName.get(r.name) ?? { name: r.name, created: 0, retry: 0, active: 0, completed: 0, failed: 0, cancelled: 0 };
    if (r.state && r.state in q) (q as unknown as Record<string, number>)[r.state] = r.n;
    byName.set(r.name, q);
  }
  return {
    store: `${c.db.kind === 'postgres' ? 'PostgreSQL' : 'embedded PGlite'}, namespace ${ns}, pg-boss schema ${c.settings.bossSchema}`,
    runs,
    queues: [...byName.values()],
    schedule: await getSchedule(c.boss),
  };
}

/** The report as text, for a terminal. */
export function formatStatus(s: StatusReport, now = new Date()): string {
  const lines: string[] = [`store: ${s.store}`];
  lines.push(s.schedule
    ? `schedule: "${s.schedule.cron}" (${s.schedule.tz}); next run ${s.schedule.next} (in ${humanDelay(Date.parse(s.schedule.next) - now.getTime())})`
    : 'schedule: none (recoupe schedule --cron "0 3 * * *" --tz Europe/Paris)');
  lines.push('', 'queues (waiting = created + retry):');
  const busy = s.queues.filter((q) => q.created + q.retry + q.active + q.failed > 0 || !q.name.startsWith('import.') || q.name === 'import.dead');
  for (const q of busy) {
    lines.push(`  ${q.name.padEnd(34)} waiting ${String(q.created + q.retry).padStart(4)}  active ${String(q.active).padStart(3)}  completed ${String(q.completed).padStart(5)}  failed ${String(q.failed).padStart(4)}`);
  }
  const quiet = s.queues.length - busy.length;
  if (quiet) lines.push(`  (${quiet} import queues with nothing waiting, active or failed)`);
  lines.push('', s.runs.length ? 'recent runs (newest first):' : 'no runs yet');
  for (const r of s.runs) {
    const took = r.seconds == null ? 'still running' : `${r.seconds.toFixed(1)} s`;
    const stale = r.staleSources.length ? `, STALE: ${r.staleSources.join(', ')}` : '';
    lines.push(`  run ${r.runId ?? '-'}  ${r.outcome.toUpperCase()}  ${r.startedAt}  ${took}  ${r.trigger ?? 'cli'}${r.attempts && r.attempts > 1 ? `, attempt ${r.attempts}` : ''}${r.worker ? ` on ${r.worker}` : ''}${stale}`);
    if (r.error) lines.push(`      error: ${r.error}`);
    for (const c of r.sources) {
      lines.push(`      ${c.source.padEnd(24)} ${String(c.raw).padStart(7)} raw ${String(c.structures).padStart(7)} structures ${String(c.services).padStart(7)} services ${String(c.errors).padStart(5)} errors${c.stale ? `  STALE (${c.failure ?? 'import failed'})` : ''}`);
    }
  }
  return lines.join('\n');
}

function humanDelay(ms: number): string {
  const m = Math.max(0, Math.round(ms / 60000));
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}`;
}
