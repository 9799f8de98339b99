/**
 * French phone numbers, and every common way of writing one.
 */
import type { Commune } from './geo.js';
import type { Rng } from './rng.js';

const DOM_PREFIX: Record<string, string> = { '971': '0590', '972': '0596', '973': '0594', '974': '0262', '976': '0269' };
const DOM_COUNTRY: Record<string, string> = { '971': '590', '972': '596', '973': '594', '974': '262', '976': '269' };
const EAST_OCCITANIE = new Set(['11', '30', '34', '48', '66']);
const BY_REGION: Record<string, string> = {
  '11': '01', '24': '02', '28': '02', '52': '02', '53': '02', '27': '03', '32': '03', '44': '03',
  '84': '04', '93': '04', '94': '04', '75': '05', '76': '05',
};

/**
 * A 10-digit national number (0XXXXXXXXX): a landline of the commune's area, or a mobile.
 *
 * @example
 *   drawPhone(rennes, rng) // e.g. '0299451287'
 */
export function drawPhone(c: Commune, rng: Rng, mobile = false): string {
  if (mobile) return `0${rng.chance(0.7) ? 6 : 7}${rng.digits(8)}`;
  const dom = DOM_PREFIX[c.departement];
  if (dom) return dom + rng.digits(6);
  const area = c.region === '76' && EAST_OCCITANIE.has(c.departement) ? '04' : BY_REGION[c.region] ?? '05';
  return area + String(rng.range(1, 9)) + rng.digits(7);
}

/** Country code for a national number (33, or the DROM's own). */
function country(national: string): string {
  for (const [dept, prefix] of Object.entries(DOM_PREFIX)) if (national.startsWith(prefix)) return DOM_COUNTRY[dept] as string;
  return '33';
}

const pairs = (s: string) => s.match(/.{1,2}/g)?.join(' ') ?? s;

/**
 * Writes a national number in one of the formats producers use.
 *
 * @example
 *   formatPhone('0299451287', rng) // '02 99 45 12 87', '+33 2 99 45 12 87', '02.99.45.12.87', ...
 */
export function formatPhone(national: string, rng: Rng): string {
  const cc = country(national);
  const rest = national.slice(1);
  const r = rng.next();
  if (r < 0.42) return pairs(national);
  if (r < 0.58) return national;
  if (r < 0.66) return pairs(national).replace(/ /g, '.');
  if (r < 0.7) return pairs(national).replace(/ /g, '-');
  if (r < 0.8) return `+${cc} ${rest[0]} ${pairs(rest.slice(1))}`;
  if (r < 0.88) return `+${cc}${rest}`;
  if (r < 0.91) return `+${cc} (0)${rest[0]} ${pairs(rest.slice(1))}`;
  if (r < 0.93) return `00${cc} ${rest}`;
  if (r < 0.95) return `(+${cc}) ${rest[0]} ${pairs(rest.slice(1))}`;
  if (r < 0.97) return `${rng.pick(['Tél : ', 'Tel. ', 'Tél. '])}${pairs(national)}`;
  if (r < 0.985) return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
  return rest; // leading zero lost in a spreadsheet
}

/** A short national number as written ("3949", "39 49"). */
export const formatShort = (n: string, rng: Rng): string => (rng.chance(0.7) ? n : `${n.slice(0, 2)} ${n.slice(2)}`);
