/**
 * Phone numbers to E.164, French overseas prefixes first, the way the national pipeline does.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** French national prefixes (after the trunk 0) that belong to an overseas country code. */
const OVERSEAS: [string, string][] = [
  ['262', '262'], ['263', '262'], ['692', '262'], ['693', '262'], // La Réunion
  ['269', '262'], ['639', '262'], // Mayotte
  ['590', '590'], ['690', '590'], ['691', '590'], // Guadeloupe, Saint-Martin, Saint-Barthélemy
  ['594', '594'], ['694', '594'], // Guyane
  ['596', '596'], ['696', '596'], ['697', '596'], // Martinique
  ['508', '508'], // Saint-Pierre-et-Miquelon
];

/**
 * Normalises one phone number; '' when absent, unparseable or when the string holds several numbers.
 * Short service numbers (3631, 15, 116000) stay as their digits.
 *
 * @example
 *   normalisePhone('01 23 45 67 89')      // "+33123456789"
 *   normalisePhone('0262 12 34 56')       // "+262262123456"
 *   normalisePhone('3631')                // "3631"
 *   normalisePhone('310/246-1501', 'US')  // "+13102461501"
 */
export function normalisePhone(value: string, defaultCountry: string = 'FR'): string {
  const raw = value.trim();
  if (!raw) return '';
  const plus = /^\s*(\+|00)/.test(raw);
  let digits = raw.replace(/\D+/g, '');
  if (!digits) return '';
  if (digits.length >= 18) return '';
  if (!plus && digits.length <= 6) return digits;
  if (plus) {
    if (digits.startsWith('00')) digits = digits.slice(2);
    if (digits.startsWith('330') && digits.length === 12) digits = '33' + digits.slice(3);
    const p = parsePhoneNumberFromString('+' + digits);
    return p && p.isPossible() ? p.number : '+' + digits;
  }
  if (defaultCountry === 'FR') {
    if (digits.length === 9 && digits[0] !== '0') digits = '0' + digits;
    if (digits.length === 10 && digits[0] === '0') {
      const national = digits.slice(1);
      for (const [prefix, cc] of OVERSEAS) if (national.startsWith(prefix)) return '+' + cc + national;
      return '+33' + national;
    }
    if (digits.length > 10 && /\s*(\/|;|,| ou | et )\s*/.test(raw)) return '';
  }
  const p = parsePhoneNumberFromString(raw, defaultCountry as CountryCode);
  if (p && p.isPossible()) return p.number;
  return digits;
}
