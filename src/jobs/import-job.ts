/**
 * `import.<source>`: reads one producer's folder (its adapter, or schema v1 files) and keeps the
 * result in the database for the consolidation job that asked for it. Idempotent: a source already
 * imported for that job is not read again. A failure is recorded and rethrown, so pg-boss retries it
 * with backoff and, after the last attempt, moves it to `import.dead`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type PgBoss from 'pg-boss';
import { catalogueAdapter, getAdapter, importSource, readMapping, runAdapter, type ImportResult } from '../../adapters/index.js';
import { isoToday } from '../model/checks.js';
import { readV1Folder, v1File } from '../pipeline/v1-input.js';
import { encodeRows, getBlob, putBlob } from './blob.js';
import type { JobContext } from './context.js';
import { workerName } from './ids.js';

export interface ImportJobData {
  /** The consolidation job this import belongs to. */
  jobId: string;
  source: string;
  dir: string;
  today?: string;
}

/** A producer's spreadsheet with its `mapping.json` (the catalogue adapter), as `recoupe consolidate` finds it. */
function catalogueFile(dir: string): string | undefined {
  if (!existsSync(join(dir, 'mapping.json'))) return undefined;
  const sheets = readdirSync(dir).filter((f) => /\.(csv|xlsx|tsv)$/i.test(f));
  return sheets.length === 1 ? join(dir, sheets[0]) : undefined;
}

/**
 * The default importer, reading a folder as `recoupe consolidate` does: the producer's adapter when
 * its files are there, else a catalogue (mapping.json + one spreadsheet) under the folder's name,
 * else the folder's schema v1 files.
 *
 * @example
 *   const r = await importFolder('dora', 'fixtures/sources/dora');
 */
export async function importFolder(source: string, dir: string, today = isoToday()): Promise<ImportResult> {
  const adapterFiles = getAdapter(source)?.files.some((f) => existsSync(join(dir, f.name))) ?? false;
  const sheet = adapterFiles ? undefined : catalogueFile(dir);
  if (sheet) return runAdapter(catalogueAdapter({ file: sheet, as: source, mapping: readMapping(join(dir, 'mapping.json')) }), dir, { today });
  if (adapterFiles || !v1File(dir, 'structures')) return importSource(source, dir);
  const groups = await readV1Folder(dir, { today, fallbackSource: source });
  const out: ImportResult & { invalidStructures: Record<string, unknown>[]; invalidServices: Record<string, unknown>[] } = {
    source, structures: [], services: [], errors: [], dropped: [], unmapped: [], rawRows: 0, imported: 0, rejected: 0,
    invalidStructures: [], invalidServices: [],
  };
  for (const g of groups) {
    out.rawRows += g.raw;
    out.errors.push(...g.errors);
    for (const x of g.structures) (x.valid ? (out.structures as unknown[]) : out.invalidStructures).push(x.record);
    for (const x of g.services) (x.valid ? (out.services as unknown[]) : out.invalidServices).push(x.record);
  }
  out.imported = out.structures.length + out.services.length;
  out.rejected = out.invalidStructures.length + out.invalidServices.length;
  return out;
}

const blobKey = (jobId: string, source: string) => `import:${jobId}:${source}`;

type Tagged = [string, unknown];

/** An import result as blob rows (the arrays tagged, the rest in a header row). */
function* toRows(r: ImportResult): Generator<Tagged> {
  const extra = r as ImportResult & { invalidStructures?: unknown[]; invalidServices?: unknown[] };
  const { structures, services, errors, invalidStructures, invalidServices, ...head } = extra;
  yield ['head', head];
  for (const x of structures) yield ['s', x];
  for (const x of services) yield ['v', x];
  for (const x of errors) yield ['e', x];
  for (const x of invalidStructures ?? []) yield ['is', x];
  for (const x of invalidServices ?? []) yield ['iv', x];
}

function fromRows(rows: Tagged[]): ImportResult {
  const out = { structures: [], services: [], errors: [], invalidStructures: [], invalidServices: [] } as unknown as Record<string, unknown[]> & ImportResult;
  const key: Record<string, string> = { s: 'structures', v: 'services', e: 'errors', is: 'invalidStructures', iv: 'invalidServices' };
  for (const [tag, x] of rows) {
    if (tag === 'head') Object.assign(out, x);
    else (out[key[tag]] as unknown[]).push(x);
  }
  return out;
}

/** Counts kept beside the result, for `recoupe status`. */
function countsOf(r: ImportResult) {
  return { raw: r.rawRows, structures: r.structures.length, services: r.services.length, errors: r.errors.filter((e) => e.severity === 'error').length };
}

/**
 * The handler of every `import.<source>` queue.
 *
 * @example
 *   await boss.work('import.dora', (jobs) => handleImport(ctx, jobs[0]));
 */
export async function handleImport(ctx: JobContext, job: PgBoss.Job<ImportJobData>): Promise<object> {
  const { jobId, source, dir } = job.data;
  const ns = ctx.settings.ns;
  const [done] = await ctx.db.query<{ status: string; counts: object }>(`SELECT status, counts FROM ${ns}.job_imports WHERE job_id = $1 AND source = $2`, [jobId, source]);
  if (done?.status === 'ok') return done.counts;
  await ctx.db.query(
    `INSERT INTO ${ns}.job_imports (job_id, source, status, attempts) VALUES ($1, $2, 'running', 1)
     ON CONFLICT (job_id, source) DO UPDATE SET status = 'running', attempts = ${ns}.job_imports.attempts + 1, updated_at = now()`,
    [jobId, source],
  );
  try {
    const r = await ctx.importer(source, dir, job.data.today);
    await putBlob(ctx.db, ns, blobKey(jobId, source), encodeRows(toRows(r)));
    const counts = countsOf(r);
    await ctx.db.query(`UPDATE ${ns}.job_imports SET status = 'ok', error = NULL, counts = $3, updated_at = now() WHERE job_id = $1 AND source = $2`, [jobId, source, JSON.stringify({ ...counts, worker: workerName() })]);
    ctx.log(`import   ${source}: ${counts.raw} raw rows → ${counts.structures} structures, ${counts.services} services (job ${jobId})`);
    return counts;
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    await ctx.db.query(`UPDATE ${ns}.job_imports SET status = 'retrying', error = $3, updated_at = now() WHERE job_id = $1 AND source = $2`, [jobId, source, message]);
    ctx.log(`import   ${source}: failed (${message}); pg-boss retries it with backoff, then dead-letters it`);
    throw err;
  }
}

/** The stored result of a source's import for a job, or undefined. */
export async function storedImport(ctx: Pick<JobContext, 'db' | 'settings'>, jobId: string, source: string): Promise<ImportResult | undefined> {
  const ns = ctx.settings.ns;
  const [row] = await ctx.db.query<{ status: string }>(`SELECT status FROM ${ns}.job_imports WHERE job_id = $1 AND source = $2`, [jobId, source]);
  if (row?.status !== 'ok') return undefined;
  return fromRows(await getBlob<Tagged>(ctx.db, ns, blobKey(jobId, source)));
}

