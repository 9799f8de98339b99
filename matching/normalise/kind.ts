/**
 * The kind of office a name states ("Mairie de Pabu" → mairie, "C.C.A.S. de Pabu" → ccas): offices
 * of different kinds often share a building, a switchboard and a SIREN (a town hall hosting its
 * CCAS and France Services desk), and their names are then the only evidence they are distinct.
 */
import { normaliseName } from './name.js';

/** Canonical tokens (as {@link normaliseName} writes them) that name a kind of office. */
export const KIND_TOKENS: ReadonlySet<string> = new Set([
  'mairie', 'ccas', 'cias', 'franceservices', 'missionlocale', 'francetravail', 'capemploi', 'cmp', 'mds', 'mda',
  'caf', 'cpam', 'mediatheque', 'epn', 'esat', 'chrs', 'restosducoeur', 'secourspopulaire', 'secourscatholique',
  'croixrouge', 'emmaus', 'pij', 'bij', 'cidff', 'plie', 'mde', 'pointjustice', 'pcb', 'pimms', 'habitatjeunes',
  'afpa', 'greta', 'geiq', 'creche', 'agefiph', 'centresocial',
]);

/**
 * The first kind-of-office token of a name, or '' when the name states none.
 *
 * @example
 *   officeKind('Hôtel de Ville de Pabu') // "mairie"
 *   officeKind('CCAS - Pabu')            // "ccas"
 *   officeKind('La Ruche')               // ""
 */
export function officeKind(value: string): string {
  return kindOfName(normaliseName(value));
}

/**
 * The first kind-of-office token of an already normalised name, or ''.
 *
 * @example
 *   kindOfName('ccas pabu') // "ccas"
 */
export function kindOfName(normalised: string): string {
  for (const t of normalised.split(' ')) if (KIND_TOKENS.has(t)) return t;
  return '';
}

/** Words that state who an office serves: adults, or children and adolescents. */
const AUDIENCE: Record<string, string> = {
  adulte: 'adultes', adultes: 'adultes',
  enfant: 'enfants', enfants: 'enfants', enfance: 'enfants', infanto: 'enfants', juvenile: 'enfants', juveniles: 'enfants',
  adolescent: 'enfants', adolescents: 'enfants', ado: 'enfants', ados: 'enfants', pedopsychiatrie: 'enfants',
  pedopsychiatrique: 'enfants',
};

/**
 * The public a name states (`adultes` or `enfants`), '' when none or both: a CMP for adults and
 * the CMP for children of the same hospital share a building and a switchboard, and are two places.
 *
 * @example
 *   audienceOfName('cmp adultes saint denis')      // "adultes"
 *   audienceOfName('cmp infanto juvenile denain')  // "enfants"
 *   audienceOfName('cmp denain')                   // ""
 */
export function audienceOfName(normalised: string): string {
  let found = '';
  for (const t of normalised.split(' ')) {
    const a = AUDIENCE[t];
    if (!a) continue;
    if (found && found !== a) return '';
    found = a;
  }
  return found;
}
