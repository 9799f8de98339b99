/**
 * `recoupe consolidate [--from DIR] [--database-url URL] [--out DIR] [--config FILE] [--threads N]`
 */
import type { Command } from '@commander-js/extra-typings';
import { Option } from '@commander-js/extra-typings';
import type { ConsolidateReport } from '../../pipeline/consolidate.js';
import { FORMATS, type ExportFormat } from '../../export/formats.js';
import { UsageError } from '../../error.js';

export function registerConsolidate(program: Command): void {
  program
    .command('consolidate')
    .description('import every source, validate, match, consolidate, publish atomically and export')
    .option('--from <dir>', 'folder holding one folder per source slug', 'fixtures/sources')
    .option('--database-url <url>', 'PostgreSQL URL (default: $DATABASE_URL, else the embedded PGlite in ./.recoupe/)')
    .option('--data-dir <dir>', 'PGlite folder when no database URL', '.recoupe/pglite')
    .option('--out <dir>', 'exports folder', 'out')
    .option('--formats <list>', `export formats, comma-separated (${FORMATS.join(',')})`, FORMATS.join(','))
    .option('--config <file>', 'JSON with "matching", "consolidation" and/or "threshold"')
    .addOption(new Option('--threads <n>', 'matching worker threads (default: the available cores)').argParser((v) => Number.parseInt(v, 10)))
    .option('--json', 'print the closing summary as JSON')
    .action(async (opts) => {
      const formats = opts.formats.split(',').map((f) => f.trim()).filter(Boolean);
      const bad = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
      if (bad.length) throw new UsageError(`--formats: unknown ${bad.join(', ')} (expected ${FORMATS.join(', ')})`);
      const { readPipelineConfig, runConsolidation } = await import('../../pipeline/consolidate.js');
      const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL;
      const started = Date.now();
      const report = await runConsolidation({
        from: opts.from,
        ...(databaseUrl ? { databaseUrl } : { dataDir: opts.dataDir }),
        out: opts.out,
        formats: formats as ExportFormat[],
        ...(opts.config ? { config: readPipelineConfig(opts.config) } : {}),
        ...(opts.threads ? { threads: opts.threads } : {}),
        log: opts.json ? undefined : (line) => console.log(line),
      });
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else printReport(report, (Date.now() - started) / 1000);
    });
}

function printReport(r: ConsolidateReport, seconds: number): void {
  console.log('');
  console.log(`run ${r.runId}: consolidation published in ${seconds.toFixed(1)} s to ${r.store}`);
  console.log('per source:');
  for (const s of r.sources) {
    console.log(`  ${s.source.padEnd(24)} ${String(s.raw).padStart(6)} raw  ${String(s.structures).padStart(6)} structures  ${String(s.services).padStart(6)} services  ${String(s.dropped).padStart(5)} dropped  ${String(s.errors).padStart(5)} errors${s.stale ? '  STALE' : ''}`);
  }
  const sizes = Object.entries(r.histogram).sort((a, b) => Number(a[0]) - Number(b[0])).map(([k, v]) => `${v}×${k}`).join(', ');
  console.log(`clusters: ${r.structuresIn} source structures → ${r.consolidatedStructures} consolidated structures (${r.multiRecordClusters} merging several records; sizes ${sizes})`);
  console.log(`services: ${r.consolidatedServices} consolidated services; id changes this run: ${r.idChanges}`);
  if (r.staleSources.length) console.log(`stale sources (last good rows kept): ${r.staleSources.join(', ')}`);
  if (r.exports.length) {
    const dir = r.exports[0].replace(/\/[^/]+$/, '');
    console.log(`exports: ${r.exports.length} files in ${dir}/ (${[...new Set(r.exports.map((f) => f.split('.').pop()))].join(', ')})`);
  }
}
