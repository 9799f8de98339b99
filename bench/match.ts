/**
 * End-to-end `recoupe match` on the synthetic corpus: read structures.jsonl, match, write the
 * outputs, evaluate against truth.csv. One thread count per run (run it twice to compare).
 *
 *   node dist/bench/match.js --entities 100000 --threads 1      generates the corpus (seed 1) first
 *   node dist/bench/match.js --input /tmp/syn100k --threads 2   an existing corpus folder
 *   node dist/bench/match.js --smoke                            2,000 entities (CI)
 *   node dist/bench/match.js --input /tmp/syn100k --model m.json  a trained model (recoupe train [--calibrate truth.csv])
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { args, peakRssMb, report } from './harness.js';
import { match, matchPrepared } from '../matching/index.js';
import { writeMatchOutputs } from '../matching/inputs.js';
import { readInputsPooled, readPreparedPooled } from '../matching/read-pool.js';
import { EnginePool } from '../matching/engine-pool.js';
import { defaultConfig } from '../matching/config/index.js';
import { evaluatePairwise, readTruth } from '../src/evaluation/index.js';
import { generateCorpus } from '../src/generate/corpus.js';

const a = args();
const threads = Number(a.threads ?? 2);
let dir = a.input;
if (!dir) {
  const entities = a.smoke ? 2000 : Number(a.entities ?? 100_000);
  dir = join(tmpdir(), `recoupe-bench-corpus-${entities}-s${a.seed ?? 1}`);
  if (!existsSync(join(dir, 'truth.csv'))) await generateCorpus({ entities, seed: Number(a.seed ?? 1), out: dir });
}
const out = mkdtempSync(join(tmpdir(), 'recoupe-bench-match-'));
const t0 = performance.now();
// as `recoupe match` does: JSON Lines read and normalised a range at a time (on the workers with two threads or more)
const config = defaultConfig();
const files = [join(dir, 'structures.jsonl')];
const threshold = a.threshold ? Number(a.threshold) : undefined;
// --model FILE: a trained (e.g. calibrated: recoupe train --calibrate) model instead of EM on the data
const model = a.model && a.model !== 'true' ? a.model : undefined;
// one set of worker threads for every stage, as `recoupe match` starts it
const pool = threads > 1 ? EnginePool.open(threads) : undefined;
const fused = await readPreparedPooled(files, { config, threads, pool });
const read = fused ?? (await readInputsPooled(files, { config, threads, pool }));
const readMs = fused ? fused.timings.read : performance.now() - t0;
const result = fused
  ? await matchPrepared(fused.prepared, { threads, threshold, model, pool }, fused.timings.normalise)
  : await match((read as Awaited<ReturnType<typeof readInputsPooled>>).records, { threads, threshold, model, pool });
await pool?.close();
result.summary.timingsMs.read = Math.round(readMs);
await writeMatchOutputs(out, result, read.errors);
const seconds = (performance.now() - t0) / 1000;
const e = evaluatePairwise(new Map(result.ids.map((id, i) => [id, String(result.clusterOf[i])])), readTruth(join(dir, 'truth.csv')), 0);
const s = result.summary;
report('match', {
  corpus: dir,
  records: s.records,
  threads,
  worker_threads_used: s.workerThreadIds.filter((t) => t !== 0).length,
  seconds: Number(seconds.toFixed(2)),
  read_s: Number((readMs / 1000).toFixed(2)),
  normalise_s: Number((s.timingsMs.normalise / 1000).toFixed(2)),
  block_index_s: Number((s.timingsMs.blockIndex / 1000).toFixed(2)),
  compare_s: Number((s.timingsMs.compare / 1000).toFixed(2)),
  train_s: Number((s.timingsMs.train / 1000).toFixed(2)),
  score_s: Number((s.timingsMs.score / 1000).toFixed(2)),
  cluster_s: Number((s.timingsMs.cluster / 1000).toFixed(2)),
  write_s: Number((s.timingsMs.write / 1000).toFixed(2)),
  pairs_scored: s.pairsScored,
  pairs_per_s_compare: s.pairsPerSecond,
  threshold: s.threshold,
  // the file given, or how the run estimated its model (em, em+self: self-calibrated)
  model: model ?? s.model?.method ?? 'em',
  links_refused: s.linksRefused,
  precision: Number(e.precision.toFixed(4)),
  recall: Number(e.recall.toFixed(4)),
  f1: Number(e.f1.toFixed(4)),
  clusters: s.clusters,
  peak_rss_mb: peakRssMb(),
});
