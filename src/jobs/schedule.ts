/**
 * The nightly run: one pg-boss schedule on the `consolidate` queue (pg-boss keeps one schedule per
 * queue; setting it again replaces it). Its jobs carry the stately singleton key, so a night whose
 * previous run is still going waits behind it instead of overlapping.
 */
import cronParser from 'cron-parser';
import type PgBoss from 'pg-boss';
import { UsageError } from '../error.js';
import type { ConsolidateJobData } from './context.js';
import { CONSOLIDATE, CONSOLIDATE_KEY } from './queues.js';

export interface ScheduleInfo {
  cron: string;
  tz: string;
  data: ConsolidateJobData;
  /** The next time it fires (ISO 8601, UTC). */
  next: string;
}

/** The next firing of a cron in a time zone; a bad cron or zone is a usage error naming it. */
export function nextFiring(cron: string, tz: string, after = new Date()): Date {
  try {
    return cronParser.parseExpression(cron, { tz, currentDate: after }).next().toDate();
  } catch (err) {
    throw new UsageError(`--cron "${cron}" --tz ${tz}: ${(err as Error).message}`);
  }
}

/**
 * @example
 *   await setSchedule(boss, '0 3 * * *', 'Europe/Paris', { from: '/data/in' });
 */
export async function setSchedule(boss: PgBoss, cron: string, tz: string, data: ConsolidateJobData): Promise<ScheduleInfo> {
  if (!Intl.supportedValuesOf('timeZone').includes(tz) && tz !== 'UTC') throw new UsageError(`--tz ${tz}: not an IANA time zone (e.g. Europe/Paris)`);
  const next = nextFiring(cron, tz);
  const d = { ...data, trigger: 'schedule' };
  await boss.schedule(CONSOLIDATE, cron, d, { tz, singletonKey: CONSOLIDATE_KEY });
  return { cron, tz, data: d, next: next.toISOString() };
}

/** Removes the nightly run. */
export async function clearSchedule(boss: PgBoss): Promise<boolean> {
  const had = (await boss.getSchedules()).some((s) => s.name === CONSOLIDATE);
  await boss.unschedule(CONSOLIDATE);
  return had;
}

/** The consolidation's schedule, if any, with its next firing. */
export async function getSchedule(boss: PgBoss): Promise<ScheduleInfo | null> {
  const s = (await boss.getSchedules()).find((x) => x.name === CONSOLIDATE) as (PgBoss.Schedule & { timezone?: string }) | undefined;
  if (!s) return null;
  const tz = s.timezone ?? 'UTC';
  return { cron: s.cron, tz, data: (s.data ?? {}) as ConsolidateJobData, next: nextFiring(s.cron, tz).toISOString() };
}
