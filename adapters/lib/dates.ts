/**
 * Producers' dates to `YYYY-MM-DD`: ISO dates and date-times (with or without offset),
 * `DD/MM/YYYY` (with or without a time), `YYYY-MM-DD HH:MM:SS`, `YYYYMMDD` (LHEO), epoch seconds or milliseconds, and JavaScript Dates
 * (exceljs). A date-time with an offset is read in the process time zone (pinned in tests).
 */

const pad = (n: number) => String(n).padStart(2, '0');

function local(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function valid(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * The calendar date of a raw value, or null when it is not a date.
 *
 * @example
 *   isoDate('14/03/2025')              // '2025-03-14'
 *   isoDate('14/03/2025 09:30')        // '2025-03-14' (Airtable CSV exports)
 *   isoDate('2025-03-14 17:42:00')     // '2025-03-14'
 *   isoDate('2025-03-14T23:30:00Z')    // '2025-03-15' in Europe/Paris
 *   isoDate(1741996800)                // '2025-03-15' (epoch seconds)
 *   isoDate('20250314')                // '2025-03-14' (LHEO)
 */
export function isoDate(value: unknown): string | null {
  if (value instanceof Date) {
    // exceljs gives dates at UTC midnight for date-only cells
    return value.getUTCHours() === 0 && value.getUTCMinutes() === 0 ? value.toISOString().slice(0, 10) : local(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return null;
    return local(new Date(value < 1e11 ? value * 1000 : value));
  }
  if (typeof value !== 'string') return null;
  const s = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return valid(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]\d{1,2}[:h]\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) return valid(+m[3], +m[2], +m[1]);
  m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?$/.exec(s);
  if (m) return valid(+m[1], +m[2], +m[3]); // no offset: a local date-time
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) return local(new Date(s));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s); // LHEO `datemaj="20250314"`
  if (m) return valid(+m[1], +m[2], +m[3]);
  if (/^\d{9,13}$/.test(s)) return isoDate(Number(s));
  return null;
}

/**
 * `date_maj` of a record: the ISO date, or the raw text when it is not a date, so that validation
 * reports the producer's value (`format:date`) instead of a bare "missing".
 *
 * @example
 *   dateMaj('2024-13-45') // '2024-13-45' (rejected by validation)
 */
export function dateMaj(value: unknown): string | null {
  const d = isoDate(value);
  if (d) return d;
  if (value === null || value === undefined || value === '') return null;
  return String(value);
}
