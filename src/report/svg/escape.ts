/**
 * Escapes text for HTML and SVG.
 *
 * @example
 *   esc('a < b & "c"') // 'a &lt; b &amp; &quot;c&quot;'
 */
export const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A number shown compactly: integers with thin spaces, others with a few significant digits.
 *
 * @example
 *   fmt(1234567) // '1 234 567'
 */
export function fmt(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return v.toLocaleString('en-US').replace(/,/g, '\u202f');
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(digits - 1);
  return Number(v.toPrecision(digits)).toString();
}
