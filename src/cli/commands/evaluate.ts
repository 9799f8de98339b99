/**
 * `recoupe evaluate --clusters clusters.csv --truth FILE [--truth-format F] [--truth-pattern RE] [--examples N] [--json]`
 */
import type { Command } from '@commander-js/extra-typings';
import { Option } from '@commander-js/extra-typings';
import type { Truth } from '../../evaluation/index.js';
import { UsageError } from '../../error.js';

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description('pairwise precision, recall and F1 of clusters against a truth, with false positives and negatives')
    .requiredOption('--clusters <file>', 'clusters.csv (id,cluster_id) written by recoupe match')
    .option('--truth <file>', 'id,entity_id CSV, a pairs file (idA|idB) or labels.json')
    .addOption(new Option('--truth-format <format>', 'truth format (default: guessed)').choices(['entities', 'pairs', 'labels'] as const))
    .option('--truth-pattern <regex>', 'derive the entity from each id: first capture group (e.g. "^rec-(\\d+)" for Febrl)')
    .option('--examples <n>', 'false positives / negatives to list', '10')
    .option('--json', 'print JSON')
    .action(async (opts) => {
      const { readClusters, readTruth, truthFromIds, evaluatePairwise } = await import('../../evaluation/index.js');
      const clusterOf = readClusters(opts.clusters);
      let truth: Truth;
      if (opts.truthPattern) {
        let re: RegExp;
        try {
          re = new RegExp(opts.truthPattern);
        } catch (err) {
          throw new UsageError(`--truth-pattern is not a valid regular expression: ${(err as Error).message}`);
        }
        truth = truthFromIds(clusterOf.keys(), re);
      } else if (opts.truth) truth = readTruth(opts.truth, opts.truthFormat);
      else throw new UsageError('give --truth FILE or --truth-pattern REGEX');
      const n = Number(opts.examples);
      const e = evaluatePairwise(clusterOf, truth, Number.isInteger(n) && n >= 0 ? n : 10);
      if (opts.json) return void console.log(JSON.stringify(e, null, 2));
      console.log(`records ${e.records}; true pairs ${e.truePairs}, predicted pairs ${e.predictedPairs}`);
      console.log(`TP ${e.truePositives}  FP ${e.falsePositives}  FN ${e.falseNegatives}`);
      console.log(`precision ${e.precision.toFixed(4)}  recall ${e.recall.toFixed(4)}  F1 ${e.f1.toFixed(4)}`);
      if (e.unknownIds) console.log(`(${e.unknownIds} truth ids not in the clusters file)`);
      if (e.falsePositiveExamples.length) console.log('false positives:\n' + e.falsePositiveExamples.map(([a, b]) => `  ${a}  ${b}`).join('\n'));
      if (e.falseNegativeExamples.length) console.log('false negatives:\n' + e.falseNegativeExamples.map(([a, b]) => `  ${a}  ${b}`).join('\n'));
    });
}
