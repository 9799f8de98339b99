/**
 * The main job: import every source → validate → match → consolidate → publish → export.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueAdapter, getAdapter, importSource, readMapping, runAdapter, SOURCE_SLUGS, type ImportResult } from '../../adapters/index.js';
import { match, parseConfig, type MatchOptions, type MatchResult } from '../../matching/index.js';
import { consolidate, type ConsolidateOutput, type ConsolidationConfig } from '../consolidation/index.js';
import { exportTables, CONSOLIDATED_SERVICE_COLUMNS, CONSOLIDATED_STRUCTURE_COLUMNS, SOURCE_SERVICE_COLUMNS, SOURCE_STRUCTURE_COLUMNS, type ExportFormat } from '../export/index.js';
import { errorRow, type ErrorRow } from '../model/errors.js';
import { isoToday } from '../model/checks.js';
import { validate } from '../model/validate.js';
import { openDb, Store, type Db } from '../store/index.js';
import { loadStage } from './stage.js';
import { readV1Folder, v1File } from './v1-input.js';
import { UsageError } from '../error.js';
import { fromRoot } from '../paths.js';

export interface ConsolidateOptions {
  /** A folder holding one folder per source slug. */
  from: string;
  databaseUrl?: string;
  /** PGlite folder when no database URL (default `.recoupe/pglite`). */
  dataDir?: string;
  /** Store namespace (default `recoupe`). */
  ns?: string;
  /** Exports folder; no exports when absent. */
  out?: string;
  formats?: ExportFormat[];
  /** `{ "matching": <match config>, "consolidation": <survivorship config>, "threshold": p, "model": path }` */
  config?: { matching?: unknown; consolidation?: Partial<ConsolidationConfig>; threshold?: number; model?: string };
  threads?: number;
  today?: string;
  /** Progress lines. */
  log?: (line: string) => void;
  /** An already open database (tests, the job runner). */
  db?: Db;
  /** Replaces the adapters' import (tests simulate failing producers). */
  importer?: (slug: string, dir: string) => Promise<ImportResult>;
  /**
   * Replaces the in-process `match()` (same arguments, same result): the job runner's fan-out
   * spreads the comparisons over worker processes and returns what match() would.
   */
  matcher?: (records: Record<string, unknown>[], options: MatchOptions) => Promise<MatchResult>;
  /** Called once the run has its id (the job runner links its job to the run). */
  onRunStart?: (runId: number) => Promise<void> | void;
  /** Tests only. */
  failAfterSwap?: boolean;
}

export interface SourceCounts {
  source: string;
  raw: number;
  structures: number;
  services: number;
  invalid: number;
  dropped: number;
  errors: number;
  stale: boolean;
  failure?: string;
}

export interface ConsolidateReport {
  runId: number;
  sources: SourceCounts[];
  staleSources: string[];
  structuresIn: number;
  clusters: number;
  multiRecordClusters: number;
  consolidatedStructures: number;
  consolidatedServices: number;
  histogram: Record<string, number>;
  idChanges: number;
  timings: Record<string, number>;
  /** Resident memory at the end of each stage, and the process's peak so far. */
  memory: Record<string, { rss_mb: number; peak_rss_mb: number }>;
  exports: string[];
  store: string;
}

/** Reads `--config FILE`. */
export function readPipelineConfig(path: string): NonNullable<ConsolidateOptions['config']> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read config ${path}: ${(err as Error).message}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`config ${path}: expected an object with "matching", "consolidation" and/or "threshold"`);
  const unknown = Object.keys(raw).filter((k) => !['matching', 'consolidation', 'threshold', 'model'].includes(k));
  if (unknown.length) throw new UsageError(`config ${path}: unknown key(s) ${unknown.join(', ')} (expected matching, consolidation, threshold, model)`);
  return raw as NonNullable<ConsolidateOptions['config']>;
}

/** Below this many structures the model is not estimated from the input but taken from `models/`. */
export const SMALL_INPUT = 5000;

interface SourceData {
  slug: string;
  structures: { record: Record<string, unknown>; valid: boolean }[];
  services: { record: Record<string, unknown>; valid: boolean }[];
  errors: ErrorRow[];
  counts: SourceCounts;
}

/** Valid records as they enter matching; invalid ones are kept in the source views only. */
function fromImport(r: ImportResult): SourceData {
  const extra = r as ImportResult & { invalidStructures?: Record<string, unknown>[]; invalidServices?: Record<string, unknown>[] };
  const structures = [
    ...r.structures.map((s) => ({ record: s as unknown as Record<string, unknown>, valid: true })),
    ...(extra.invalidStructures ?? []).map((s) => ({ record: s, valid: false })),
  ];
  const services = [
    ...r.services.map((s) => ({ record: s as unknown as Record<string, unknown>, valid: true })),
    ...(extra.invalidServices ?? []).map((s) => ({ record: s, valid: false })),
  ];
  return {
    slug: r.source,
    structures,
    services,
    errors: r.errors,
    counts: {
      source: r.source, raw: r.rawRows, structures: r.structures.length, services: r.services.length,
      invalid: structures.length + services.length - r.structures.length - r.services.length,
      dropped: r.dropped.reduce((s, d) => s + d.count, 0), errors: r.errors.filter((e) => e.severity === 'error').length, stale: false,
    },
  };
}

/**
 * Runs the whole consolidation and publishes it atomically.
 *
 * @example
 *   const report = await runConsolidation({ from: 'fixtures/sources', out: 'out' });
 *   report.consolidatedStructures // one per place
 */
export async function runConsolidation(opts: ConsolidateOptions): Promise<ConsolidateReport> {
  const log = opts.log ?? (() => {});
  const today = opts.today ?? isoToday();
  const timings: Record<string, number> = {};
  const memory: Record<string, { rss_mb: number; peak_rss_mb: number }> = {};
  let t = Date.now();
  const lap = (stage: string) => {
    const now = Date.now();
    timings[stage] = (now - t) / 1000;
    memory[stage] = { rss_mb: Math.round(process.memoryUsage().rss / 1048576), peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) };
    t = now;
    return timings[stage].toFixed(2);
  };
  if (!existsSync(opts.from) || !statSync(opts.from).isDirectory()) throw new UsageError(`--from ${opts.from} is not a folder`);
  const matchConfig = opts.config?.matching === undefined ? undefined : parseConfig(opts.config.matching, 'config.matching');

  const db = opts.db ?? (await openDb({ ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}), ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) }));
  const store = new Store(db, opts.ns);
  const storeName = db.kind === 'postgres' ? `PostgreSQL (schema ${store.pub})` : `embedded PGlite ${opts.dataDir ?? '.recoupe/pglite'} (schema ${store.pub})`;
  await store.migrate();
  const runId = await store.beginRun();
  await opts.onRunStart?.(runId);
  lap('open');
  try {
    // 1. import
    const sources: SourceData[] = v1File(opts.from, 'structures')
      ? await importV1(opts.from, today, log)
      : await importProducers(opts, store, db, today, log);
    log(`import   done in ${lap('import')} s`);

    // 2. validate (adapters validated each record; here the records entering matching are chosen)
    const structures = sources.flatMap((s) => s.structures.filter((x) => x.valid).map((x) => x.record));
    const services = sources.flatMap((s) => s.services.filter((x) => x.valid).map((x) => x.record));
    const seen = new Set<string>();
    const unique = structures.filter((r) => (seen.has(String(r.id)) ? false : (seen.add(String(r.id)), true)));
    log(`validate ${unique.length} valid structures, ${services.length} valid services enter matching (${lap('validate')} s)`);

    // 3. match
    const model = opts.config?.model ?? (!matchConfig && unique.length < SMALL_INPUT ? fromRoot('models', 'data-inclusion.json') : undefined);
    if (model && !opts.config?.model) log(`match    ${unique.length} structures are too few to estimate a model: using the shipped one (models/data-inclusion.json)`);
    const m: MatchResult = await (opts.matcher ?? match)(unique, {
      ...(matchConfig ? { config: matchConfig } : {}),
      ...(model ? { model } : {}),
      ...(opts.config?.threshold !== undefined ? { threshold: opts.config.threshold } : {}),
      ...(opts.threads ? { threads: opts.threads } : {}),
    });
    log(`match    ${m.summary.pairsScored} pairs scored, ${m.summary.pairsAboveThreshold} above the threshold ${m.summary.threshold}, ${m.summary.clusters} clusters (${lap('match')} s)`);

    // 4. consolidate
    const scores = new Float64Array(unique.length).fill(1);
    const best = new Float64Array(unique.length);
    for (let k = 0; k < m.pairs.left.length; k++) {
      const a = m.pairs.left[k];
      const b = m.pairs.right[k];
      if (m.clusterOf[a] !== m.clusterOf[b]) continue;
      const p = m.pairs.probability[k];
      if (p > best[a]) best[a] = p;
      if (p > best[b]) best[b] = p;
    }
    for (let i = 0; i < unique.length; i++) if (best[i] > 0) scores[i] = best[i];
    const c: ConsolidateOutput = consolidate({
      structures: unique,
      clusterKeys: m.clusterOf,
      scores,
      services,
      previous: await store.previousMembership(),
      usedIds: await store.usedIds(),
      ...(opts.config?.consolidation ? { config: opts.config.consolidation } : {}),
      today,
    });
    const orphanErrors = c.orphanServices.map((s) => errorRow({ source: String(s.source ?? ''), id: String(s.id ?? ''), resource: 'service', field: 'structure_id', rule: 'unknown_structure', message: `structure_id ${String(s.structure_id)} names no valid structure: the service is kept in the source view but not consolidated`, value: s.structure_id }));
    log(`consolidate ${c.structures.length} structures, ${c.services.length} services, ${c.idChanges.length} id changes (${lap('consolidate')} s)`);

    // 5. publish
    const clusterOf = new Map(c.membership.map((x) => [x.structure_id, x.cluster_id]));
    await store.createStage();
    await loadStage(store, runId, {
      sources: sources.map((s) => ({ slug: s.slug, stale: s.counts.stale, structures: s.structures, services: s.services })),
      errors: [...sources.flatMap((s) => s.errors), ...orphanErrors],
      ids: m.ids,
      pairs: m.pairs,
      consolidated: c,
    });
    const staleSources = sources.filter((s) => s.counts.stale).map((s) => s.slug);
    await store.publish(runId, {
      counts: sources.map((s) => s.counts),
      histogram: c.histogram,
      duplicates: c.duplicates,
      timings: { ...timings, publish: (Date.now() - t) / 1000, memory },
      model: m.model,
      staleSources,
      idChanges: c.idChanges,
      ...(opts.failAfterSwap ? { failAfterSwap: true } : {}),
    });
    log(`publish  run ${runId} published to ${storeName} (${lap('publish')} s)`);

    // 6. export
    let exports: string[] = [];
    if (opts.out) {
      const sourceRows = (kind: 'structures' | 'services') => sources.flatMap((s) => s[kind].map((x) => ({
        ...x.record,
        cluster_id: clusterOf.get(String(kind === 'structures' ? x.record.id : x.record.structure_id)) ?? null,
        _is_valid: x.valid,
        _stale: s.counts.stale,
      })));
      exports = await exportTables(opts.out, [
        { name: 'structures', columns: CONSOLIDATED_STRUCTURE_COLUMNS, rows: c.structures, geo: true },
        { name: 'services', columns: CONSOLIDATED_SERVICE_COLUMNS, rows: c.services, geo: false },
        { name: 'sources_structures', columns: SOURCE_STRUCTURE_COLUMNS, rows: sourceRows('structures'), geo: true },
        { name: 'sources_services', columns: SOURCE_SERVICE_COLUMNS, rows: sourceRows('services'), geo: false },
      ], opts.formats);
      log(`export   ${exports.length} files in ${opts.out} (${lap('export')} s)`);
    }
    return {
      runId,
      sources: sources.map((s) => s.counts),
      staleSources,
      structuresIn: unique.length,
      clusters: c.structures.length,
      multiRecordClusters: c.structures.filter((s) => s.cluster_size > 1).length,
      consolidatedStructures: c.structures.length,
      consolidatedServices: c.services.length,
      histogram: c.histogram,
      idChanges: c.idChanges.length,
      timings,
      memory,
      exports,
      store: storeName,
    };
  } catch (err) {
    await store.failRun(runId, err).catch(() => {});
    throw err;
  } finally {
    if (!opts.db) await db.close();
  }
}

/** `from` holds schema v1 files (structures.jsonl …): records grouped by their source. */
async function importV1(from: string, today: string, log: (l: string) => void, fallbackSource?: string): Promise<SourceData[]> {
  const groups = await readV1Folder(from, { today, ...(fallbackSource ? { fallbackSource } : {}) });
  return groups.map((g) => {
    const counts: SourceCounts = {
      source: g.slug, raw: g.raw,
      structures: g.structures.filter((x) => x.valid).length, services: g.services.filter((x) => x.valid).length,
      invalid: g.structures.filter((x) => !x.valid).length + g.services.filter((x) => !x.valid).length,
      dropped: 0, errors: g.errors.filter((e) => e.severity === 'error').length, stale: false,
    };
    log(`import   ${g.slug}: ${counts.raw} schema v1 rows → ${counts.structures} structures, ${counts.services} services, ${counts.invalid} invalid`);
    return { slug: g.slug, structures: g.structures, services: g.services, errors: g.errors, counts };
  });
}

/** `from` holds one folder per producer: each imported by its adapter (or read as schema v1 files). */
async function importProducers(opts: ConsolidateOptions, store: Store, db: Db, today: string, log: (l: string) => void): Promise<SourceData[]> {
  const present = readdirSync(opts.from).filter((d) => statSync(join(opts.from, d)).isDirectory());
  const readable = (x: string) => SOURCE_SLUGS.includes(x) || v1File(join(opts.from, x), 'structures') !== undefined || catalogueFile(join(opts.from, x)) !== undefined;
  for (const d of present.filter((x) => !readable(x))) {
    log(`import   ${d}: no adapter for this folder, no schema v1 files and no catalogue (mapping.json + spreadsheet): skipped`);
  }
  const previouslyPublished = new Set((await store.schemaExists(store.pub))
    ? (await db.query<{ source: string }>(`SELECT DISTINCT source FROM ${store.pub}.source_structures UNION SELECT DISTINCT source FROM ${store.pub}.source_services`)).map((r) => r.source)
    : []);
  const known = [...SOURCE_SLUGS, ...present.filter((x) => !SOURCE_SLUGS.includes(x) && readable(x)).sort()];
  const slugs = known.filter((s) => present.includes(s) || previouslyPublished.has(s));
  const sources: SourceData[] = [];
  const importer = opts.importer ?? importSource;
  for (const slug of slugs) {
    const dir = join(opts.from, slug);
    try {
      if (!present.includes(slug)) throw new Error(`no folder ${dir} this run`);
      const adapterFiles = getAdapter(slug)?.files.some((f) => existsSync(join(dir, f.name))) ?? false;
      const sheet = adapterFiles || opts.importer ? undefined : catalogueFile(dir);
      if (sheet) {
        const r = await runAdapter(catalogueAdapter({ file: sheet, as: slug, mapping: readMapping(join(dir, 'mapping.json')) }), dir, { today });
        const d = fromImport(r);
        sources.push(d);
        log(`import   ${slug}: catalogue ${sheet}: ${d.counts.raw} raw rows → ${d.counts.structures} structures, ${d.counts.services} services, ${d.counts.dropped} dropped by rule, ${d.counts.errors} errors`);
        continue;
      }
      if (!opts.importer && !adapterFiles && v1File(dir, 'structures')) {
        sources.push(...(await importV1(dir, today, log, slug)));
        continue;
      }
      const r = await importer(slug, dir);
      const d = fromImport(r);
      sources.push(d);
      log(`import   ${slug}: ${d.counts.raw} raw rows → ${d.counts.structures} structures, ${d.counts.services} services, ${d.counts.dropped} dropped by rule, ${d.counts.errors} errors`);
    } catch (err) {
      const last = await store.lastGoodRows(slug);
      const failure = (err as Error).message;
      const d: SourceData = {
        slug,
        structures: last.structures.map((record) => ({ record, valid: validate('structure', record, { today }).valid })),
        services: last.services.map((record) => ({ record, valid: validate('service', record, { today }).valid })),
        errors: [errorRow({ source: slug, id: '', resource: 'record', field: '', rule: 'import_failed', message: `import failed, last good rows kept (stale): ${failure}`, value: '' })],
        counts: { source: slug, raw: 0, structures: 0, services: 0, invalid: 0, dropped: 0, errors: 1, stale: true, failure },
      };
      d.counts.structures = d.structures.filter((x) => x.valid).length;
      d.counts.services = d.services.filter((x) => x.valid).length;
      sources.push(d);
      log(`import   ${slug}: FAILED (${failure}); keeping ${d.structures.length} structures and ${d.services.length} services from the last publication, flagged stale`);
    }
  }
  return sources;
}

/** A producer's spreadsheet with its `mapping.json` (the catalogue adapter), if the folder holds one. */
function catalogueFile(dir: string): string | undefined {
  if (!existsSync(join(dir, 'mapping.json'))) return undefined;
  const sheets = readdirSync(dir).filter((f) => /\.(csv|xlsx|tsv)$/i.test(f));
  return sheets.length === 1 ? join(dir, sheets[0]) : undefined;
}
