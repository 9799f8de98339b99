/**
 * `recoupe match <inputs…> --out DIR [--config FILE] [--model FILE] [--threshold P] [--no-adapt-prior] [--threads N] [--link]`
 */
import type { Command } from '@commander-js/extra-typings';
import { availableParallelism } from 'node:os';
import { UsageError } from '../../error.js';

/** A progress bar on a TTY, JSON log lines (every 10 %) otherwise. */
export function progressReporter(stage: string, unit = 'tasks'): (done: number, total: number) => void {
  let lastPct = -1;
  const tty = process.stderr.isTTY;
  return (done, total) => {
    const pct = Math.floor((100 * done) / Math.max(1, total));
    if (tty) {
      if (pct === lastPct && done !== total) return;
      const w = 30, fill = Math.round((w * done) / Math.max(1, total));
      process.stderr.write(`\r${stage} [${'#'.repeat(fill)}${'.'.repeat(w - fill)}] ${pct}% (${done}/${total} ${unit})${done === total ? '\n' : ''}`);
    } else if (pct >= lastPct + 10 || done === total) {
      process.stderr.write(JSON.stringify({ stage, done, total, pct, at: new Date().toISOString() }) + '\n');
    } else return;
    lastPct = pct;
  };
}

/** `--threads`; by default the available cores, as the matching engine's `defaultThreads()` (not imported: it loads the engine). */
export const parseThreads = (v: string | undefined): number => {
  if (v === undefined) return Math.max(1, availableParallelism());
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--threads must be a positive integer, got ${v}`);
  return n;
};

export const parseProbability = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const p = Number(v);
  if (!(p > 0 && p < 1)) throw new UsageError(`${name} must be a probability between 0 and 1 (exclusive), got ${v}`);
  return p;
};

export function registerMatch(program: Command): void {
  program
    .command('match')
    .description('deduplicate (or --link) records: clusters.csv, pairs.csv, model.json, summary.json, errors.csv')
    .argument('<inputs...>', 'schema v1 structures (JSONL, JSON, CSV) or any file a --config maps')
    .requiredOption('--out <dir>', 'output folder')
    .option('--config <file>', 'matching config (JSON); default: the data·inclusion structure model')
    .option('--model <file>', 'a trained model.json (default: estimated from the inputs)')
    .option('--threshold <p>', 'match probability for merging (default: a calibrated model\'s tuned threshold, else the config\'s)')
    .option('--no-adapt-prior', 'with a model calibrated on a full truth: keep the labelled match share instead of re-estimating it on these inputs')
    .option('--self-calibrate', "calibrate the estimated model on its own clusters before matching (no labels; the config's training.selfCalibrate, on in the built-in config)")
    .option('--no-self-calibrate', 'the estimated model as EM gives it, not calibrated on its own clusters (the built-in config self-calibrates)')
    .option('--threads <n>', 'worker threads (default: available cores)')
    .option('--link', 'link records across inputs only, never within one')
    .option('--delimiter <c>', 'CSV delimiter (default: sniffed)')
    .option('--quiet', 'no progress output')
    .action(async (inputs, opts) => {
      const threads = parseThreads(opts.threads);
      // one set of worker threads for every stage, started first: they load their modules while
      // this thread loads its own and the config; JSON Lines are read and normalised on them,
      // range by range, other inputs are read here
      const { EnginePool } = await import('../../../matching/engine-pool.js');
      const pool = threads > 1 ? EnginePool.open(threads) : undefined;
      try {
        const { match, matchPrepared, loadConfig } = await import('../../../matching/index.js');
        const { writeMatchOutputs } = await import('../../../matching/inputs.js');
        const { readInputsPooled, readPreparedPooled } = await import('../../../matching/read-pool.js');
        const config = loadConfig(opts.config);
        if (opts.selfCalibrate === true && opts.model) throw new UsageError('--self-calibrate calibrates the model estimated from the inputs: not with --model (self-calibrate it with recoupe train --self-calibrate)');
        if (opts.selfCalibrate !== undefined) config.training.selfCalibrate = opts.selfCalibrate;
        const threshold = parseProbability(opts.threshold, '--threshold');
        if (opts.link && inputs.length < 2) throw new UsageError('--link needs at least two inputs (records are linked across inputs only)');
        const t0 = performance.now();
        const onProgress = opts.quiet ? undefined : progressReporter('compare');
        const onNormaliseProgress = opts.quiet ? undefined : progressReporter('normalise', 'records');
        let result, read;
        try {
          const fused = await readPreparedPooled(inputs, { config, threads, link: !!opts.link, onProgress: onNormaliseProgress, pool });
          read = fused ?? (await readInputsPooled(inputs, { config, threads, delimiter: opts.delimiter, pool }));
          const readMs = fused ? fused.timings.read : performance.now() - t0;
          const options = { config, threshold, threads, model: opts.model, link: opts.link ? read.input : undefined, onProgress, adaptPrior: opts.adaptPrior, pool };
          result = fused
            ? await matchPrepared(fused.prepared, options, fused.timings.normalise)
            : await match((read as Awaited<ReturnType<typeof readInputsPooled>>).records, { ...options, onNormaliseProgress });
          result.summary.timingsMs.read = Math.round(readMs);
        } finally {
          await pool?.close();
        }
        const paths = await writeMatchOutputs(opts.out, result, read.errors, { inputs: read.files });
        const s = result.summary;
        console.log(
          `${s.records} records → ${s.clusters} clusters (${s.recordsInMultiRecordClusters} records in multi-record clusters); ` +
            `${s.pairsScored} pairs scored, ${s.pairsAboveThreshold} above ${s.threshold}; ${s.threads} thread(s), ` +
            `${(s.timingsMs.endToEnd / 1000).toFixed(1)} s, peak RSS ${s.peakRssMb} MB`,
        );
        if (s.calibration)
          console.log(`${result.model.calibration?.labelled === 'clusters' ? 'model self-calibrated on its own clusters' : 'calibrated model'}: threshold ${s.threshold}${opts.threshold === undefined && s.calibration.tunedThreshold !== null ? ' (tuned on its labels)' : ''}; ` +
            (s.calibration.share === null ? (result.model.calibration?.labelled === 'pairs'
              ? 'calibrated on a list of labelled pairs: no prior shift'
              : `match share kept at the labels' ${(s.calibration.labelledShare * 100).toFixed(2)} %`)
              : `match share among candidate pairs ${(s.calibration.share * 100).toFixed(2)} % (labels ${(s.calibration.labelledShare * 100).toFixed(2)} %): weights moved by ${s.calibration.shiftBits.toFixed(2)} bits`));
        if (s.largeClusterWarnings.length) console.error(`warning: ${s.largeClusterWarnings.length} cluster(s) above ${config.cluster.warnSize} records`);
        if (s.splitComponents.length) console.error(`warning: ${s.splitComponents.length} component(s) above ${config.cluster.maxSize} records were split at their weakest links`);
        if (read.errors.length) console.error(`${read.errors.length} unreadable row(s) written to ${paths.errors}`);
        console.log(`written: ${Object.values(paths).join(', ')}`);
      } finally {
        await pool?.close(); // (closed already unless a usage error stopped the command early)
      }
    });
}
