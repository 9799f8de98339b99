/**
 * `recoupe tune --labels labels.json --run DIR [--min-precision 0.98] [--json]`
 */
import type { Command } from '@commander-js/extra-typings';
import type { SweepPoint } from '../../report/index.js';
import { parseShare } from './report.js';
import { UsageError } from '../../error.js';

const show = (p: SweepPoint | null) => p
  ? `threshold ${p.probability.toPrecision(6)} (weight ${p.weight.toFixed(3)}): precision ${p.precision.toFixed(3)}, recall ${p.recall.toFixed(3)}, F1 ${p.f1.toFixed(3)} (TP ${p.tp}, FP ${p.fp}, FN ${p.fn})`
  : 'none';

export function registerTune(program: Command): void {
  program
    .command('tune')
    .description('recommend a threshold from labelled pairs (or a truth): the one maximising F1, and the lowest keeping precision ≥ --min-precision')
    .requiredOption('--run <dir>', 'folder written by recoupe match --out')
    .option('--labels <file>', 'labels.json (unsure counts as distinct), a reviewed CSV, or Splink labels')
    .option('--truth <file>', 'or an id,entity_id CSV / pairs file')
    .option('--min-precision <p>', 'precision to keep', '0.98')
    .option('--objective <o>', 'which threshold to recommend: f1 or precision', 'f1')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      if (!opts.labels && !opts.truth) throw new UsageError('give --labels FILE (or --truth FILE)');
      if (opts.objective !== 'f1' && opts.objective !== 'precision') throw new UsageError(`--objective must be f1 or precision, got ${opts.objective}`);
      const minPrecision = parseShare(opts.minPrecision, '--min-precision');
      const { loadRun, loadJudgement, judgePairs, sweep, scoresAt } = await import('../../report/index.js');
      const run = await loadRun(opts.run);
      const j = await loadJudgement({ labels: opts.labels, truth: opts.truth });
      const judged = judgePairs(run, j.truth!);
      if (!judged.weight.length) throw new UsageError(`none of the labelled pairs names two records of the run ${opts.run}`);
      const s = sweep(judged, minPrecision);
      const current = scoresAt(judged, run.thresholdWeight);
      const recommended = opts.objective === 'precision' ? s.precisionAtLeast : s.bestF1;
      const out = {
        run: opts.run, judged: judged.weight.length, positives: judged.positives, unknown: judged.unknown,
        scored: judged.pair.reduce((n, k) => n + (k >= 0 ? 1 : 0), 0), objective: opts.objective, minPrecision,
        current: { threshold: run.threshold, ...current }, recommended, bestF1: s.bestF1, precisionAtLeast: s.precisionAtLeast,
        labelProblems: j.problems,
      };
      if (opts.json) return void console.log(JSON.stringify(out, null, 2));
      console.log(`${out.judged} labelled pairs in the run (${out.positives} matches, ${out.scored} scored), ${out.unknown} naming records absent from it`);
      console.log(`current      ${show({ ...current, probability: run.threshold })}`);
      console.log(`max F1       ${show(s.bestF1)}`);
      console.log(`precision ≥ ${minPrecision} ${show(s.precisionAtLeast)}`);
      if (recommended) console.log(`recommended: --threshold ${recommended.probability.toPrecision(6)}`);
      else console.log(`no threshold reaches the objective (${opts.objective === 'precision' ? `precision ≥ ${minPrecision}` : 'F1'}) on these labels`);
      for (const p of j.problems.slice(0, 10)) console.error(`warning: ${p.where}: ${p.message}`);
    });
}
