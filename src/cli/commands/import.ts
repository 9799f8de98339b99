/**
 * `recoupe import`: producers' raw files → schema v1 `structures.jsonl`, `services.jsonl` and
 * `errors.csv` per source, with a summary of what was imported, dropped and rejected.
 */
import type { Command } from '@commander-js/extra-typings';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../error.js';
import type { ImportResult } from '../../../adapters/index.js';
import { SOURCE_SLUGS } from '../../../adapters/slugs.js';

/** Writes one source's three files under `<out>/<source>/`. */
export async function writeImport(result: ImportResult, out: string): Promise<string> {
  const { writeErrorsCsv, writeJsonl } = await import('../../io/index.js');
  const dir = join(out, result.source);
  await mkdir(dir, { recursive: true });
  await writeJsonl(join(dir, 'structures.jsonl'), result.structures);
  await writeJsonl(join(dir, 'services.jsonl'), result.services);
  await writeErrorsCsv(join(dir, 'errors.csv'), result.errors);
  return dir;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import producers\' raw files into schema v1 (structures.jsonl, services.jsonl, errors.csv per source)')
    .option('--source <slug>', `one producer: ${SOURCE_SLUGS.join(', ')}, or "catalogue"`)
    .option('--all', 'every <from>/<slug>/ folder present')
    .requiredOption('--from <path>', 'the source folder (or, with --all, the folder of source folders; with catalogue, the .csv/.xlsx file)')
    .requiredOption('--out <dir>', 'output folder; each source writes <out>/<slug>/')
    .option('--mapping <file>', 'catalogue: JSON mapping of the spreadsheet headers to schema v1 fields')
    .option('--as <slug>', 'catalogue: the source slug to publish the records under')
    .option('--today <date>', 'the latest accepted date_maj (YYYY-MM-DD), default today')
    .addHelpText('after', `
Examples:
  recoupe import --source dora --from fixtures/sources/dora --out /tmp/out
  recoupe import --all --from fixtures/sources --out /tmp/out
  recoupe import --source catalogue --from fixtures/valideur/dataset.xlsx --as valideur --out /tmp/out
  recoupe import --source catalogue --from fixtures/sources/catalogue/lieux.csv --mapping fixtures/sources/catalogue/mapping.json --as ville-de-rennes --out /tmp/out`)
    .action(async (o) => {
      if (o.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.today)) throw new UsageError(`--today must be YYYY-MM-DD, got "${o.today}"`);
      const opts = o.today ? { today: o.today } : {};
      if (!o.all && !o.source) throw new UsageError('give --source <slug> or --all');
      if (o.all && o.source) throw new UsageError('--source and --all cannot be used together');
      if (!existsSync(o.from)) throw new UsageError(`--from ${o.from} does not exist`);
      const { catalogueAdapter, getAdapter, importAll, readMapping, runAdapter } = await import('../../../adapters/index.js');
      const { formatSummary } = await import('../../../adapters/summary.js');
      let results: ImportResult[];
      if (o.all) results = await importAll(o.from, opts);
      else if (o.source === 'catalogue') {
        if (!o.as) throw new UsageError('catalogue needs --as <slug>, the source the records are published under');
        const adapter = catalogueAdapter({ file: o.from, as: o.as, ...(o.mapping ? { mapping: readMapping(o.mapping) } : {}) });
        results = [await runAdapter(adapter, o.from, opts)];
      } else {
        const adapter = getAdapter(o.source!);
        if (!adapter) throw new UsageError(`unknown source "${o.source}" (known: ${SOURCE_SLUGS.join(', ')}, catalogue)`);
        if (o.mapping || o.as) throw new UsageError('--mapping and --as only apply to --source catalogue');
        results = [await runAdapter(adapter, o.from, opts)];
      }
      if (results.length === 0) throw new UsageError(`no source folder found in ${o.from} (expected some of: ${SOURCE_SLUGS.join(', ')})`);
      for (const r of results) {
        const dir = await writeImport(r, o.out);
        console.log(formatSummary(r));
        console.log(`  → ${dir}/`);
      }
      const totals = results.reduce((t, r) => ({ s: t.s + r.structures.length, v: t.v + r.services.length, e: t.e + r.rejected }), { s: 0, v: 0, e: 0 });
      if (results.length > 1) console.log(`total: ${results.length} sources → ${totals.s} structures, ${totals.v} services, ${totals.e} raw rows rejected`);
    });
}
