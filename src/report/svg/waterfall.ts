/**
 * The waterfall of one pair: prior, then each comparison's contribution (Bayes factor plus
 * term-frequency adjustment) as a step from the running total, ending at the match weight.
 */
import { esc, fmt } from './escape.js';

export interface Step { name: string; detail: string; value: number }

/**
 * A compact waterfall SVG.
 *
 * @example
 *   waterfall([{ name: 'prior', detail: '', value: -9 }, { name: 'nom', detail: 'exact', value: 12 }], 0.9)
 */
export function waterfall(steps: Step[], thresholdWeight: number): string {
  const rowH = 15, left = 170, w = 520, right = 50;
  let run = 0, lo = Math.min(0, thresholdWeight), hi = Math.max(0, thresholdWeight);
  const spans = steps.map((s) => { const a = run; run += s.value; lo = Math.min(lo, a, run); hi = Math.max(hi, a, run); return [a, run] as const; });
  lo = Math.min(lo, run); hi = Math.max(hi, run);
  const x = (v: number) => left + ((v - lo) / (hi - lo || 1)) * (w - left - right);
  const h = (steps.length + 1) * rowH + 6;
  let body = '';
  steps.forEach((s, k) => {
    const [a, b] = spans[k];
    const y = k * rowH + 3;
    const color = k === 0 ? '#868e96' : s.value >= 0 ? '#2b8a3e' : '#c92a2a';
    body += `<text x="${left - 4}" y="${y + 11}" text-anchor="end">${esc(s.name)}${s.detail ? ': ' + esc(s.detail.length > 22 ? s.detail.slice(0, 21) + '…' : s.detail) : ''}</text>` +
      `<rect x="${Math.min(x(a), x(b)).toFixed(1)}" y="${y + 2}" width="${Math.max(1, Math.abs(x(b) - x(a))).toFixed(1)}" height="${rowH - 4}" fill="${color}"/>` +
      `<text x="${(Math.max(x(a), x(b)) + 3).toFixed(1)}" y="${y + 11}">${s.value >= 0 ? '+' : ''}${fmt(s.value)}</text>`;
  });
  const yT = steps.length * rowH + 3;
  body += `<text x="${left - 4}" y="${yT + 11}" text-anchor="end" font-weight="600">match weight</text>` +
    `<rect x="${Math.min(x(0), x(run)).toFixed(1)}" y="${yT + 2}" width="${Math.max(1, Math.abs(x(run) - x(0))).toFixed(1)}" height="${rowH - 4}" fill="#1f6feb"/>` +
    `<text x="${(Math.max(x(0), x(run)) + 3).toFixed(1)}" y="${yT + 11}" font-weight="600">${fmt(run)}</text>` +
    `<line x1="${x(thresholdWeight).toFixed(1)}" x2="${x(thresholdWeight).toFixed(1)}" y1="0" y2="${h}" stroke="#d9480f" stroke-dasharray="3 2"><title>threshold</title></line>` +
    `<line x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="0" y2="${h}" stroke="#adb5bd"/>`;
  return `<svg class="waterfall" role="img" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg" font-family="system-ui,sans-serif" font-size="10"><title>waterfall</title>${body}</svg>`;
}
