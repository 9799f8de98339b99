/**
 * `recoupe explain <idA> <idB> --input FILE… [--config FILE] [--model FILE | --self-calibrate] [--json]`
 */
import type { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../error.js';
import { parseThreads } from './match.js';

/** Where the run puts the two records, and why when a match is left apart or a non-match joined. */
export function clusterLine(c: { together: boolean; sizes: [number, number]; meanBetween: number | null; minAverage: number; maxSize: number }, decision: 'match' | 'distinct'): string {
  if (c.together) return `clustered together (one cluster of ${c.sizes[0]} records)${decision === 'distinct' ? ', joined through other records' : ''}`;
  const apart = `not clustered together: their clusters hold ${c.sizes[0]} and ${c.sizes[1]} record(s)`;
  if (decision === 'distinct') return apart;
  const mean = c.meanBetween ?? 0;
  if (c.minAverage > 0 && mean < c.minAverage) {
    return `${apart}; the mean probability over the ${c.sizes[0] * c.sizes[1]} pairs between them is ${mean.toFixed(3)}, below cluster.minAverage ${c.minAverage} (average linkage: pairs never scored count 0)`;
  }
  if (c.sizes[0] + c.sizes[1] > c.maxSize) return `${apart}; together they would exceed cluster.maxSize ${c.maxSize}`;
  return `${apart}; when this pair's turn came (strongest pairs first), the groups then holding them were refused: their mean below cluster.minAverage ${c.minAverage}, or their size above cluster.maxSize ${c.maxSize}`;
}

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('the match-weight waterfall of one pair: prior, each comparison level, term-frequency adjustments, total')
    .argument('<idA>', 'first record id')
    .argument('<idB>', 'second record id')
    .requiredOption('--input <files...>', 'input files holding both records')
    .option('--config <file>', 'matching config (JSON)')
    .option('--model <file>', 'a trained model.json (default: estimated from the inputs)')
    .option('--self-calibrate', 'as recoupe match --self-calibrate: the estimated model calibrated on its own clusters')
    .option('--no-self-calibrate', 'the estimated model as EM gives it, not calibrated on its own clusters (the built-in config self-calibrates)')
    .option('--link', 'link across inputs only')
    .option('--threads <n>', 'worker threads')
    .option('--json', 'print JSON')
    .action(async (idA, idB, opts) => {
      if (opts.selfCalibrate === true && opts.model) throw new UsageError('--self-calibrate calibrates the model estimated from the inputs: not with --model');
      const { explainPair, loadConfig } = await import('../../../matching/index.js');
      const { readInputs } = await import('../../../matching/inputs.js');
      const config = loadConfig(opts.config);
      if (opts.selfCalibrate !== undefined) config.training.selfCalibrate = opts.selfCalibrate;
      const read = await readInputs(opts.input);
      const e = await explainPair(read.records, idA, idB, {
        config, model: opts.model, threads: parseThreads(opts.threads), link: opts.link ? read.input : undefined,
      });
      if (opts.json) return void console.log(JSON.stringify(e, null, 2));
      const fmt = (w: number) => (w >= 0 ? '+' : '') + w.toFixed(2);
      console.log(`${e.left.id}  ×  ${e.right.id}   (blocked by: ${e.blockedBy ?? 'no rule'})`);
      console.log(`  ${'prior'.padEnd(16)} ${''.padEnd(28)} ${fmt(e.prior).padStart(8)}`);
      let run = e.prior;
      for (const c of e.comparisons) {
        run += c.weight + c.tfAdjustment;
        const field = config.comparisons.find((x) => x.name === c.name)?.field ?? c.name;
        const tf = c.tfAdjustment ? ` (tf ${fmt(c.tfAdjustment)})` : '';
        console.log(`  ${c.name.padEnd(16)} ${c.label.padEnd(28)} ${fmt(c.weight + c.tfAdjustment).padStart(8)}${tf}   running ${fmt(run)}   [${e.left.values[field] ?? ''} | ${e.right.values[field] ?? ''}]`);
      }
      if (e.calibration.length) {
        console.log(`  Fellegi–Sunter weight ${fmt(run)}; calibrated on ${e.calibratedOn === 'clusters' ? 'its own clusters' : 'labels'} (bits):`);
        const width = Math.max(28, ...e.calibration.map((t) => t.detail.length));
        for (const t of e.calibration) {
          run += t.value;
          const name = t.name.replace(/^calibration /, '');
          console.log(`    ${name.padEnd(17)} ${t.detail.padEnd(width)} ${fmt(t.value).padStart(8)}   running ${fmt(run)}`);
        }
      }
      if (e.vetoedBy.length) console.log(`  veto: ${e.vetoedBy.join(', ')} at "else" — weight capped at ${fmt(e.weight)}`);
      console.log(`  total weight ${fmt(e.weight)} → probability ${e.probability.toPrecision(4)} (threshold ${e.threshold}): ${e.decision}`);
      console.log(`  ${clusterLine(e.cluster, e.decision)}`);
    });
}
