/**
 * Organisation names: folded text, producers' sigles and abbreviations expanded to one spelling,
 * stop words removed. The result is a bag of tokens joined by spaces.
 */
import { fold } from './text.js';
import { speller } from './spelling.js';

/** Multi-word spellings rewritten to one canonical token (applied on folded text). */
const PHRASES: [RegExp, string][] = [
  [/\bcentre communal d action sociale\b/g, 'ccas'],
  [/\bcentre intercommunal d action sociale\b/g, 'cias'],
  [/\bmission locale\b/g, 'missionlocale'],
  [/\bpole emploi\b/g, 'francetravail'],
  [/\bfrance travail\b/g, 'francetravail'],
  [/\bmaison departementale des solidarites\b/g, 'mds'],
  // the conseillers numériques programme was "Conseiller numérique France Services" until 2023: a
  // person hosted by a place, not a France Services office
  [/\bconseillers? numeriques?( france services?)?\b/g, 'conseillernumerique'],
  [/\b(maison|espace) france services\b/g, 'franceservices'],
  [/\bfranc(e)? services\b/g, 'franceservices'],
  [/\bmaison de services au public\b/g, 'franceservices'],
  [/\bmsap\b/g, 'franceservices'],
  [/\bcentre d hebergement et de reinsertion sociale\b/g, 'chrs'],
  [/\brestos? du coeur\b/g, 'restosducoeur'],
  [/\brestaurants du coeur\b/g, 'restosducoeur'],
  [/\bsecours populaire( francais)?\b/g, 'secourspopulaire'],
  [/\bsecours catholique\b/g, 'secourscatholique'],
  [/\bcroix rouge( francaise)?\b/g, 'croixrouge'],
  [/\bcap emploi\b/g, 'capemploi'],
  [/\b(micro )?creches?( collective)?\b/g, 'creche'],
  [/\bmulti accueil\b/g, 'creche'],
  [/\bpoint information jeunesse\b/g, 'pij'],
  [/\bbureau information jeunesse\b/g, 'bij'],
  // the former name of the CCAS (before 1986), still in old directories
  [/\bbureau d aide sociale\b/g, 'ccas'],
  [/\bhotel de ville\b/g, 'mairie'],
  [/\bcentre medico psychologique\b/g, 'cmp'],
  [/\bcentre d information sur les droits des femmes et des familles\b/g, 'cidff'],
  [/\bcaisse d allocations familiales\b/g, 'caf'],
  [/\bcaisse primaire d assurance maladie\b/g, 'cpam'],
  [/\bassurance maladie\b/g, 'cpam'],
  // MDPH were merged into Maisons départementales de l'autonomie in most départements
  [/\bmaison departementale des personnes handicapees\b/g, 'mda'],
  [/\bmaison departementale de l autonomie\b/g, 'mda'],
  // the départements' local social offices go by several names
  [/\b(maison|espace) departementale? des solidarites\b/g, 'mds'],
  [/\bcentre medico social\b/g, 'mds'],
  [/\bcirconscription d action sociale\b/g, 'mds'],
  [/\betablissement et service d aide par le travail\b/g, 'esat'],
  [/\bplan local pour l insertion et l emploi\b/g, 'plie'],
  [/\bmaison de l emploi\b/g, 'mde'],
  [/\bespace public numerique\b/g, 'epn'],
  [/\bcyber base\b/g, 'epn'],
  // the places of "animation de la vie sociale" go by several names
  [/\bcentres? (social|sociaux)( et culturels?)?\b/g, 'centresocial'],
  [/\bcentre socio culturel\b/g, 'centresocial'],
  [/\bespace de vie sociale\b/g, 'centresocial'],
  [/\bmaison de quartier\b/g, 'centresocial'],
  [/\bfoyer de jeunes travailleurs\b/g, 'habitatjeunes'],
  [/\bhabitat jeunes\b/g, 'habitatjeunes'],
  [/\bpoint d acces au droit\b/g, 'pointjustice'],
  [/\bmaison de justice et du droit\b/g, 'pointjustice'],
  [/\bpoint justice\b/g, 'pointjustice'],
  [/\bpoint conseil budget\b/g, 'pcb'],
  [/\bpoint information mediation multi services\b/g, 'pimms'],
  [/\bateliers? et chantiers? d insertion\b/g, 'aci'],
  [/\bchantier d insertion\b/g, 'aci'],
  [/\bentreprise adaptee\b/g, 'ea'],
  [/\bassociation intermediaire\b/g, 'ai'],
  [/\bbibliotheque municipale\b/g, 'mediatheque'],
];

/**
 * A word every match of a phrase contains (its longest literal word, optional letters dropped):
 * most names contain none of the phrases, and a substring test is far cheaper than a regex.
 */
function keyword(re: RegExp): string {
  const literal = re.source.replace(/\\b/g, ' ').replace(/\([^)]*\)\??/g, ' ').replace(/.\?/g, '');
  return literal.split(/[^a-z]+/).reduce((a, b) => (b.length > a.length ? b : a), '');
}

const GATED: [string, RegExp, string][] = PHRASES.map(([re, rep]) => [keyword(re), re, rep]);
/** Any gate word: a name holding none is left as it is by every phrase (tested once, not per phrase). */
const ANY_GATE = new RegExp([...new Set(GATED.map(([w]) => w))].join('|'));

/** Single-token abbreviations → canonical token. */
const WORDS: Record<string, string> = {
  ml: 'missionlocale', pe: 'francetravail', asso: 'association', assoc: 'association',
  st: 'saint', ste: 'sainte', cte: 'communaute', cc: 'communaute', ctre: 'centre',
  dept: 'departement', dep: 'departement', mairie: 'mairie', ville: 'mairie',
  intercommunal: 'intercommunale', bd: 'boulevard', av: 'avenue', fr: 'france',
  mds: 'mds', emmaus: 'emmaus', mdph: 'mda', caf: 'caf', cpam: 'cpam', cdas: 'mds', mjd: 'pointjustice', pad: 'pointjustice',
  spf: 'secourspopulaire', paio: 'missionlocale', fjt: 'habitatjeunes', cat: 'esat', msap: 'franceservices',
  // "Commune de X", "Ville de X", "Hôtel de Ville de X": the town hall
  commune: 'mairie', bibliotheque: 'mediatheque', csc: 'centresocial', evs: 'centresocial', cyberbase: 'epn',
};

/** The words of the phrases and abbreviations above, spelled right (typos in them are restored). */
const correct = speller([
  ...PHRASES.flatMap(([re]) => re.source.replace(/\\b/g, ' ').split(/[^a-z]+/)),
  ...Object.keys(WORDS), 'services', 'emploi', 'mairie',
]);

/** Words that carry no identity in French organisation names (and a few English ones). */
export const NAME_STOP_WORDS = new Set([
  'de', 'du', 'des', 'd', 'la', 'le', 'les', 'l', 'et', 'a', 'au', 'aux', 'en', 'pour', 'par',
  'sur', 'un', 'une', 'the', 'of', 'and', 's', 'sa', 'sas', 'sarl', 'eurl', 'sasu',
  // "Agence France Travail de Sète" is "France Travail Sète"
  'agence',
  // legal forms: "Association Le Phare", "Le Phare (association)", "Asso Le Phare" are one name
  'association', 'scic', 'scop',
  // a network's word for its local unit: "Secours Catholique - Équipe de Lattes", "Croix-Rouge
  // française - Unité locale de Lunel", "Secours populaire - Comité d'Ugine"
  'equipe', 'comite', 'unite', 'locale', 'caritas',
]);

/** Dotted sigles written letter by letter ("C.C.A.S.", "G.E.I.Q") become one word. */
export function collapseSigles(value: string): string {
  return value.replace(/(?<![\p{L}\d])(?:\p{L}\.\s?){2,}\p{L}?\.?(?![\p{L}\d])/gu, (m) => ' ' + m.replace(/[.\s]/g, '') + ' ');
}

/**
 * Normalises an organisation name to a canonical bag of tokens (in their original order).
 *
 * @example
 *   normaliseName("Centre Communal d'Action Sociale de St-Denis") // "ccas saint denis"
 *   normaliseName('Pôle Emploi Rennes Nord')                      // "francetravail rennes nord"
 *   normaliseName('C.C.A.S. de Brest')                            // "ccas brest"
 */
export function normaliseName(value: string): string {
  let s = fold(collapseSigles(value));
  if (!s) return '';
  s = s.split(' ').map(correct).join(' ');
  if (ANY_GATE.test(s)) for (const [word, re, rep] of GATED) if (s.includes(word)) s = s.replace(re, rep);
  const out: string[] = [];
  for (const t of s.split(' ')) {
    if (!t || NAME_STOP_WORDS.has(t)) continue;
    const w = WORDS[t] ?? t;
    if (!out.includes(w) && !NAME_STOP_WORDS.has(w)) out.push(w);
  }
  return out.join(' ');
}
