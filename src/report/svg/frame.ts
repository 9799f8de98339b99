/**
 * The frame every chart shares: an `<svg>` with a title (also as `<title>` for screen readers),
 * axes with ticks and labels, and a legend.
 */
import { esc, fmt } from './escape.js';
import type { Scale } from './scale.js';

export const W = 640, H = 300;
export const M = { top: 34, right: 16, bottom: 44, left: 58 };
export const COLORS = ['#1f6feb', '#d9480f', '#2b8a3e', '#862e9c', '#e8590c', '#495057'];

/**
 * An SVG chart around its body.
 *
 * @example
 *   frame('Cluster sizes', x, y, 'size', 'clusters', '<rect …/>')
 */
export function frame(
  title: string, x: Scale, y: Scale, xLabel: string, yLabel: string, body: string,
  legend: { label: string; color: string; dash?: boolean }[] = [], xTickFormat: (v: number) => string = (v) => fmt(v),
): string {
  const axisY = H - M.bottom;
  const xt = x.ticks.map((t) => `<g transform="translate(${x(t).toFixed(1)},${axisY})"><line y2="5" stroke="#888"/><text y="17" text-anchor="middle">${esc(xTickFormat(t))}</text></g>`).join('');
  const yt = y.ticks.map((t) => `<g transform="translate(${M.left},${y(t).toFixed(1)})"><line x1="-5" stroke="#888"/><line x2="${W - M.left - M.right}" stroke="#eee"/><text x="-8" dy="4" text-anchor="end">${esc(fmt(t))}</text></g>`).join('');
  const leg = legend.map((l, k) => `<g transform="translate(${M.left + 8 + k * 130},${M.top - 12})"><line x2="18" stroke="${l.color}" stroke-width="3"${l.dash ? ' stroke-dasharray="4 3"' : ''}/><text x="22" dy="4">${esc(l.label)}</text></g>`).join('');
  return `<svg class="chart" role="img" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg" font-family="system-ui,sans-serif" font-size="11">` +
    `<title>${esc(title)}</title><text class="chart-title" x="${M.left}" y="14" font-size="13" font-weight="600">${esc(title)}</text>` +
    `<g>${yt}</g><g>${xt}</g>` +
    `<line x1="${M.left}" x2="${W - M.right}" y1="${axisY}" y2="${axisY}" stroke="#888"/>` +
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 6}" text-anchor="middle">${esc(xLabel)}</text>` +
    `<text transform="translate(14,${(M.top + axisY) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>` +
    body + leg + '</svg>';
}

/**
 * A vertical marker line with a label (a threshold).
 *
 * @example
 *   marker(x(3.2), 'threshold 0.9', '#d9480f')
 */
export function marker(xpx: number, label: string, color: string, row = 0): string {
  if (!Number.isFinite(xpx)) return '';
  const y0 = M.top, y1 = H - M.bottom;
  const anchor = xpx > W * 0.7 ? 'end' : 'start';
  const dx = anchor === 'end' ? -4 : 4;
  return `<g class="marker"><line x1="${xpx.toFixed(1)}" x2="${xpx.toFixed(1)}" y1="${y0}" y2="${y1}" stroke="${color}" stroke-width="1.5" stroke-dasharray="5 3"/>` +
    `<text x="${(xpx + dx).toFixed(1)}" y="${y0 + 22 + row * 13}" text-anchor="${anchor}" fill="${color}">${esc(label)}</text></g>`;
}
