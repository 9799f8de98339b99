/**
 * `recoupe validate <files…> [--out DIR] [--kind structure|service] [--json]`
 */
import type { Command } from '@commander-js/extra-typings';
import { Option } from '@commander-js/extra-typings';
import { join } from 'node:path';
import type { ValidationSummary } from '../../pipeline/validate-files.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('validate schema v1 structure/service files (JSONL, JSON, CSV): summary + errors.csv')
    .argument('<files...>', 'files to validate')
    .option('--out <dir>', 'folder for errors.csv', 'out/validate')
    .addOption(new Option('--kind <kind>', 'treat every row as this kind (default: rows with structure_id are services)').choices(['structure', 'service'] as const))
    .option('--json', 'print the summary as JSON')
    .action(async (files, opts) => {
      const { CsvWriter } = await import('../../io/write.js');
      const { ERROR_COLUMNS } = await import('../../model/errors.js');
      const { validateFiles } = await import('../../pipeline/validate-files.js');
      const errorsPath = join(opts.out, 'errors.csv');
      const writer = await CsvWriter.open(errorsPath, ERROR_COLUMNS);
      const summary = await validateFiles(files, {
        ...(opts.kind ? { kind: opts.kind } : {}),
        onError: (e) => writer.write(e as unknown as Record<string, unknown>),
      });
      await writer.close();
      if (opts.json) console.log(JSON.stringify({ ...summary, errorsFile: errorsPath }, null, 2));
      else printSummary(summary, errorsPath);
      const failed = summary.files.filter((f) => f.failed);
      for (const f of failed) console.error(`recoupe validate: ${f.failed}`);
      if (failed.length) process.exitCode = 1;
    });
}

function printSummary(s: ValidationSummary, errorsPath: string): void {
  for (const f of s.files) {
    if (f.failed) continue;
    console.log(`${f.file}: ${f.rows} rows (${f.structures} structures, ${f.services} services), ${f.valid} valid, ${f.invalid} invalid, ${f.unreadable} unreadable`);
  }
  console.log(`total: ${s.rows} rows, ${s.valid} valid, ${s.invalid} invalid, ${s.unreadable} unreadable; ${s.errors} errors, ${s.warnings} warnings`);
  const table = (title: string, t: Record<string, number>) => {
    const entries = Object.entries(t).sort((a, b) => b[1] - a[1]);
    if (!entries.length) return;
    console.log(title);
    for (const [k, n] of entries) {
      const [rule, field] = k.split('|');
      console.log(`  ${String(n).padStart(7)}  ${rule.padEnd(24)} ${field || '(row)'}`);
    }
  };
  table('errors by rule and field:', s.errorsByRule);
  table('warnings by rule and field:', s.warningsByRule);
  console.log(`error rows written to ${errorsPath}`);
}
