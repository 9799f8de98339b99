/**
 * Renders report figures as one self-contained HTML file: charts are SVG rendered here, the only
 * script filters the tables, and a Content-Security-Policy forbids any network request at view time.
 */
import { probabilityOf } from '../../matching/index.js';
import type { PairRow, ReportFigures } from './figures.js';
import { esc, fmt } from './svg/escape.js';
import { histogram, lines, hbars, type Marker } from './svg/charts.js';
import { waterfall } from './svg/waterfall.js';

/** Titles of the charts, in page order (the browser test checks them). */
export const CHART_TITLES = {
  histogram: 'Match weight histogram',
  sweep: 'Precision, recall and F1 by threshold',
  pr: 'Precision–recall curve',
  model: 'Match weight of each comparison level',
  blocking: 'Candidate pairs per blocking rule',
  clusters: 'Cluster sizes',
} as const;

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const prob = (p: number | null) => (p === null ? '—' : p >= 0.9999 ? p.toFixed(6) : p.toPrecision(4));

function markers(f: ReportFigures, axis: 'weight' | 'recall'): Marker[] {
  const e = f.evaluation;
  const at = (p: { weight: number; recall: number }) => (axis === 'weight' ? p.weight : p.recall);
  const out: Marker[] = [];
  out.push({ at: axis === 'weight' ? f.run.thresholdWeight : (e?.atThreshold.recall ?? NaN), label: `run threshold p=${prob(f.run.threshold)}`, color: '#c92a2a' });
  if (e?.bestF1) out.push({ at: at(e.bestF1), label: `max F1 ${e.bestF1.f1.toFixed(3)} at p=${prob(e.bestF1.probability)}`, color: '#2b8a3e' });
  if (e?.precisionAtLeast) out.push({ at: at(e.precisionAtLeast), label: `precision ≥ ${e.minPrecision} from p=${prob(e.precisionAtLeast.probability)}`, color: '#862e9c' });
  return out;
}

function table(head: string[], rows: (string | number)[][], cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>` +
    rows.map((r) => `<tr>${r.map((c) => `<td>${typeof c === 'number' ? esc(fmt(c)) : c}</td>`).join('')}</tr>`).join('') + '</tbody></table>';
}

function pairTable(id: string, title: string, rows: PairRow[] | undefined, f: ReportFigures, note: string): string {
  if (!rows) return '';
  const body = rows.map((r) => {
    const vals = r.values ? Object.entries(r.values).map(([k, [a, b]]) => `<div><b>${esc(k)}</b>: ${esc(a) || '<i>∅</i>'} <span class="vs">|</span> ${esc(b) || '<i>∅</i>'}</div>`).join('') : '';
    const wf = r.waterfall ? `<details><summary>waterfall</summary>${waterfall(r.waterfall, f.run.thresholdWeight)}</details>` : '';
    return `<tr><td>${esc(r.left)}</td><td>${esc(r.right)}</td><td class="num">${r.weight === null ? '—' : r.weight.toFixed(2)}</td><td class="num">${prob(r.probability)}</td>` +
      `<td>${r.truth ?? ''}</td><td class="vals">${vals}${wf}</td></tr>`;
  }).join('');
  return `<h3 id="${id}">${esc(title)} <small>(${rows.length} shown)</small></h3><p class="note">${esc(note)}</p>` +
    `<table class="pairs searchable"><thead><tr><th>left</th><th>right</th><th>weight</th><th>probability</th><th>truth</th><th>values (left | right) and waterfall</th></tr></thead><tbody>${body || '<tr><td colspan="6">none</td></tr>'}</tbody></table>`;
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:16px 24px;color:#212529}
h1{font-size:22px}h2{border-bottom:1px solid #dee2e6;padding-bottom:4px;margin-top:32px}h3{font-size:15px}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #dee2e6;border-radius:6px;padding:8px 12px;min-width:120px}
.card b{display:block;font-size:18px}figure{margin:12px 0}.charts{display:flex;flex-wrap:wrap;gap:12px}
table{border-collapse:collapse;margin:8px 0;font-size:12.5px}td,th{border:1px solid #dee2e6;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f1f3f5}td.num{text-align:right;font-variant-numeric:tabular-nums}.note{color:#495057;font-size:12.5px}
.vals div{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:520px}.vs{color:#adb5bd}
input[type=search]{font-size:14px;padding:4px 8px;width:320px}details summary{cursor:pointer;color:#1f6feb}`;

const SCRIPT = `document.getElementById('search').addEventListener('input',function(e){var q=e.target.value.toLowerCase();
document.querySelectorAll('table.searchable tbody tr').forEach(function(tr){tr.style.display=!q||tr.textContent.toLowerCase().indexOf(q)>=0?'':'none';});});`;

/**
 * The report as one HTML document.
 *
 * @example
 *   writeFileSync('report.html', renderHtml(buildFigures(run, { truth })));
 */
export function renderHtml(f: ReportFigures, meta: { title?: string; generatedAt?: string } = {}): string {
  const e = f.evaluation;
  const parts: string[] = [];
  const cards: [string, string][] = [
    ['records', fmt(f.run.records)], ['pairs scored', fmt(f.run.pairsScored)], ['pairs in pairs.csv', fmt(f.run.pairsInFile)],
    ['threshold', `p=${prob(f.run.threshold)} · w=${f.run.thresholdWeight.toFixed(2)}`], ['clusters', fmt(f.clusters.count)], ['model', f.run.model],
  ];
  if (e) cards.push(['precision / recall at threshold', `${pct(e.atThreshold.precision)} / ${pct(e.atThreshold.recall)}`], ['F1 at threshold', e.atThreshold.f1.toFixed(3)]);
  parts.push(`<div class="cards">${cards.map(([k, v]) => `<div class="card">${esc(k)}<b>${esc(v)}</b></div>`).join('')}</div>`);
  if (f.run.badPairRows) parts.push(`<p class="note">${f.run.badPairRows} row(s) of pairs.csv could not be read (unknown id or weight) and are left out; recoupe report --json lists them.</p>`);

  // scores
  parts.push('<h2 id="scores">Scores and threshold</h2>');
  parts.push(`<p class="note">Pairs written to pairs.csv (at or above the report floor); the dashed lines mark the run's threshold${e ? ' and the recommended thresholds' : ''}.</p>`);
  const charts = [`<figure>${histogram(CHART_TITLES.histogram, f.histogram.edges, f.histogram.series, 'match weight (bits)', 'pairs', markers(f, 'weight'), { log: true })}</figure>`];
  if (e && e.curve.length) {
    const c = e.curve;
    charts.push(`<figure>${lines(CHART_TITLES.sweep, [
      { label: 'precision', points: c.map((p) => [p.weight, p.precision]) },
      { label: 'recall', points: c.map((p) => [p.weight, p.recall]) },
      { label: 'F1', points: c.map((p) => [p.weight, p.f1]), dash: true },
    ], 'threshold (match weight, bits)', 'score', markers(f, 'weight'), { y: [0, 1] })}</figure>`);
    charts.push(`<figure>${lines(CHART_TITLES.pr, [{ label: 'precision by recall', points: c.map((p) => [p.recall, p.precision]) }], 'recall', 'precision', markers(f, 'recall'), { x: [0, 1], y: [0, 1] })}</figure>`);
  }
  parts.push(`<div class="charts">${charts.join('')}</div>`);
  if (e) {
    const line = (name: string, p: typeof e.bestF1) => p
      ? [esc(name), `${prob(p.probability)}`, p.weight.toFixed(2), pct(p.precision), pct(p.recall), p.f1.toFixed(3), p.tp, p.fp, p.fn]
      : [esc(name), 'none', '', '', '', '', '', '', ''];
    parts.push(table(['', 'threshold (probability)', 'weight', 'precision', 'recall', 'F1', 'TP', 'FP', 'FN'], [
      line('run threshold', e.atThreshold), line('maximum F1', e.bestF1), line(`lowest threshold with precision ≥ ${e.minPrecision}`, e.precisionAtLeast),
    ]));
    parts.push(`<p class="note">Judged against ${e.kind === 'labels' ? `${fmt(e.judged)} labelled pairs (unsure counted as distinct)` : 'the entity truth: every scored pair, every true pair of the run\'s records'}${e.source ? ` from ${esc(e.source)}` : ''}; ${fmt(e.positives)} true pairs${e.unknown ? `; ${fmt(e.unknown)} ${e.kind === 'labels' ? 'labelled pairs' : 'truth ids'} name records absent from the run` : ''}. Scores are pairwise, before clustering. A pair is predicted a match when its weight is at or above the threshold; true pairs never scored count against recall at every threshold.</p>`);
  } else parts.push('<p class="note">No truth or labels given: precision and recall curves need <code>--truth FILE</code> or <code>--labels labels.json</code>.</p>');

  // model
  parts.push('<h2 id="model">Model</h2>');
  parts.push(`<p class="note">λ (prior match probability) = ${esc(f.model.lambda.toExponential(3))}, prior weight ${f.model.prior.toFixed(2)} bits. Weight = log2(m / u); the null level (missing on either side) weighs 0.</p>`);
  const levelBars = f.model.comparisons.flatMap((c) => c.levels.slice(1).map((l) => ({ label: `${c.name}: ${l.label}`, value: l.weight, note: `m=${fmt(l.m)}, u=${fmt(l.u)}` })));
  parts.push(`<figure>${hbars(CHART_TITLES.model, levelBars, 'weight (bits)')}</figure>`);
  parts.push(table(['comparison', 'level', 'm', 'u', 'weight'], f.model.comparisons.flatMap((c) => c.levels.map((l, k) => [esc(c.name), esc(l.label), k ? fmt(l.m, 4) : '—', k ? fmt(l.u, 4) : '—', k ? l.weight.toFixed(2) : '0']))));
  const cal = f.model.calibration;
  if (cal) {
    parts.push(`<h3 id="calibration">Calibration on ${cal.labelled === 'clusters' ? 'its own clusters' : 'labels'}</h3>`);
    parts.push(`<p class="note">Calibrated on ${cal.labelled === 'clusters' ? `its own clusters (self-calibration, no labels): ${fmt(cal.pairs)} candidate pairs, ${fmt(cal.matches)} of them within a cluster,` : `${fmt(cal.pairs)} labelled candidate pairs (${fmt(cal.matches)} matches)`} by logistic regression: weight = ${cal.scale.toFixed(3)} × the Fellegi–Sunter weight ${cal.intercept >= 0 ? '+' : '−'} ${Math.abs(cal.intercept).toFixed(2)} bits, plus the level and interaction terms below${cal.shift ? `, plus a prior shift of ${cal.shift.bits.toFixed(2)} bits (match share among this run's candidate pairs ${(cal.shift.share * 100).toFixed(2)} %, ${cal.labelled === 'clusters' ? 'its clusters' : 'labels'} ${((cal.matches / cal.pairs) * 100).toFixed(2)} %)` : ''}. ${cal.tuned ? `Tuned threshold ${cal.tuned.threshold} (precision ${cal.tuned.precision.toFixed(3)}, recall ${cal.tuned.recall.toFixed(3)}, F1 ${cal.tuned.f1.toFixed(3)} on the labels).` : ''}</p>`);
    parts.push(table(['comparison', 'level', 'bits'], cal.levels.map((x) => [esc(x.comparison), esc(x.level), x.bits.toFixed(2)])));
    if (cal.interactions.length) parts.push(table(['interaction', 'levels', 'bits'], cal.interactions.map((x) => [esc(x.comparisons), esc(x.levels), x.bits.toFixed(2)])));
  }

  // blocking
  parts.push('<h2 id="blocking">Blocking</h2>');
  parts.push(`<figure>${hbars(CHART_TITLES.blocking, f.blocking.rules.map((r) => ({ label: r.name, value: r.pairs, note: `${r.candidatePairs} candidates before removing pairs an earlier rule made` })), 'new pairs (after earlier rules)')}</figure>`);
  parts.push(table(['rule', 'blocks', 'candidate pairs', 'new pairs', 'keys skipped (too common)', 'records in skipped keys', 'largest skipped keys'],
    f.blocking.rules.map((r) => [esc(r.name), r.blocks, r.candidatePairs, r.pairs, r.skippedKeys, r.skippedRecords, esc(r.largestSkipped.slice(0, 5).map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(' · '))])));

  // clusters
  parts.push('<h2 id="clusters">Clusters</h2>');
  const sizes = Object.entries(f.clusters.bySize).map(([s, n]) => [Number(s), n] as [number, number]).sort((a, b) => a[0] - b[0]);
  const maxSize = sizes.length ? sizes[sizes.length - 1][0] : 1;
  // one bar per size up to 60, wider bins beyond (a run gone wrong can hold a 100 000-record cluster)
  const width = Math.max(1, Math.ceil(maxSize / 60));
  const bins = Math.ceil(maxSize / width);
  const edges = Array.from({ length: bins + 1 }, (_, k) => k * width + 0.5);
  const counts = new Array<number>(bins).fill(0);
  for (const [s, n] of sizes) counts[Math.floor((s - 1) / width)] += n;
  parts.push(`<figure>${histogram(CHART_TITLES.clusters, edges, [{ label: 'clusters', counts }], 'records per cluster', 'clusters', [], { log: true })}</figure>`);
  parts.push(table(['clusters', '> 20 records', '> 50 records', 'components split by the size guard', 'size warnings'], [[f.clusters.count, f.clusters.over20, f.clusters.over50, f.clusters.split, f.clusters.warnings]]));
  parts.push('<h3>Largest clusters</h3>' + table(['cluster', 'size', 'members'], f.clusters.largest.map((c) => [esc(c.cluster), c.size, esc(c.members.join(', ')) + (c.members.length < c.size ? ' …' : '')]), 'searchable'));
  if (f.duplicates) {
    parts.push('<h3>Duplicates report</h3>');
    parts.push(table(['source', 'structures', 'with a same-source duplicate', 'share'], f.duplicates.bySource.map((s) => [esc(s.source), s.structures, s.with_same_source_duplicate, pct(s.share)])));
    parts.push(table(['source A', 'source B', 'clusters holding both', 'duplicate pairs'], f.duplicates.bySourcePair.map((s) => [esc(s.source_a), esc(s.source_b), s.clusters, s.pairs])));
  }

  // pairs
  parts.push('<h2 id="pairs">Pairs</h2>');
  parts.push(`<p><input type="search" id="search" placeholder="filter the tables below (id, value…)" aria-label="filter tables"></p>`);
  if (!f.tables.waterfalls) parts.push('<p class="note">Waterfalls and values need the input records: <code>recoupe report --input FILE… --config FILE</code>.</p>');
  parts.push(pairTable('false-positives', 'False positives at the run threshold', f.tables.falsePositives, f, 'Predicted matches the truth calls distinct, weakest first.'));
  parts.push(pairTable('false-negatives', 'False negatives at the run threshold', f.tables.falseNegatives, f, 'True pairs below the threshold, strongest first, then true pairs never scored (weight —).'));
  parts.push(pairTable('nearest', 'Pairs nearest the threshold', f.tables.nearest, f, 'Where a threshold move changes decisions.'));

  const title = meta.title ?? `recoupe report — ${f.run.dir}`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${CSS}</style></head><body>` +
    `<h1>${esc(title)}</h1><p class="note">Generated ${esc(meta.generatedAt ?? new Date().toISOString())} by recoupe report. Threshold p=${prob(f.run.threshold)} ⇔ weight ${f.run.thresholdWeight.toFixed(2)} (p = 1 / (1 + 2^−w)); p(${f.run.thresholdWeight.toFixed(2)}) = ${prob(probabilityOf(f.run.thresholdWeight))}.</p>` +
    parts.join('\n') + `<script>${SCRIPT}</script></body></html>\n`;
}
