/**
 * `recoupe review --run DIR --input FILE… [--config FILE] --out review.csv [--n 200] [--strategy nearest|uncertain|random] [--seed S] [--skip-labelled labels.json] [--json]`
 */
import type { Command } from '@commander-js/extra-typings';
import { Option } from '@commander-js/extra-typings';
import { STRATEGIES } from '../../review/strategies.js';
import { parseCount } from './report.js';

export function registerReview(program: Command): void {
  program
    .command('review')
    .description('export pairs for clerical review: both records side by side and an empty label column (match | distinct | unsure)')
    .requiredOption('--run <dir>', 'folder written by recoupe match --out')
    .requiredOption('--input <files...>', 'the records the run matched (the same files as recoupe match)')
    .requiredOption('--out <file>', 'review CSV to write')
    .option('--config <file>', 'the matching config of the run (names the id column)')
    .option('--n <n>', 'pairs to export', '200')
    .addOption(new Option('--strategy <s>', 'nearest the threshold, most uncertain (p ≈ 0.5), or random').choices(STRATEGIES).default('nearest' as const))
    .option('--seed <s>', 'seed of the random strategy', '42')
    .option('--skip-labelled <file>', 'leave out pairs already in this labels file')
    .option('--json', 'print a JSON summary')
    .action(async (opts) => {
      const { loadConfig, prepare } = await import('../../../matching/index.js');
      const { readInputs } = await import('../../../matching/inputs.js');
      const { loadRun } = await import('../../report/index.js');
      const { selectPairs, writeReview, readLabels, pairKey } = await import('../../review/index.js');
      const run = await loadRun(opts.run);
      const config = loadConfig(opts.config);
      const read = await readInputs(opts.input);
      const ids = prepare(read.records, { ...config, fields: {} }).ids;
      const recordIndex = new Map<string, number>();
      ids.forEach((id, i) => { if (!recordIndex.has(id)) recordIndex.set(id, i); });
      let skip: ((i: number, j: number) => boolean) | undefined;
      let skipped = 0;
      if (opts.skipLabelled) {
        const known = new Set((await readLabels(opts.skipLabelled)).labels.map((l) => pairKey(l.left, l.right)));
        skip = (i, j) => { const s = known.has(pairKey(run.ids[i], run.ids[j])); if (s) skipped++; return s; };
      }
      const chosen = selectPairs(run, opts.strategy, parseCount(opts.n, '--n'), { seed: parseCount(opts.seed, '--seed'), skip });
      const w = await writeReview(opts.out, run, chosen, read.records, recordIndex);
      const out = { out: opts.out, strategy: opts.strategy, pairs: w.rows, alreadyLabelled: skipped, recordsNotFound: w.missingRecords, inputErrors: read.errors.length, columns: w.columns };
      if (opts.json) return void console.log(JSON.stringify(out, null, 2));
      console.log(`${w.rows} pairs (${opts.strategy}) → ${opts.out}; fill the label column with match, distinct or unsure, then: recoupe labels import ${opts.out} --into labels.json`);
      if (skipped) console.log(`${skipped} pair(s) already labelled left out`);
      if (w.missingRecords) console.error(`warning: ${w.missingRecords} record id(s) of these pairs are not in the --input files (their columns are empty)`);
      if (read.errors.length) console.error(`warning: ${read.errors.length} unreadable input row(s)`);
    });
}
