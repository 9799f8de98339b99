/**
 * `recoupe train <inputs…> --out model.json [--config FILE] [--link] [--labels FILE]`
 */
import type { Command } from '@commander-js/extra-typings';
import { writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { MatchConfig, Model, TrainOptions } from '../../../matching/index.js';
import { UsageError } from '../../error.js';
import { parseThreads, progressReporter } from './match.js';

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('estimate a Fellegi–Sunter model (u from random pairs, m by EM, λ from deterministic rules), optionally calibrated on labelled pairs, and save it as JSON')
    .argument('<inputs...>', 'input files')
    .requiredOption('--out <file>', 'model.json to write')
    .option('--config <file>', 'matching config (JSON); default: the data·inclusion structure model')
    .option('--link', 'link across inputs only')
    .option('--labels <file>', 'supervised m from known matches (labels.json, pairs file or id,entity_id CSV)')
    .option('--calibrate <file>', "calibrate the model on labelled pairs by logistic regression, with the config's training.interactions (id,entity_id CSV such as the generator's truth.csv, or labels.json with match and distinct pairs)")
    .option('--self-calibrate', "calibrate the model on its own clusters (no labels: every candidate pair labelled by whether the estimated model puts both records in one cluster; the config's training.selfCalibrate, on in the built-in config)")
    .option('--no-self-calibrate', 'the estimated model as EM gives it, not calibrated on its own clusters (the built-in config self-calibrates)')
    .option('--threads <n>', 'worker threads (default: available cores)')
    .action(async (inputs, opts) => {
      const threads = parseThreads(opts.threads);
      // as `recoupe match`: one set of worker threads for every stage, started first (they load
      // their modules while this thread loads its own), JSON Lines read and normalised on them when it pays
      const { EnginePool } = await import('../../../matching/engine-pool.js');
      const pool = threads > 1 ? EnginePool.open(threads) : undefined;
      let model: Model, records: number, config: MatchConfig;
      try {
        const { trainModel, trainPrepared, loadConfig } = await import('../../../matching/index.js');
        const { readPreparedPooled } = await import('../../../matching/read-pool.js');
        const { readInputs } = await import('../../../matching/inputs.js');
        const { readTruth } = await import('../../evaluation/index.js');
        config = loadConfig(opts.config);
        if (opts.selfCalibrate === true && opts.calibrate) throw new UsageError('--self-calibrate or --calibrate FILE: one calibration, not both');
        if (opts.selfCalibrate !== undefined) config.training.selfCalibrate = opts.selfCalibrate;
        if (opts.link && inputs.length < 2) throw new UsageError('--link needs at least two inputs');
        const fused = await readPreparedPooled(inputs, { config, threads, link: !!opts.link, pool });
        const read = fused ?? (await readInputs(inputs));
        let labels: [string, string][] | undefined;
        if (opts.labels) {
          const truth = readTruth(opts.labels);
          if (truth.kind === 'labels') labels = truth.matches;
          else {
            const groups = new Map<string, string[]>();
            for (const [id, e] of truth.entityOf) (groups.get(e) ?? groups.set(e, []).get(e)!).push(id);
            labels = [];
            for (const g of groups.values()) for (let a = 1; a < g.length; a++) labels.push([g[0], g[a]]);
          }
        }
        let calibrate: TrainOptions['calibrate'];
        if (opts.calibrate) {
          const truth = readTruth(opts.calibrate);
          calibrate = truth.kind === 'labels' ? { matches: truth.matches, distinct: truth.distinct } : { entityOf: truth.entityOf };
        }
        const options: TrainOptions = {
          config, labels, calibrate, threads, link: opts.link ? read.input : undefined, onProgress: progressReporter('compare'), pool,
        };
        model = fused
          ? await trainPrepared(fused.prepared, options)
          : await trainModel((read as Awaited<ReturnType<typeof readInputs>>).records, options);
        records = fused ? fused.prepared.columns.n : (read as Awaited<ReturnType<typeof readInputs>>).records.length;
      } finally {
        await pool?.close();
      }
      await mkdir(dirname(opts.out), { recursive: true });
      await writeFile(opts.out, JSON.stringify(model, null, 2) + '\n');
      console.log(`model (${model.training?.method}) from ${records} records, λ = ${model.lambda.toExponential(3)} → ${opts.out}`);
      for (const c of model.comparisons)
        console.log(`  ${c.name.padEnd(16)} ${c.levels.slice(1).map((l) => `${l.label}: ${Math.log2(l.m / l.u).toFixed(2)}`).join(' | ')}`);
      const cal = model.calibration;
      if (cal) {
        const on = cal.labelled === 'clusters'
          ? `its own clusters at threshold ${config.threshold}${cal.rounds && cal.rounds.count > 1 ? ` (${cal.rounds.count} rounds; after the first, clusters cut at ${cal.rounds.cut})` : ''}: ${cal.pairs} candidate pairs (${cal.matches} within a cluster)`
          : `${cal.pairs} labelled candidate pairs (${cal.matches} matches)`;
        console.log(`calibrated on ${on}, ${cal.iterations} Newton iteration${cal.iterations === 1 ? '' : 's'}${cal.converged ? '' : ' (not converged)'}: weight = ${cal.scale.toFixed(3)} × Fellegi–Sunter ${cal.intercept >= 0 ? '+' : '−'} ${Math.abs(cal.intercept).toFixed(2)} + level and interaction terms`);
        if (cal.tuned) {
          const t = cal.tuned;
          console.log(`threshold ${t.threshold} (highest F1 with precision ≥ ${t.minPrecision} on the labels, clusters counted): precision ${t.precision.toFixed(4)}, recall ${t.recall.toFixed(4)}, F1 ${t.f1.toFixed(4)} — recoupe match uses it unless --threshold is given`);
        }
        for (const it of cal.interactions) {
          let lo = 0, hi = 0;
          for (const row of it.weights) for (const v of row) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
          console.log(`  ${it.comparisons.join(' × ').padEnd(24)} ${lo.toFixed(2)} … ${hi.toFixed(2)} bits`);
        }
      }
    });
}
