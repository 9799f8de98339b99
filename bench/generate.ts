/**
 * Generation throughput and memory of the synthetic corpus, plus its calibration.
 *
 *   node dist/bench/generate.js --smoke                    20,000 entities (CI)
 *   node dist/bench/generate.js --entities 1000000         the scale run (default 100,000)
 *   node dist/bench/generate.js --entities 100000 --check  also measure cluster sizes, fill rates, pairs
 *   flags: --seed S (default 1), --out DIR (default a temporary folder, removed after), --json FILE
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareToTargets, generateCorpus, measureCorpus } from '../src/generate/index.js';
import { args, peakRssMb, report } from './harness.js';

const a = args();
const smoke = a.smoke === 'true';
const entities = Number((a.entities ?? (smoke ? '20000' : '100000')).replace(/_/g, ''));
if (!Number.isInteger(entities) || entities < 1) {
  console.error(`--entities must be a positive integer, got ${a.entities}`);
  process.exit(2);
}
const out = a.out && a.out !== 'true' ? a.out : mkdtempSync(join(tmpdir(), 'recoupe-bench-generate-'));
const started = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const s = await generateCorpus({ entities, seed: a.seed ?? '1', out });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpu0);
const records = s.structures + s.services;
const figures: Record<string, number | string | boolean> = {
  entities,
  structures: s.structures,
  services: s.services,
  records,
  seconds: Math.round(seconds * 100) / 100,
  cpu_seconds: Math.round(((cpu.user + cpu.system) / 1e6) * 100) / 100,
  records_per_s: Math.round(records / seconds),
  entities_per_s: Math.round(entities / seconds),
  peak_rss_mb: peakRssMb(),
};
if (smoke || a.check === 'true') {
  const stats = await measureCorpus(out);
  const checks = compareToTargets(stats);
  const hist = Object.entries(stats.clusterSizes).map(([k, v]) => `${k}:${v}`).join(' ');
  figures.cluster_sizes = hist;
  for (const [f, v] of Object.entries(stats.fill)) figures[`fill_${f}`] = Math.round(v * 1000) / 1000;
  figures.share_in_multi_clusters = Math.round(stats.shareInMulti * 1000) / 1000;
  figures.calibration_checks_ok = `${checks.filter((c) => c.ok).length}/${checks.length}`;
  for (const c of checks.filter((x) => !x.ok)) console.log(`  outside tolerance: ${c.metric} target ${c.target.toFixed(4)} measured ${c.measured.toFixed(4)}`);
}
if (!a.out || a.out === 'true') rmSync(out, { recursive: true, force: true });
report(smoke ? 'generate-smoke' : `generate-${entities}`, figures);
