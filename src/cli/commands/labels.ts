/**
 * `recoupe labels import review.csv --into labels.json [--json]`
 */
import type { Command } from '@commander-js/extra-typings';

export function registerLabels(program: Command): void {
  const labels = program.command('labels').description('labelled pairs in data·inclusion\'s labels.json format');
  labels
    .command('import')
    .description('merge a reviewed CSV (recoupe review) or Splink labels into labels.json: pairs deduplicated regardless of order, the latest decision kept')
    .argument('<file>', 'reviewed CSV (left_id, right_id, label) or Splink labels (unique_id_l, unique_id_r, clerical_match_score)')
    .requiredOption('--into <labels.json>', 'labels file to create or update')
    .option('--json', 'print JSON')
    .action(async (file, opts) => {
      const { importLabels } = await import('../../review/index.js');
      const r = await importLabels(file, opts.into);
      const out = { into: opts.into, format: r.format, before: r.before, imported: r.imported, added: r.added, changed: r.changed, unchanged: r.unchanged, after: r.labels.length, unlabelled: r.unlabelled, problems: r.problems };
      if (opts.json) return void console.log(JSON.stringify(out, null, 2));
      console.log(`${r.imported} decision(s) read from ${file} (${r.format}): ${r.added} new pair(s), ${r.changed} changed, ${r.unchanged} unchanged → ${opts.into} holds ${r.labels.length} pair(s)`);
      if (r.unlabelled) console.log(`${r.unlabelled} row(s) without a label skipped`);
      for (const p of r.problems.slice(0, 20)) console.error(`warning: ${p.where}: ${p.message}`);
      if (r.problems.length) {
        console.error(`${r.problems.length} row(s) could not be read and were not imported`);
        process.exitCode = 1;
      }
    });
}
