/**
 * Organisation names: folded text, producers' sigles and abbreviations expanded to one spelling,
 * stop words removed. The result is a bag of tokens joined by spaces.
 */
import { fold } from './text.js';

/** Multi-word spellings rewritten to one canonical token (applied on folded text). */
const PHRASES: [RegExp, string][] = [
  [/\bcentre communal d action sociale\b/g, 'ccas'],
  [/\bcentre intercommunal d action sociale\b/g, 'cias'],
  [/\bmission locale\b/g, 'missionlocale'],
  [/\bpole emploi\b/g, 'francetravail'],
  [/\bfrance travail\b/g, 'francetravail'],
  [/\bmaison departementale des solidarites\b/g, 'mds'],
  [/\bmaison france services\b/g, 'franceservices'],
  [/\bfrance services\b/g, 'franceservices'],
  [/\bmaison de services au public\b/g, 'franceservices'],
  [/\bmsap\b/g, 'franceservices'],
  [/\bcentre d hebergement et de reinsertion sociale\b/g, 'chrs'],
  [/\brestos? du coeur\b/g, 'restosducoeur'],
  [/\brestaurants du coeur\b/g, 'restosducoeur'],
  [/\bsecours populaire( francais)?\b/g, 'secourspopulaire'],
  [/\bsecours catholique\b/g, 'secourscatholique'],
  [/\bcroix rouge( francaise)?\b/g, 'croixrouge'],
  [/\bpoint information jeunesse\b/g, 'pij'],
  [/\bbureau information jeunesse\b/g, 'bij'],
];

/** Single-token abbreviations → canonical token. */
const WORDS: Record<string, string> = {
  ml: 'missionlocale', pe: 'francetravail', asso: 'association', assoc: 'association',
  st: 'saint', ste: 'sainte', cte: 'communaute', cc: 'communaute', ctre: 'centre',
  dept: 'departement', dep: 'departement', mairie: 'mairie', ville: 'ville',
  intercommunal: 'intercommunale', bd: 'boulevard', av: 'avenue', fr: 'france',
  mds: 'mds', mdph: 'mdph', caf: 'caf', cpam: 'cpam',
};

/** Words that carry no identity in French organisation names (and a few English ones). */
export const NAME_STOP_WORDS = new Set([
  'de', 'du', 'des', 'd', 'la', 'le', 'les', 'l', 'et', 'a', 'au', 'aux', 'en', 'pour', 'par',
  'sur', 'un', 'une', 'the', 'of', 'and', 's', 'sa', 'sas', 'sarl', 'eurl', 'sasu',
]);

/**
 * Normalises an organisation name to a canonical bag of tokens (in their original order).
 *
 * @example
 *   normaliseName("Centre Communal d'Action Sociale de St-Denis") // "ccas saint denis"
 *   normaliseName('Pôle Emploi Rennes Nord')                      // "francetravail rennes nord"
 */
export function normaliseName(value: string): string {
  let s = fold(value);
  if (!s) return '';
  for (const [re, rep] of PHRASES) s = s.replace(re, rep);
  const out: string[] = [];
  for (const t of s.split(' ')) {
    if (!t || NAME_STOP_WORDS.has(t)) continue;
    out.push(WORDS[t] ?? t);
  }
  return out.join(' ');
}
