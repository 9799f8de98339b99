/**
 * End-to-end consolidation benchmark on the synthetic corpus: import (schema v1) → validate → match →
 * consolidate → publish → export, with seconds and memory per stage.
 *
 *   node dist/bench/consolidate.js --smoke                        2,000 entities, embedded PGlite in memory
 *   node dist/bench/consolidate.js --entities 1000000 --db pglite --data-dir /tmp/pgl-bench
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node dist/bench/consolidate.js --entities 1000000 --db postgres
 *   node dist/bench/consolidate.js --input /tmp/corpus --db pglite  (an existing generated corpus)
 *   … --formats csv,parquet (the exports to write; `none` for consolidate + publish only)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from '../src/generate/corpus.js';
import { runConsolidation } from '../src/pipeline/consolidate.js';
import type { ExportFormat } from '../src/export/index.js';
import { args, peakRssMb, report } from './harness.js';

const a = args();
const smoke = a.smoke === 'true';
const entities = Number(a.entities ?? (smoke ? 2000 : 100000));
const seed = a.seed ?? '1';
const dbKind = a.db ?? 'pglite';
if (!['pglite', 'postgres'].includes(dbKind)) throw new Error('--db must be pglite or postgres');
const databaseUrl = dbKind === 'postgres' ? a['database-url'] ?? process.env.DATABASE_URL : undefined;
if (dbKind === 'postgres' && !databaseUrl) throw new Error('--db postgres needs DATABASE_URL or --database-url');

let input = a.input;
let generated = 0;
const scratch = mkdtempSync(join(tmpdir(), 'recoupe-bench-'));
if (!input) {
  input = join(scratch, 'corpus');
  const t0 = Date.now();
  const g = await generateCorpus({ entities, seed, out: input });
  generated = (Date.now() - t0) / 1000;
  console.log(`generated ${g.structures} structures and ${g.services} services from ${entities} entities in ${generated.toFixed(1)} s`);
}
const out = join(scratch, 'out');
const t0 = Date.now();
const r = await runConsolidation({
  from: input,
  ...(databaseUrl ? { databaseUrl } : { dataDir: a['data-dir'] ?? 'memory://' }),
  ns: a.ns ?? 'bench',
  ...(a.formats === 'none' ? {} : { out }),
  formats: (a.formats && a.formats !== 'none' ? a.formats.split(',') : smoke ? ['csv', 'parquet'] : undefined) as ExportFormat[] | undefined,
  ...(a.threads ? { threads: Number(a.threads) } : {}),
  log: (l) => console.log(l),
});
const seconds = (Date.now() - t0) / 1000;
if (!a.keep) rmSync(scratch, { recursive: true, force: true });

const figures: Record<string, number | string> = {
  db: dbKind,
  entities: a.input ? 'given' : entities,
  structures_in: r.structuresIn,
  consolidated_structures: r.consolidatedStructures,
  consolidated_services: r.consolidatedServices,
  seconds_total: Math.round(seconds * 100) / 100,
  peak_rss_mb: peakRssMb(),
};
for (const [stage, s] of Object.entries(r.timings)) figures[`seconds_${stage}`] = Math.round(s * 100) / 100;
for (const [stage, m] of Object.entries(r.memory)) figures[`peak_rss_mb_after_${stage}`] = m.peak_rss_mb;
report('consolidate', figures);
