/**
 * Street addresses: folded, street types and repetition indexes canonical, postal boxes and
 * CEDEX mentions removed.
 */
import { fold } from './text.js';

const STREET_TYPES: Record<string, string> = {
  r: 'rue', rue: 'rue', av: 'avenue', ave: 'avenue', avn: 'avenue', avenue: 'avenue',
  bd: 'boulevard', bld: 'boulevard', blvd: 'boulevard', boul: 'boulevard', boulevard: 'boulevard', blv: 'boulevard',
  chem: 'chemin', che: 'chemin', ch: 'chemin', chemin: 'chemin', imp: 'impasse', impasse: 'impasse',
  pl: 'place', place: 'place', rte: 'route', route: 'route', all: 'allee', allee: 'allee', all_: 'allee',
  sq: 'square', square: 'square', crs: 'cours', cours: 'cours', fbg: 'faubourg', faubourg: 'faubourg',
  qu: 'quai', quai: 'quai', fg: 'faubourg', pass: 'passage', passage: 'passage', res: 'residence', residence: 'residence',
  lot: 'lotissement', lotissement: 'lotissement', za: 'za', zi: 'zi', zac: 'zac', st: 'saint', ste: 'sainte',
  // English (restaurants, Febrl)
  str: 'street', street: 'street', rd: 'road', road: 'road', dr: 'drive', drive: 'drive',
  ln: 'lane', lane: 'lane', pkwy: 'parkway', hwy: 'highway', cir: 'circuit', cct: 'circuit', cres: 'crescent',
  s: 'south', n: 'north', e: 'east', w: 'west',
};

const REPETITION: Record<string, string> = { b: 'bis', bis: 'bis', t: 'ter', ter: 'ter', q: 'quater', quater: 'quater' };

/** Words that mark a complement (floor, building, door…), not the street. */
const COMPLEMENT = /^(\d+(er|e|eme|ème)?\s+)?(etage|étage|batiment|bâtiment|bat|bât|porte|entree|entrée|immeuble|residence|résidence|escalier|esc|rez|rdc|appartement|appt|apt|bureau|local|hall|aile|chez|c\/o|boite|boîte|bp|cs|tsa|cedex)\b/i;
const POSTCODE = /\b\d{5}\b/;
const HOUSE_NUMBER_ONLY = /^\d{1,4}\s*(bis|ter|quater|[btq])?$/i;
const STREET = /\b(\d+|rue|r|av|avenue|bd|bld|boul|boulevard|chemin|chem|ch|impasse|imp|place|pl|route|rte|allee|allée|all|square|sq|cours|crs|faubourg|fbg|fg|quai|q|passage|lieu[- ]dit|hameau|parvis|esplanade|promenade|voie|street|road|st|ave|blvd|drive|lane|way)\b/i;

/**
 * The street part of an address line written on one line with its complement or its town
 * ("Porte 3, 2 rue Voltaire, 75015 Paris" → "2 rue Voltaire"): comma-separated parts that are a
 * postcode and town or a complement are dropped; the rest is kept.
 *
 * @example
 *   streetPart('26 Rue Charles de Gaulle, Immeuble Le Forum') // "26 Rue Charles de Gaulle"
 */
export function streetPart(value: string): string {
  const parts: string[] = [];
  for (const p of value.split(/[,;]/)) {
    const t = p.trim();
    if (!t) continue;
    // "26, quai de la Mairie": a house number alone is the start of the next part
    const prev = parts[parts.length - 1];
    if (prev !== undefined && HOUSE_NUMBER_ONLY.test(prev)) parts[parts.length - 1] = `${prev} ${t}`;
    else parts.push(t);
  }
  if (parts.length < 2) return value.replace(/\s\d{5}\s+\D*$/, '');
  const kept = parts.filter((p, k) => !(k > 0 && POSTCODE.test(p) && !/^\d{1,4}\b/.test(p)) && !COMPLEMENT.test(p));
  const streets = kept.filter((p) => STREET.test(p));
  return (streets.length ? streets : kept.length ? kept : parts).join(' ');
}

/**
 * Normalises an address line.
 *
 * @example
 *   normaliseAddress('12 B, av. Jean-Jaurès BP 45 CEDEX 3') // "12 bis avenue jean jaures"
 *   normaliseAddress('3bis r du Moulin')                    // "3 bis rue moulin"
 *   normaliseAddress('Porte 3, 2 Rue Voltaire, 75015 Paris') // "2 rue voltaire"
 */
export function normaliseAddress(value: string): string {
  let s = fold(streetPart(value));
  if (!s) return '';
  s = s
    .replace(/\b(bp|cs|tsa)\s*\d+\b/g, ' ')
    .replace(/\bcedex(\s*\d+)?\b/g, ' ')
    .replace(/\b(\d+)(bis|ter|quater|b|t|q)\b/g, '$1 $2');
  const tokens = s.split(/\s+/);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    const prev = out[out.length - 1];
    // "12 q rue Voltaire" is 12 quater; "26 q. de la Mairie" is a quai
    if (t === 'q' && prev !== undefined && /^\d+$/.test(prev) && !STREET_TYPES[tokens[i + 1] ?? '']) {
      out.push('quai');
      continue;
    }
    if (prev !== undefined && /^\d+$/.test(prev) && REPETITION[t]) {
      out.push(REPETITION[t]);
      continue;
    }
    if (t === 'de' || t === 'du' || t === 'des' || t === 'la' || t === 'le' || t === 'les' || t === 'l' || t === 'd') continue;
    out.push(STREET_TYPES[t] ?? t);
  }
  return out.join(' ');
}

/**
 * The house number of a normalised address (with its repetition index), or ''.
 *
 * @example
 *   houseNumber('12 bis avenue jean jaures') // "12bis"
 */
export function houseNumber(normalised: string): string {
  const m = /^(\d+)(?: (bis|ter|quater))?\b/.exec(normalised);
  return m ? m[1] + (m[2] ?? '') : '';
}
