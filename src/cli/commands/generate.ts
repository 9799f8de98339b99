/**
 * `recoupe generate --entities N --seed S --out DIR [--as-of DATE] [--defect-rate R] [--shuffle-window W] [--check] [--json]`
 */
import type { Command } from '@commander-js/extra-typings';
import { Option } from '@commander-js/extra-typings';
import type { GenerateSummary } from '../../generate/index.js';
import { UsageError } from '../../error.js';

const int = (name: string, min: number) => (v: string) => {
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be an integer ≥ ${min}, got "${v}"`);
  return n;
};

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write a seeded synthetic corpus of schema v1 structures and services with its ground truth (truth.csv)')
    .addOption(new Option('--entities <n>', 'number of real-world structures').argParser(int('--entities', 1)).makeOptionMandatory())
    .option('--seed <seed>', 'seed: the same seed gives byte-identical files', '1')
    .requiredOption('--out <dir>', 'output folder')
    .option('--as-of <date>', 'reference day: no date_maj is later (YYYY-MM-DD; fixed default keeps files identical from day to day)')
    .addOption(new Option('--defect-rate <r>', 'share of records with one deliberate schema defect').default('0.01'))
    .addOption(new Option('--shuffle-window <n>', 'records shuffled within windows of this size (0: generation order)').argParser(int('--shuffle-window', 0)))
    .option('--check', 'measure the written corpus against the calibration targets (cluster sizes, fill rates, source pairs)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts) => {
      const defectRate = Number(opts.defectRate);
      if (!(defectRate >= 0 && defectRate <= 1)) throw new UsageError(`--defect-rate must be between 0 and 1, got "${opts.defectRate}"`);
      if (opts.asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf) || Number.isNaN(Date.parse(opts.asOf)))) {
        throw new UsageError(`--as-of must be a date YYYY-MM-DD, got "${opts.asOf}"`);
      }
      const { compareToTargets, generateCorpus, measureCorpus } = await import('../../generate/index.js');
      const started = process.hrtime.bigint();
      const progress = !opts.json && process.stderr.isTTY;
      const summary = await generateCorpus({
        entities: opts.entities,
        seed: opts.seed,
        out: opts.out,
        defectRate,
        ...(opts.asOf ? { asOf: opts.asOf } : {}),
        ...(opts.shuffleWindow !== undefined ? { shuffleWindow: opts.shuffleWindow } : {}),
        ...(progress ? { onProgress: (n: number) => process.stderr.write(`\r${n} entities…`), progressEvery: 50000 } : {}),
      });
      if (progress) process.stderr.write('\r');
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const checks = opts.check ? compareToTargets(await measureCorpus(opts.out)) : undefined;
      if (opts.json) {
        console.log(JSON.stringify({ ...summary, seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024, ...(checks ? { checks } : {}) }, null, 2));
        return;
      }
      printSummary(summary, seconds, opts.out);
      if (checks) {
        console.log('calibration (target → measured, tolerance):');
        for (const c of checks) {
          console.log(`  ${c.ok ? 'ok  ' : 'OFF '} ${c.metric.padEnd(58)} ${c.target.toFixed(4)} → ${c.measured.toFixed(4)}  ±${c.tolerance.toFixed(4)}`);
        }
        const off = checks.filter((c) => !c.ok).length;
        console.log(off ? `${off} figure(s) outside tolerance` : 'all figures within tolerance');
      }
    });
}

function printSummary(s: GenerateSummary, seconds: number, out: string): void {
  const records = s.structures + s.services;
  console.log(`generated ${s.entities} entities (seed ${s.seed}): ${s.structures} structures, ${s.services} services in ${seconds.toFixed(1)} s (${Math.round(records / seconds)} records/s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB)`);
  for (const [src, c] of Object.entries(s.bySource)) {
    if (c.structures) console.log(`  ${src.padEnd(24)} ${String(c.structures).padStart(8)} structures ${String(c.services).padStart(8)} services`);
  }
  console.log(`files in ${out}: ${Object.values(s.files).join(', ')}`);
}
