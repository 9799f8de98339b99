/**
 * SIREN / SIRET numbers that pass (or, on purpose, fail) the Luhn check, and the native ids each
 * producer uses.
 */
import { hashSeed, type Rng } from './rng.js';

/** Luhn digit that completes `body` (whose check digit will be appended last). */
export function luhnComplete(body: string): string {
  let sum = 0;
  // positions counted from the right once the check digit is appended: body's last digit is doubled
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** La Poste's SIREN, whose SIRETs famously fail Luhn. */
export const LA_POSTE = '356000000';
/** France Travail's SIREN (formerly Pôle emploi's). */
export const FRANCE_TRAVAIL_SIREN = '130005481';

/**
 * A Luhn-valid SIREN with the given leading digits (2 for local authorities, 26 for CCAS, 7/8 for
 * associations, 1 for State bodies), drawn from `rng`.
 *
 * @example
 *   siren(rng, '26') // e.g. '263500436'
 */
export function siren(rng: Rng, prefix: string): string {
  return luhnComplete(prefix + rng.digits(8 - prefix.length));
}

/** A SIREN derived from a key alone: the same network in the same département always gets the same one. */
export function stableSiren(key: string, prefix: string): string {
  let h = hashSeed(key);
  let body = prefix;
  while (body.length < 8) {
    body += String(h % 10);
    h = Math.floor(h / 10) || hashSeed(`${key}/${body}`);
  }
  return luhnComplete(body);
}

/**
 * A SIRET for establishment number `establishment` of a SIREN: NIC = 4 digits + the digit that
 * makes the 14 digits Luhn-valid. La Poste's establishments use sequential NICs, not Luhn-valid.
 *
 * @example
 *   siret('213502388', 1) // '21350238800018'
 */
export function siret(sirenNumber: string, establishment: number): string {
  const nic4 = String(establishment % 10000).padStart(4, '0');
  if (sirenNumber === LA_POSTE) return `${sirenNumber}${nic4}${establishment % 10}`;
  return luhnComplete(sirenNumber + nic4);
}

/** The native id each producer gives its records, as `<source>--<native>` strings. */
export type IdScheme = 'uuid' | 'int' | 'ft-agence' | 'mednum' | 'airtable' | 'finess' | 'carif' | 'action-logement' | 'ml';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const FT_REGIONS = ['IDF', 'BRE', 'NAQ', 'OCC', 'ARA', 'PAC', 'HDF', 'GES', 'NOR', 'PDL', 'CVL', 'BFC', 'COR', 'REU', 'GUA', 'MAR', 'GUY', 'MAY'];
const MEDNUM_PREFIXES = ['', '', '', 'conseiller-numerique-', 'aidants-connect-', 'hinaura-', 'france-services-', 'res-in-', 'fibre-64-'];

/**
 * The native part of an id, unique within the source: `counter` is the record's rank in its
 * source, and every scheme embeds it (scrambled) so two records never collide.
 */
export function nativeId(scheme: IdScheme, counter: number, rng: Rng, dept: string): string {
  switch (scheme) {
    case 'uuid': return rng.uuid();
    case 'int': return String(1 + counter * 3 + rng.int(3));
    case 'ft-agence': return `${FT_REGIONS[hashSeed(dept) % FT_REGIONS.length]}${String(counter).padStart(4, '0')}`;
    case 'mednum': {
      const p = rng.pick(MEDNUM_PREFIXES);
      return p === 'hinaura-' || p === 'fibre-64-' ? `${p}${100 + counter}` : `${p}${rng.uuid()}`;
    }
    case 'airtable': return `rec${rng.chars(8, ALNUM)}${counter.toString(36).padStart(6, '0')}`;
    case 'finess': return `${dept.length === 2 ? dept : dept.slice(0, 2)}0${String(counter).padStart(6, '0')}`;
    case 'carif': return `OF_${String(10000 + counter)}${rng.chars(2, 'ABCDEFGH')}`;
    case 'action-logement': return `AL-${String(counter).padStart(5, '0')}`;
    case 'ml': return `ml-${String(counter).padStart(5, '0')}-${rng.chars(4, 'abcdefghjkmnpqrstuvwxyz')}`;
  }
}
