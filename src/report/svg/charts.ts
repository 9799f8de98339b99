/**
 * The report's charts, rendered to SVG strings on the server: histograms (stacked), line charts
 * with threshold markers, and horizontal bars.
 */
import { esc, fmt } from './escape.js';
import { linear } from './scale.js';
import { frame, marker, W, H, M, COLORS } from './frame.js';

export interface Marker { at: number; label: string; color?: string }

/**
 * A histogram of pre-binned counts, one stacked series per entry of `series`.
 *
 * @example
 *   histogram('Match weights', [0, 1, 2], [{ label: 'pairs', counts: [3, 5] }], 'match weight', 'pairs')
 */
export function histogram(
  title: string, edges: number[], series: { label: string; counts: number[] }[], xLabel: string, yLabel: string,
  markers: Marker[] = [], opts: { log?: boolean } = {},
): string {
  const bins = edges.length - 1;
  const totals = Array.from({ length: bins }, (_, b) => series.reduce((s, x) => s + x.counts[b], 0));
  const tr = (v: number) => (opts.log ? Math.log10(1 + v) : v);
  const x = linear([edges[0], edges[bins]], [M.left, W - M.right]);
  const y = linear([0, Math.max(1, tr(Math.max(0, ...totals)))], [H - M.bottom, M.top + 10]);
  let body = '';
  for (let b = 0; b < bins; b++) {
    let acc = 0;
    series.forEach((s, k) => {
      const c = s.counts[b];
      if (!c) return;
      const y0 = y(tr(acc)), y1 = y(tr(acc + c));
      acc += c;
      const x0 = x(edges[b]), x1 = x(edges[b + 1]);
      body += `<rect x="${(x0 + 0.5).toFixed(1)}" y="${y1.toFixed(1)}" width="${Math.max(1, x1 - x0 - 1).toFixed(1)}" height="${Math.max(0.5, y0 - y1).toFixed(1)}" fill="${COLORS[k]}"><title>${esc(s.label)} [${fmt(edges[b])}, ${fmt(edges[b + 1])}): ${c}</title></rect>`;
    });
  }
  markers.forEach((m, k) => { body += marker(x(m.at), m.label, m.color ?? '#c92a2a', k); });
  const yl = opts.log ? `${yLabel} (log scale: log10(1 + n))` : yLabel;
  return frame(title, x, y, xLabel, yl, body, series.length > 1 ? series.map((s, k) => ({ label: s.label, color: COLORS[k] })) : []);
}

/**
 * Line chart of several series over a shared x.
 *
 * @example
 *   lines('F1 by threshold', [{ label: 'F1', points: [[0, 0.5], [1, 0.8]] }], 'match weight', 'score')
 */
export function lines(
  title: string, series: { label: string; points: [number, number][]; dash?: boolean }[], xLabel: string, yLabel: string,
  markers: Marker[] = [], domain?: { x?: [number, number]; y?: [number, number] },
): string {
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const x = linear(domain?.x ?? [Math.min(...xs), Math.max(...xs)], [M.left, W - M.right]);
  const y = linear(domain?.y ?? [Math.min(0, ...ys), Math.max(...ys)], [H - M.bottom, M.top + 10]);
  let body = '';
  series.forEach((s, k) => {
    if (!s.points.length) return;
    const d = s.points.map((p, q) => `${q ? 'L' : 'M'}${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join('');
    body += `<path class="series" d="${d}" fill="none" stroke="${COLORS[k]}" stroke-width="2"${s.dash ? ' stroke-dasharray="4 3"' : ''}><title>${esc(s.label)}</title></path>`;
  });
  markers.forEach((m, k) => { body += marker(x(m.at), m.label, m.color ?? '#c92a2a', k); });
  return frame(title, x, y, xLabel, yLabel, body, series.map((s, k) => ({ label: s.label, color: COLORS[k], dash: s.dash })));
}

/**
 * Horizontal bars, one per labelled value (negative values drawn left of zero).
 *
 * @example
 *   hbars('Candidate pairs per rule', [{ label: 'telephone', value: 122 }], 'pairs')
 */
export function hbars(title: string, bars: { label: string; value: number; note?: string; color?: string }[], xLabel: string): string {
  const rowH = 18, left = 190, right = 60;
  const h = M.top + 10 + bars.length * rowH + 34;
  const lo = Math.min(0, ...bars.map((b) => b.value)), hi = Math.max(0, ...bars.map((b) => b.value));
  const x = linear([lo, hi || 1], [left, W - right]);
  const zero = x(0);
  let body = '';
  bars.forEach((b, k) => {
    const yy = M.top + 10 + k * rowH;
    const x0 = Math.min(zero, x(b.value)), x1 = Math.max(zero, x(b.value));
    const color = b.color ?? (b.value >= 0 ? COLORS[0] : COLORS[1]);
    body += `<g><text x="${left - 6}" y="${yy + 12}" text-anchor="end">${esc(b.label.length > 30 ? b.label.slice(0, 29) + '…' : b.label)}</text>` +
      `<rect x="${x0.toFixed(1)}" y="${yy + 2}" width="${Math.max(1, x1 - x0).toFixed(1)}" height="${rowH - 5}" fill="${color}"><title>${esc(b.label)}: ${fmt(b.value)}${b.note ? ` (${esc(b.note)})` : ''}</title></rect>` +
      `<text x="${(x1 + 4).toFixed(1)}" y="${yy + 12}">${esc(fmt(b.value))}</text></g>`;
  });
  const axisY = h - 34;
  const ticks = x.ticks.map((t) => `<g transform="translate(${x(t).toFixed(1)},${axisY})"><line y2="5" stroke="#888"/><text y="17" text-anchor="middle">${esc(fmt(t))}</text></g>`).join('');
  return `<svg class="chart" role="img" viewBox="0 0 ${W} ${h}" width="${W}" height="${h}" xmlns="http://www.w3.org/2000/svg" font-family="system-ui,sans-serif" font-size="11">` +
    `<title>${esc(title)}</title><text class="chart-title" x="${left}" y="14" font-size="13" font-weight="600">${esc(title)}</text>` +
    `<line x1="${zero.toFixed(1)}" x2="${zero.toFixed(1)}" y1="${M.top + 6}" y2="${axisY}" stroke="#888"/>${ticks}` +
    `<text x="${(left + W - right) / 2}" y="${h - 4}" text-anchor="middle">${esc(xLabel)}</text>${body}</svg>`;
}
