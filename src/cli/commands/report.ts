/**
 * `recoupe report --run DIR [--truth FILE | --labels FILE] [--input FILE… --config FILE] --out report.html [--json]`
 */
import type { Command } from '@commander-js/extra-typings';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../../error.js';

export const parseCount = (v: string, name: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} must be a non-negative integer, got ${v}`);
  return n;
};

export const parseShare = (v: string, name: string): number => {
  const p = Number(v);
  if (!(p > 0 && p <= 1)) throw new UsageError(`${name} must be in (0, 1], got ${v}`);
  return p;
};

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('one self-contained HTML report of a match run: weight histogram, precision/recall/F1 by threshold, model, blocking, clusters, pairs with waterfalls')
    .requiredOption('--run <dir>', 'folder written by recoupe match --out')
    .option('--out <file>', 'HTML file to write')
    .option('--truth <file>', 'id,entity_id CSV or pairs file (idA|idB)')
    .option('--labels <file>', 'labels.json (left, right, label), a reviewed CSV, or Splink labels')
    .option('--input <files...>', 'the records the run matched (for waterfalls, values and the duplicates report)')
    .option('--config <file>', 'the matching config of the run (with --input)')
    .option('--rows <n>', 'rows per pairs table', '100')
    .option('--min-precision <p>', 'mark the lowest threshold with at least this precision', '0.98')
    .option('--json', 'print the figures as JSON')
    .action(async (opts) => {
      if (!opts.out && !opts.json) throw new UsageError('give --out report.html, --json, or both');
      const { makeReport, renderHtml } = await import('../../report/index.js');
      const t0 = performance.now();
      const r = await makeReport({
        run: opts.run, truth: opts.truth, labels: opts.labels, input: opts.input, config: opts.config,
        rows: parseCount(opts.rows, '--rows'), minPrecision: parseShare(opts.minPrecision, '--min-precision'),
      });
      let bytes = 0;
      if (opts.out) {
        const html = renderHtml(r.figures);
        bytes = Buffer.byteLength(html);
        await mkdir(dirname(opts.out), { recursive: true });
        await writeFile(opts.out, html);
      }
      const seconds = (performance.now() - t0) / 1000;
      if (opts.json) return void console.log(JSON.stringify({ ...r.figures, labelProblems: r.problems, badPairRows: r.run.badPairRows.slice(0, 100), inputErrors: r.inputErrors }, null, 2));
      const e = r.figures.evaluation;
      console.log(`report of ${r.figures.run.records} records, ${r.figures.run.pairsInFile} pairs → ${opts.out} (${(bytes / 1e6).toFixed(2)} MB, ${seconds.toFixed(1)} s)`);
      if (e?.bestF1) console.log(`max F1 ${e.bestF1.f1.toFixed(3)} at threshold ${e.bestF1.probability.toPrecision(4)} (precision ${e.bestF1.precision.toFixed(3)}, recall ${e.bestF1.recall.toFixed(3)})`);
      for (const p of r.problems.slice(0, 10)) console.error(`warning: ${p.where}: ${p.message}`);
      if (r.problems.length) console.error(`${r.problems.length} unreadable label row(s) left out`);
      if (r.run.badPairRows.length) console.error(`warning: ${r.run.badPairRows.length} unreadable row(s) in pairs.csv left out (first: line ${r.run.badPairRows[0].line}: ${r.run.badPairRows[0].reason})`);
      if (r.inputErrors) console.error(`warning: ${r.inputErrors} unreadable input row(s)`);
    });
}
