/**
 * Computes the report's figures from a run folder, an optional truth or labels, and optionally the
 * input records (for waterfalls, side-by-side values and the duplicates report).
 */
import type { MatchConfig } from '../../matching/index.js';
import type { Truth } from '../evaluation/index.js';
import { duplicatesReport } from '../consolidation/duplicates.js';
import type { Run } from './run.js';
import type { PairExplainer } from './explain-pairs.js';
import { judgePairs } from './truth-pairs.js';
import { sweep, scoresAt, thin } from './sweep.js';
import type { PairRow, ReportFigures } from './figures.js';

export interface BuildOptions {
  truth?: Truth;
  /** Where the truth came from (a file name), shown in the report. */
  truthSource?: string;
  explainer?: PairExplainer;
  /** Source (producer) of a record, for the duplicates report. */
  sourceOf?: (id: string) => string | undefined;
  config?: MatchConfig;
  /** Rows per pairs table (default 100). */
  rows?: number;
  minPrecision?: number;
}

function weightHistogram(run: Run, isMatch?: Uint8Array): ReportFigures['histogram'] {
  const w = run.pairs.weight;
  let lo = Infinity, hi = -Infinity;
  for (let k = 0; k < w.length; k++) { if (w[k] < lo) lo = w[k]; if (w[k] > hi) hi = w[k]; }
  if (!w.length) { lo = run.thresholdWeight - 1; hi = run.thresholdWeight + 1; }
  const width = Math.max(0.5, Math.ceil((hi - lo) / 60));
  const start = Math.floor(Math.min(lo, run.thresholdWeight) / width) * width;
  const bins = Math.max(1, Math.ceil((Math.max(hi, run.thresholdWeight) - start) / width + 1e-9) + (hi === start ? 1 : 0));
  const edges = Array.from({ length: bins + 1 }, (_, b) => start + b * width);
  const all = new Array<number>(bins).fill(0), yes = new Array<number>(bins).fill(0);
  for (let k = 0; k < w.length; k++) {
    const b = Math.min(bins - 1, Math.floor((w[k] - start) / width));
    if (isMatch?.[k]) yes[b]++;
    else all[b]++;
  }
  return isMatch
    ? { edges, series: [{ label: 'true matches', counts: yes }, { label: 'non-matches', counts: all }] }
    : { edges, series: [{ label: 'scored pairs', counts: all }] };
}

function clusterFigures(run: Run, top = 10, membersShown = 30): ReportFigures['clusters'] {
  // clusters interned to integers: no array per cluster on a million records
  const cid = new Map<string, number>();
  const of = new Int32Array(run.clusterOf.length);
  const sizes: number[] = [];
  run.clusterOf.forEach((c, i) => {
    let k = cid.get(c);
    if (k === undefined) { k = sizes.length; cid.set(c, k); sizes.push(0); }
    of[i] = k;
    sizes[k]++;
  });
  const bySize: Record<string, number> = {};
  let over20 = 0, over50 = 0;
  for (const s of sizes) {
    bySize[s] = (bySize[s] ?? 0) + 1;
    if (s > 20) over20++;
    if (s > 50) over50++;
  }
  const labels = [...cid.keys()];
  const largest = sizes.map((s, k) => k).filter((k) => sizes[k] > 1)
    .sort((a, b) => sizes[b] - sizes[a] || (labels[a] < labels[b] ? -1 : 1)).slice(0, top);
  const members = new Map(largest.map((k) => [k, [] as string[]]));
  of.forEach((k, i) => { const m = members.get(k); if (m && m.length < membersShown) m.push(run.ids[i]); });
  return {
    count: sizes.length, bySize, over20, over50,
    split: run.summary.splitComponents?.length ?? 0, warnings: run.summary.largeClusterWarnings?.length ?? 0,
    largest: largest.map((k) => ({ cluster: labels[k], size: sizes[k], members: members.get(k)! })),
  };
}

/**
 * All the figures of a report.
 *
 * @example
 *   const figures = buildFigures(await loadRun('out/match'), { truth: readTruth('truth.csv') });
 *   figures.evaluation?.bestF1?.probability
 */
/** The calibration's terms for the report: scale, intercept, tuned threshold, prior shift, the non-zero level and interaction terms. */
function calibrationFigures(model: Run['model']): NonNullable<ReportFigures['model']['calibration']> {
  const cal = model.calibration!;
  const names = model.comparisons.map((c) => c.name);
  const labels = model.comparisons.map((c) => c.levels.map((l) => l.label));
  return {
    scale: cal.scale, intercept: cal.intercept, pairs: cal.pairs, matches: cal.matches,
    tuned: cal.tuned ?? null, shift: cal.shift ?? null, labelled: cal.labelled ?? null,
    levels: cal.levels.flatMap((row, c) => row.map((bits, l) => ({ comparison: names[c], level: labels[c][l], bits })).filter((x) => x.bits !== 0)),
    interactions: cal.interactions.flatMap((it) => {
      const [a, b] = it.comparisons.map((n) => names.indexOf(n));
      return it.weights.flatMap((row, la) => row.map((bits, lb) => ({ comparisons: `${it.comparisons[0]} × ${it.comparisons[1]}`, levels: `${labels[a][la]} × ${labels[b][lb]}`, bits })))
        .filter((x) => x.bits !== 0);
    }),
  };
}

export function buildFigures(run: Run, opts: BuildOptions = {}): ReportFigures {
  const rows = opts.rows ?? 100;
  const { pairs } = run;
  const judged = opts.truth ? judgePairs(run, opts.truth) : undefined;
  const tw = run.thresholdWeight;
  const row = (left: string, right: string, k: number, truth?: 'match' | 'distinct'): PairRow => {
    const r: PairRow = { left, right, weight: k >= 0 ? pairs.weight[k] : null, probability: k >= 0 ? pairs.probability[k] : null };
    if (truth) r.truth = truth;
    if (opts.explainer) {
      r.waterfall = opts.explainer.steps(left, right);
      r.values = opts.explainer.values(left, right);
    }
    return r;
  };
  // nearest the threshold: the pairs whose weight is closest to it, on either side
  const near = Array.from(pairs.weight.keys());
  const within = near.length > 20 * rows ? quantileDistance(pairs.weight, tw, rows) : Infinity;
  const nearest = within < Infinity ? near.filter((k) => Math.abs(pairs.weight[k] - tw) <= within) : near;
  nearest.sort((a, b) => Math.abs(pairs.weight[a] - tw) - Math.abs(pairs.weight[b] - tw));
  const tables: ReportFigures['tables'] = {
    nearest: nearest.slice(0, rows).map((k) => row(run.ids[pairs.left[k]], run.ids[pairs.right[k]], k)),
    rowsPerTable: rows, waterfalls: !!opts.explainer,
  };
  let evaluation: ReportFigures['evaluation'];
  if (judged) {
    const s = sweep(judged, opts.minPrecision ?? 0.98);
    evaluation = {
      kind: judged.kind, source: opts.truthSource ?? '', positives: judged.positives, judged: judged.weight.length, unknown: judged.unknown,
      atThreshold: scoresAt(judged, tw), bestF1: s.bestF1, minPrecision: s.minPrecision, precisionAtLeast: s.precisionAtLeast,
      curve: thin(s.points, 300),
    };
    const fp: number[] = [], fn: number[] = [];
    for (let q = 0; q < judged.weight.length; q++) {
      if (judged.weight[q] >= tw && !judged.isMatch[q]) fp.push(q);
      if (judged.weight[q] < tw && judged.isMatch[q]) fn.push(q);
    }
    fp.sort((a, b) => judged.weight[a] - judged.weight[b]);
    fn.sort((a, b) => judged.weight[b] - judged.weight[a]);
    const toRow = (q: number, truth: 'match' | 'distinct') => {
      const k = judged.pair[q];
      return row(run.ids[pairs.left[k]], run.ids[pairs.right[k]], k, truth);
    };
    tables.falsePositives = fp.slice(0, rows).map((q) => toRow(q, 'distinct'));
    const fnRows: PairRow[] = [];
    for (const q of fn) {
      if (fnRows.length >= rows) break;
      if (judged.pair[q] >= 0) fnRows.push(toRow(q, 'match'));
    }
    // true pairs never scored: never blocked together or below the report floor
    if (fnRows.length < rows && opts.truth) fnRows.push(...unscoredTruePairs(run, opts.truth, rows - fnRows.length).map(([a, b]) => row(a, b, -1, 'match')));
    tables.falseNegatives = fnRows;
  }
  const figures: ReportFigures = {
    run: {
      dir: run.dir, records: run.ids.length, pairsScored: run.summary.pairsScored ?? pairs.weight.length, pairsInFile: pairs.weight.length,
      badPairRows: run.badPairRows.length, threshold: run.threshold, thresholdWeight: tw, model: run.model.training?.method ?? 'given',
    },
    histogram: weightHistogram(run, judged?.kind === 'entities' ? judged.isMatch : undefined),
    evaluation,
    model: {
      lambda: run.model.lambda, prior: Math.log2(run.model.lambda / (1 - run.model.lambda)),
      comparisons: run.model.comparisons.map((c) => ({ name: c.name, levels: c.levels.map((l, k) => ({ label: l.label, m: l.m, u: l.u, weight: k === 0 ? 0 : Math.log2(l.m / l.u) })) })),
      ...(run.model.calibration ? { calibration: calibrationFigures(run.model) } : {}),
    },
    blocking: { rules: (run.summary.blocking ?? []).map((r) => ({ name: r.name, blocks: r.blocks, candidatePairs: r.candidatePairs, pairs: r.pairs, skippedKeys: r.skippedKeys, skippedRecords: r.skippedRecords, largestSkipped: r.largestSkipped ?? [] })) },
    clusters: clusterFigures(run),
    tables,
  };
  if (opts.sourceOf) {
    const bySource = new Map<string, string[]>();
    run.clusterOf.forEach((c, i) => {
      const s = opts.sourceOf!(run.ids[i]) ?? '(unknown)';
      const m = bySource.get(c);
      if (m) m.push(s);
      else bySource.set(c, [s]);
    });
    figures.duplicates = duplicatesReport([...bySource.values()]);
  }
  return figures;
}

/** The distance to the threshold within which at least `rows` pairs sit (a cheap bound). */
function quantileDistance(w: Float64Array, tw: number, rows: number): number {
  const d = Float64Array.from(w, (v) => Math.abs(v - tw)).sort();
  return d[Math.min(d.length - 1, rows)];
}

function unscoredTruePairs(run: Run, truth: Truth, limit: number): [string, string][] {
  const n = run.ids.length;
  const key = (i: number, j: number) => (i < j ? i * n + j : j * n + i);
  const candidates: [number, number][] = [];
  if (truth.kind === 'labels') {
    for (const [a, b] of truth.matches) {
      const i = run.index.get(a), j = run.index.get(b);
      if (i !== undefined && j !== undefined) candidates.push([i, j]);
    }
  } else {
    const groups = new Map<string, number[]>();
    for (const [id, e] of truth.entityOf) {
      const i = run.index.get(id);
      if (i !== undefined) (groups.get(e) ?? groups.set(e, []).get(e)!).push(i);
    }
    for (const g of groups.values()) {
      if (candidates.length >= 50 * limit) break;
      for (let a = 0; a < g.length; a++) for (let b = a + 1; b < g.length; b++) candidates.push([g[a], g[b]]);
    }
  }
  const want = new Set(candidates.map(([i, j]) => key(i, j)));
  const scored = new Set<number>();
  const { left, right } = run.pairs;
  for (let k = 0; k < left.length; k++) {
    const q = key(left[k], right[k]);
    if (want.has(q)) scored.add(q);
  }
  const out: [string, string][] = [];
  for (const [i, j] of candidates) {
    if (out.length >= limit) break;
    const q = key(i, j);
    if (scored.has(q)) continue;
    scored.add(q);
    out.push([run.ids[i], run.ids[j]]);
  }
  return out;
}
