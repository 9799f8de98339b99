/**
 * Phone numbers as the national pipeline publishes them: E.164 when the number is valid (French
 * numbering by default, overseas departments recognised by their prefix), short numbers (3631,
 * 115, 116000) kept as digits, several numbers in one string → null.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

const OVERSEAS: CountryCode[] = ['RE', 'GP', 'GF', 'MQ', 'YT', 'PM', 'WF', 'PF', 'NC'];

/**
 * National prefixes of the overseas departments: libphonenumber accepts `0262…` as a metropolitan
 * number, so these are read in their own country first (+262, +590, +594, +596, +508).
 */
const OVERSEAS_PREFIXES: [RegExp, CountryCode][] = [
  [/^0(262|263|692|693)/, 'RE'], [/^0(269|639)/, 'YT'], [/^0(590|690|691)/, 'GP'], [/^0(594|694)/, 'GF'],
  [/^0(596|696|697)/, 'MQ'], [/^0508/, 'PM'],
];

/**
 * @example
 *   phone('02 99 00 11 22')     // '+33299001122'
 *   phone('0262 40 00 00')      // '+262262400000'
 *   phone('0692 12 34 56')      // '+262692123456'
 *   phone('3949')               // '3949'
 *   phone('02 99 00 11 22 / 06 12 34 56 78') // null (two numbers)
 */
export function phone(value: unknown): string | null {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string') return null;
  const raw = value.trim();
  if (raw === '') return null;
  const digits = raw.replace(/[^\d+]/g, '');
  if (/^\d{3,6}$/.test(digits)) return digits;
  if (digits.replace(/^\+/, '').length > 15) return null;
  if (/^\d{9}$/.test(digits)) return phone(`0${digits}`); // Excel ate the leading zero
  const home = /^0\d{9}$/.test(digits) ? OVERSEAS_PREFIXES.find(([re]) => re.test(digits))?.[1] : undefined;
  for (const country of [...(home ? [home] : []), 'FR', ...OVERSEAS] as CountryCode[]) {
    const p = parsePhoneNumberFromString(raw, country);
    if (p && p.isValid()) return p.number;
  }
  return null;
}

/** The first usable number of a list (DORA/Soliguide/Fredo deliver several). */
export function firstPhone(values: unknown[]): string | null {
  for (const v of values) {
    const p = phone(v);
    if (p) return p;
  }
  return null;
}
