/**
 * Street addresses and the many ways producers write them: abbreviations, capitals, BP / CS
 * boxes, CEDEX, complements, the whole address on one line.
 */
import type { Commune } from './geo.js';
import type { Rng } from './rng.js';
import { abbreviateSaint, hyphensToSpaces, stripAccents, typo, upperAscii } from './text.js';

/** Street types: full word, common abbreviations, La Poste / FINESS code. */
const STREET_TYPES: ReadonlyArray<readonly [string, readonly string[], string, number]> = [
  ['rue', ['r.', 'r'], 'R', 50],
  ['avenue', ['av.', 'av', 'ave'], 'AV', 14],
  ['boulevard', ['bd', 'bld', 'boul.'], 'BD', 7],
  ['place', ['pl.', 'pl'], 'PL', 8],
  ['chemin', ['ch.', 'chem.'], 'CHE', 4],
  ['route', ['rte', 'rte.'], 'RTE', 5],
  ['allée', ['all.', 'allee'], 'ALL', 4],
  ['impasse', ['imp.', 'imp'], 'IMP', 3],
  ['cours', ['crs'], 'CRS', 1],
  ['quai', ['q.'], 'QU', 1],
  ['faubourg', ['fbg', 'fg'], 'FG', 1],
  ['square', ['sq.'], 'SQ', 1],
];
const STREET_WEIGHT_TOTAL = STREET_TYPES.reduce((s, t) => s + t[3], 0);

const STREET_NAMES = [
  'de la République', 'Victor Hugo', 'Jean Jaurès', 'du Général de Gaulle', 'Pasteur', 'de la Gare',
  'de l’Église', 'du Maréchal Leclerc', 'Gambetta', 'Jules Ferry', 'de la Mairie', 'des Écoles',
  'Nationale', 'de Paris', 'Émile Zola', 'Aristide Briand', 'Saint-Martin', 'du Moulin', 'de la Paix',
  'Anatole France', 'Carnot', 'Voltaire', 'Jean Moulin', 'de Verdun', 'du 8 Mai 1945',
  'du 11 Novembre 1918', 'de la Libération', 'Louis Pasteur', 'des Tilleuls', 'du Stade', 'Foch',
  'Georges Clemenceau', 'Pierre et Marie Curie', 'Marcel Pagnol', 'Charles de Gaulle', 'de la Liberté',
  'Principale', 'des Lilas', 'du Château', 'Saint-Exupéry', 'Jean Monnet', 'Paul Bert', 'Lamartine',
  'des Acacias', 'du Commerce', 'de l’Hôtel de Ville', 'Albert Camus', 'Louise Michel', 'Simone Veil',
];

const COMPLEMENTS = [
  'Bâtiment A', 'Bâtiment B', '1er étage', '2e étage', 'Rez-de-chaussée', 'Centre commercial des Halles',
  'Espace Simone Veil', 'Résidence Les Tilleuls', 'Porte 3', 'Maison des associations', 'Hôtel de Ville',
  'Pôle social', 'Quartier de la Gare', 'ZA des Landes', 'Immeuble Le Forum', 'Entrée par la cour',
];

/** An entity's true postal address, before any producer writes it down. */
export interface Address {
  num: string | null;
  rep: '' | 'bis' | 'ter' | 'B';
  type: number;
  street: string;
  complement: string | null;
  /** Post-office box ("BP 123", "CS 40012"), mostly public bodies. */
  box: string | null;
  codePostal: string;
  /** CEDEX postal code and number when the body receives mail that way. */
  cedex: { code: string; n: number } | null;
}

/**
 * Draws an address in a commune. `hostOf` gives an already drawn address to share (several
 * structures in one town hall).
 *
 * @example
 *   drawAddress(commune, rng, { publicBody: true })
 */
export function drawAddress(c: Commune, rng: Rng, opts: { publicBody?: boolean } = {}): Address {
  let r = rng.next() * STREET_WEIGHT_TOTAL;
  let type = 0;
  for (; type < STREET_TYPES.length - 1; type++) {
    r -= (STREET_TYPES[type] as (typeof STREET_TYPES)[number])[3];
    if (r < 0) break;
  }
  const cp = c.codesPostaux[rng.int(c.codesPostaux.length)] as string;
  const pub = opts.publicBody === true;
  const hasBox = rng.chance(pub ? 0.3 : 0.05);
  return {
    num: rng.chance(0.88) ? String(rng.chance(0.7) ? rng.range(1, 40) : rng.range(41, 250)) : null,
    rep: rng.chance(0.05) ? rng.pick(['bis', 'ter', 'B'] as const) : '',
    type,
    street: rng.pick(STREET_NAMES),
    complement: rng.chance(0.22) ? rng.pick(COMPLEMENTS) : null,
    box: hasBox ? (rng.chance(0.6) ? `BP ${rng.range(1, 999)}` : `CS ${rng.range(10000, 99999)}`) : null,
    codePostal: cp,
    cedex: hasBox && c.population > 5000 && rng.chance(0.6) ? { code: cp.slice(0, 3) + rng.digits(2), n: rng.range(1, 9) } : null,
  };
}

/** How one producer writes the address fields. */
export interface AddressStyle {
  upper: boolean;
  ascii: boolean;
  oneLine: boolean;
}

export interface RenderedAddress {
  adresse: string;
  complement_adresse: string | null;
  code_postal: string;
  commune: string;
}

/**
 * Writes an address the way a producer would.
 *
 * @example
 *   renderAddress(addr, commune, rng, { upper: false, ascii: false, oneLine: false })
 *   // { adresse: '12 av. Jean Jaurès', complement_adresse: 'Bâtiment A', code_postal: '35000', commune: 'Rennes' }
 */
export function renderAddress(a: Address, c: Commune, rng: Rng, style: AddressStyle): RenderedAddress {
  const [full, abbrs, code] = STREET_TYPES[a.type] as (typeof STREET_TYPES)[number];
  let type: string;
  if (style.upper) type = rng.chance(0.6) ? code : full;
  else if (rng.chance(0.18)) type = rng.pick(abbrs);
  else type = rng.chance(0.55) ? full : full[0]?.toUpperCase() + full.slice(1);
  let street = a.street;
  if (rng.chance(0.03)) street = typo(street, rng);
  if (rng.chance(0.1)) street = abbreviateSaint(street, rng);
  if (rng.chance(0.05)) street = street.replace(/^(de la|de l’|du|des|de) /, '');
  let num = a.num ?? '';
  if (num && a.rep) num += rng.chance(0.5) ? ` ${a.rep}` : a.rep === 'B' ? 'B' : a.rep;
  if (a.num && rng.chance(0.04)) num = '';
  let adresse = num ? `${num}${rng.chance(0.12) ? ',' : ''} ${type} ${street}` : `${type} ${street}`;
  let complement = a.complement;
  if (a.box && rng.chance(0.7)) {
    if (rng.chance(0.5)) adresse += ` ${a.box}`;
    else complement = complement ? `${complement} - ${a.box}` : a.box;
  }
  if (complement && rng.chance(0.25)) {
    adresse = rng.chance(0.5) ? `${adresse}, ${complement}` : `${complement}, ${adresse}`;
    complement = null;
  }
  let cp = a.codePostal;
  let commune = c.nom;
  if (c.parentNom && rng.chance(0.55)) commune = c.parentNom;
  if (c.formerNames.length && rng.chance(0.06)) commune = rng.pick(c.formerNames);
  if (rng.chance(0.1)) commune = hyphensToSpaces(commune);
  if (rng.chance(0.08)) commune = abbreviateSaint(commune, rng);
  if (a.cedex && rng.chance(0.5)) {
    cp = a.cedex.code;
    commune = `${commune} Cedex${rng.chance(0.5) ? ` ${a.cedex.n}` : ''}`;
  }
  if (style.upper) {
    adresse = upperAscii(adresse);
    complement = complement && upperAscii(complement);
    commune = upperAscii(commune);
  } else if (style.ascii) {
    adresse = stripAccents(adresse);
    complement = complement && stripAccents(complement);
    commune = stripAccents(commune);
  } else if (rng.chance(0.05)) {
    commune = commune.toUpperCase();
  }
  if (style.oneLine) adresse = `${adresse}, ${cp} ${commune}`;
  return { adresse, complement_adresse: complement, code_postal: cp, commune };
}
