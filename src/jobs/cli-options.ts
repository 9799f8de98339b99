/**
 * Options shared by the job commands (`worker`, `run`, `schedule`, `status`): where the database is,
 * which namespace, the runner's settings, and what a consolidation job carries.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FORMATS, type ExportFormat } from '../export/index.js';
import { readPipelineConfig } from '../pipeline/consolidate.js';
import { UsageError } from '../error.js';
import type { ConsolidateJobData } from './context.js';
import { DEFAULT_SETTINGS, type JobSettings } from './queues.js';

export { positiveInt } from './positive-int.js';

export interface ConnectionFlags {
  databaseUrl?: string;
  dataDir: string;
  ns: string;
  settings?: string;
}

/** The database and settings named by the flags (`--database-url` falls back to $DATABASE_URL). */
export function connectionOf(f: ConnectionFlags): { databaseUrl?: string; dataDir: string; settings: Partial<JobSettings> } {
  const databaseUrl = f.databaseUrl ?? process.env.DATABASE_URL;
  let extra: Partial<JobSettings> = {};
  if (f.settings) {
    const text = existsSync(f.settings) ? readFileSync(f.settings, 'utf8') : f.settings;
    try {
      extra = JSON.parse(text) as Partial<JobSettings>;
    } catch (err) {
      throw new UsageError(`--settings: expected a JSON object or a JSON file, ${(err as Error).message}`);
    }
    const unknown = Object.keys(extra).filter((k) => !(k in DEFAULT_SETTINGS));
    if (unknown.length) throw new UsageError(`--settings: unknown key(s) ${unknown.join(', ')} (expected ${Object.keys(DEFAULT_SETTINGS).join(', ')})`);
  }
  return { ...(databaseUrl ? { databaseUrl } : {}), dataDir: f.dataDir, settings: { ...extra, ns: f.ns, ...(extra.bossSchema ? {} : { bossSchema: `${f.ns}_boss` }) } };
}

export interface JobDataFlags {
  from?: string;
  out?: string;
  formats?: string;
  config?: string;
}

/** What a consolidation job carries, from the flags: folders made absolute, the config file read. */
export function jobDataOf(f: JobDataFlags): ConsolidateJobData {
  const d: ConsolidateJobData = {};
  if (f.from) d.from = resolve(f.from);
  if (f.out) d.out = resolve(f.out);
  if (f.formats) {
    const formats = f.formats.split(',').map((x) => x.trim()).filter(Boolean);
    const bad = formats.filter((x) => !(FORMATS as readonly string[]).includes(x));
    if (bad.length) throw new UsageError(`--formats: unknown ${bad.join(', ')} (expected ${FORMATS.join(', ')})`);
    d.formats = formats as ExportFormat[];
  }
  if (f.config) d.config = readPipelineConfig(f.config);
  return d;
}
