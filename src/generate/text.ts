/**
 * String helpers that reproduce how producers spell the same thing differently: accents, case,
 * apostrophes, hyphens, typing slips.
 */
import type { Rng } from './rng.js';

/** Removes diacritics and folds ligatures (œ → oe, æ → ae). */
export function stripAccents(s: string): string {
  // plain ASCII needs no work; short repeated strings (communes, streets) are cached
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  if (s.length <= 48) {
    const hit = accentCache.get(s);
    if (hit !== undefined) return hit;
    if (accentCache.size > 50000) accentCache.clear();
    const out = fold(s);
    accentCache.set(s, out);
    return out;
  }
  return fold(s);
}

const accentCache = new Map<string, string>();

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').replace(/Æ/g, 'AE');
}

/** Upper case without accents, the way La Poste, FINESS and many legacy systems print names. */
export const upperAscii = (s: string): string => stripAccents(s).toUpperCase();

const SMALL_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'et', 'en', 'à', 'au', 'aux', 'pour', 'sur', "d'", "l'"]);

/**
 * Title Case as spreadsheets produce it: every word capitalised except short French link words.
 *
 * @example
 *   titleCase('centre communal d’action sociale de rennes') // 'Centre Communal d’Action Sociale de Rennes'
 */
export function titleCase(s: string): string {
  return s
    .toLowerCase()
    .split(' ')
    .map((w, i) => {
      if (i > 0 && SMALL_WORDS.has(w)) return w;
      return w.replace(/(^|[-'’(])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
    })
    .join(' ');
}

/** A URL/email-safe slug: lower case ASCII, words joined by `sep`. */
export function slugify(s: string, sep = '-'): string {
  const words = stripAccents(s).toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.join(sep);
}

const AZERTY_NEIGHBOURS: Record<string, string> = {
  a: 'zqs', z: 'aes', e: 'zrd', r: 'etf', t: 'ryg', y: 'tuh', u: 'yij', i: 'uok', o: 'ipl', p: 'om',
  q: 'asw', s: 'qdz', d: 'sfe', f: 'dgr', g: 'fht', h: 'gjy', j: 'hku', k: 'jli', l: 'kmo', m: 'lp',
  w: 'xqs', x: 'wcs', c: 'xvd', v: 'cbf', b: 'vng', n: 'bhj',
};

/**
 * One typing slip: a dropped, doubled, swapped or neighbouring-key letter, away from the first
 * letter (people rarely mistype the start of a name).
 *
 * @example
 *   typo('Secours populaire', rng) // e.g. 'Secours popualire'
 */
export function typo(s: string, rng: Rng): string {
  const letters: number[] = [];
  for (let i = 1; i < s.length; i++) if (/\p{L}/u.test(s[i] as string)) letters.push(i);
  if (letters.length < 3) return s;
  const i = rng.pick(letters);
  const ch = s[i] as string;
  switch (rng.int(4)) {
    case 0: return s.slice(0, i) + s.slice(i + 1);
    case 1: return s.slice(0, i) + ch + s.slice(i);
    case 2: {
      const next = s[i + 1];
      if (next === undefined || !/\p{L}/u.test(next)) return s.slice(0, i) + s.slice(i + 1);
      return s.slice(0, i) + next + ch + s.slice(i + 2);
    }
    default: {
      const lower = stripAccents(ch).toLowerCase();
      const near = AZERTY_NEIGHBOURS[lower];
      if (!near) return s.slice(0, i) + s.slice(i + 1);
      const rep = near[rng.int(near.length)] as string;
      return s.slice(0, i) + (ch === ch.toUpperCase() ? rep.toUpperCase() : rep) + s.slice(i + 1);
    }
  }
}

/** Typographic (’) or straight (') apostrophes. */
export const straightApostrophes = (s: string): string => s.replace(/’/g, "'");
export const curlyApostrophes = (s: string): string => s.replace(/'/g, '’');

/** "Saint-Malo" → "St-Malo" / "St Malo", as address and name fields often abbreviate. */
export function abbreviateSaint(s: string, rng: Rng): string {
  return s.replace(/\bSainte?(?=[- ])/g, (m) => (m === 'Sainte' ? (rng.chance(0.5) ? 'Ste' : 'Ste.') : rng.chance(0.5) ? 'St' : 'St.'));
}

/** Hyphens of compound names to spaces ("Saint-Malo" → "Saint Malo"). */
export const hyphensToSpaces = (s: string): string => s.replace(/(\p{L})-(\p{L})/gu, '$1 $2');

/** Collapses runs of spaces and trims. */
export const tidy = (s: string): string => s.replace(/\s+/g, ' ').trim();
