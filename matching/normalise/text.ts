/**
 * Text folding shared by every normaliser: lower case, accents removed, punctuation to spaces.
 */

const COMBINING = /[\u0300-\u036f]/g;
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

/**
 * Lower case, strip accents and ligatures, turn punctuation into single spaces.
 *
 * @example
 *   fold("  L'Œuvre d'Orient — Saint-Étienne ") // "l oeuvre d orient saint etienne"
 */
export function fold(value: string): string {
  let s = value.toLowerCase();
  if (/[^\x00-\x7f]/.test(s)) {
    s = s.normalize('NFD').replace(COMBINING, '').replace(/[œæß]/g, (c) => LIGATURES[c] ?? c);
  }
  return s.replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * A value read from any input as a trimmed string, or '' when absent.
 *
 * @example
 *   asText(null) // ""
 *   asText(" 42 ") // "42"
 */
export function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (Array.isArray(value)) return value.map(asText).filter(Boolean).join(' ');
  return String(value).trim();
}
