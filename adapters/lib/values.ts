/**
 * Small, total conversions from raw producer values to schema v1 scalars. None throws: a value
 * that cannot be converted comes back as `null` (or unchanged, for validation to reject).
 */

/**
 * A trimmed, non-empty string, or null. Numbers become their decimal text.
 *
 * @example
 *   str('  CCAS  ') // 'CCAS'
 *   str('')        // null
 */
export function str(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value !== 'string') return null;
  const t = value.replace(/\u00a0/g, ' ').trim();
  return t === '' ? null : t;
}

/**
 * The first non-empty string of a value that may be an array or a separated list.
 *
 * @example
 *   first(['', 'a@b.fr', 'c@d.fr']) // 'a@b.fr'
 */
export function first(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const v of value) {
      const s = str(v);
      if (s) return s;
    }
    return null;
  }
  return str(value);
}

/**
 * A list from an array, or from a string separated by `,` `;` or `|`.
 *
 * @example
 *   list('jeunes, femmes') // ['jeunes', 'femmes']
 */
export function list(value: unknown, separators: RegExp = /[,;|]/): string[] {
  if (value === null || value === undefined) return [];
  const parts = Array.isArray(value) ? value.map(str) : (str(value) ?? '').split(separators).map(str);
  return parts.filter((p): p is string => p !== null);
}

/**
 * A finite number from a number or a decimal string (comma accepted), else null.
 *
 * @example
 *   num('48,11') // 48.11
 */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const s = str(value);
  if (s === null) return null;
  const n = Number(s.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/** An integer ≥ 1, or null. */
export function positiveInt(value: unknown): number | null {
  const n = num(value);
  return n !== null && Number.isInteger(n) && n >= 1 ? n : null;
}

/**
 * A SIRET with its spaces removed; a pivot of zeros means "no SIRET". Other text is kept as is
 * so that validation reports it.
 *
 * @example
 *   siret('130 030 133 00016')  // '13003013300016'
 *   siret('00000000000000')     // null
 */
export function siret(value: unknown): string | null {
  const s = str(value);
  if (s === null) return null;
  const digits = s.replace(/[\s.]/g, '');
  if (/^0+$/.test(digits)) return null;
  return /^\d+$/.test(digits) ? digits : s;
}

/**
 * A web address: `www.x.fr` gets `https://`; anything else is kept for validation to judge.
 *
 * @example
 *   url('www.ccas-rennes.fr') // 'https://www.ccas-rennes.fr'
 */
export function url(value: unknown): string | null {
  const s = str(value);
  if (s === null) return null;
  if (/^www\./i.test(s) || /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(s)) return `https://${s}`;
  return s;
}

/** A lower-cased email without spaces or a `mailto:` prefix. */
export function email(value: unknown): string | null {
  const s = first(value);
  if (s === null) return null;
  return s.replace(/^mailto:/i, '').trim().toLowerCase();
}

/**
 * A 5-digit postal code (an Excel number loses its leading zero: 6200 → '06200').
 *
 * @example
 *   postalCode(6200) // '06200'
 */
export function postalCode(value: unknown): string | null {
  const s = str(value);
  if (s === null) return null;
  const compact = s.replace(/\s/g, '');
  return /^\d{4}$/.test(compact) ? `0${compact}` : compact;
}

/** A 5-character INSEE code (same leading-zero repair as postal codes). */
export const inseeCode = postalCode;

/** Names longer than the schema allows are cut at 150 characters, as the national pipeline does. */
export const NAME_MAX = 150;

/**
 * Joins non-empty texts with a blank line.
 *
 * @example
 *   paragraphs('Accueil.', null, 'Sur rendez-vous.') // 'Accueil.\n\nSur rendez-vous.'
 */
export function paragraphs(...parts: unknown[]): string | null {
  const kept = parts.map(str).filter((p): p is string => p !== null);
  return kept.length ? kept.join('\n\n') : null;
}

/** Removes keys whose value is undefined, so records stay compact and comparable. */
export function compact<T extends Record<string, unknown>>(record: T): T {
  for (const k of Object.keys(record)) if (record[k] === undefined) delete record[k];
  return record;
}
