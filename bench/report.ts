/**
 * Report generation at scale: `recoupe report` on a synthetic run folder of N records (default
 * 1 000 000) with ~1.9 pairs per record in pairs.csv and an entity truth, timed end to end (load,
 * sweep, figures, HTML) with the HTML file's size.
 *
 * The run folder is synthesised (seeded), not produced by `recoupe match`: entities of 1–4 records,
 * true pairs scored high, random non-matches scored low, with overlap around the threshold.
 *
 *   npm run bench -- report                      1 M records
 *   npm run bench -- report --records 200000
 *   npm run bench -- report --smoke              20 000 records (CI)
 */
import { mkdtempSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { args, peakRssMb, report } from './harness.js';
import { mulberry32 } from '../matching/index.js';
import { makeReport, renderHtml } from '../src/report/index.js';

async function writeLines(path: string, header: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let buf = header + '\n';
  for (const l of lines) {
    buf += l + '\n';
    if (buf.length > 1 << 20) { if (!out.write(buf)) await once(out, 'drain'); buf = ''; }
  }
  out.end(buf);
  await once(out, 'finish');
}

async function synthesise(dir: string, n: number, seed: number): Promise<{ pairs: number }> {
  const rnd = mulberry32(seed);
  const entity = new Int32Array(n);
  let e = 0;
  for (let i = 0; i < n;) {
    const size = 1 + Math.min(3, Math.floor(-Math.log(1 - rnd()) * 0.8));
    for (let k = 0; k < size && i < n; k++) entity[i++] = e;
    e++;
  }
  const id = (i: number) => `rec-${i}`;
  await writeLines(join(dir, 'truth.csv'), 'id,entity_id', (function* () { for (let i = 0; i < n; i++) yield `${id(i)},${entity[i]}`; })());
  // clusters: entities, with 2 % of records split off and a few big merged clusters
  await writeLines(join(dir, 'clusters.csv'), 'id,cluster_id', (function* () {
    for (let i = 0; i < n; i++) yield `${id(i)},${rnd() < 0.02 ? n + i : i < 600 ? Math.floor(i / 60) : entity[i]}`;
  })());
  let pairs = 0;
  const p = (w: number) => 1 / (1 + 2 ** -w);
  await writeLines(join(dir, 'pairs.csv'), 'left_id,right_id,match_weight,match_probability', (function* () {
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n && entity[j] === entity[i]; j++) {
        const w = 12 + 8 * (rnd() - 0.5) - (rnd() < 0.1 ? 12 : 0);
        pairs++;
        yield `${id(i)},${id(j)},${w.toFixed(3)},${p(w).toPrecision(6)}`;
      }
      const others = rnd() < 0.5 ? 2 : 1;
      for (let k = 0; k < others; k++) {
        const j = Math.floor(rnd() * n);
        if (j === i || entity[j] === entity[i]) continue;
        const w = -4 + 10 * (rnd() - 0.5) + (rnd() < 0.01 ? 12 : 0);
        pairs++;
        yield `${id(Math.min(i, j))},${id(Math.max(i, j))},${w.toFixed(3)},${p(w).toPrecision(6)}`;
      }
    }
  })());
  const level = (label: string, m: number, u: number) => ({ label, m, u });
  const model = {
    format: 'recoupe-fellegi-sunter', version: 1, lambda: 1e-6,
    comparisons: ['nom', 'adresse', 'telephone', 'commune'].map((name) => ({
      name, tf: false, levels: [level('null', 1, 1), level('exact', 0.7, 0.001), level('close', 0.2, 0.01), level('else', 0.1, 0.989)],
    })),
    training: { method: 'em', records: n, blockedPairs: pairs, uPairs: 200000 },
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(model, null, 2));
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({
    records: n, pairsScored: pairs * 4, pairsReported: pairs, threshold: 0.9,
    blocking: ['siret', 'telephone', 'commune-token', 'geo-token'].map((name, k) => ({
      name, blocks: Math.round(n / (k + 2)), candidatePairs: Math.round(pairs * (k + 1)), pairs: Math.round(pairs / (k + 1)),
      skippedKeys: k * 3, skippedRecords: k * 2500, largestSkipped: k ? [{ key: `key-${k}`, records: 900 * k }] : [],
    })),
    clustersBySize: {}, splitComponents: [1, 2], largeClusterWarnings: [3],
  }, null, 2));
  return { pairs };
}

const a = args();
const n = a.smoke ? 20_000 : Number(a.records ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'recoupe-bench-report-'));
try {
  let t = performance.now();
  const { pairs } = await synthesise(dir, n, 42);
  const synthSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  console.error(`synthesised ${pairs} pairs in ${synthSeconds.toFixed(1)} s`);
  const r = await makeReport({ run: dir, truth: join(dir, "truth.csv") });
  console.error(`figures in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const html = renderHtml(r.figures);
  const out = join(dir, 'report.html');
  writeFileSync(out, html);
  const seconds = (performance.now() - t) / 1000;
  const bytes = statSync(out).size;
  report('report', {
    records: n, pairs_in_file: pairs, synthesise_s: Number(synthSeconds.toFixed(1)),
    report_s: Number(seconds.toFixed(2)), html_mb: Number((bytes / 1e6).toFixed(2)),
    best_f1: Number(r.figures.evaluation!.bestF1!.f1.toFixed(4)), under_30_s: seconds < 30, under_10_mb: bytes < 10e6,
    peak_rss_mb: peakRssMb(),
  });
} finally {
  if (!a.keep) rmSync(dir, { recursive: true, force: true });
  else console.error(`kept ${dir}`);
}
