/**
 * Real communes, postal codes, SIRENs and EPCIs from @etalab/decoupage-administratif, with a
 * population-weighted sampler. The package carries no coordinates: each commune gets a synthetic
 * but stable centre near its département's chef-lieu (the chef-lieu itself sits on its real
 * position), so distances between records stay meaningful inside the synthetic world.
 */
import { createRequire } from 'node:module';
import { Alias, hashSeed, type Rng } from './rng.js';

interface RawCommune {
  code: string;
  nom: string;
  typeLiaison?: number;
  zone: string;
  departement: string;
  region: string;
  type: string;
  siren?: string;
  codesPostaux?: string[];
  population?: number;
  commune?: string;
  chefLieu?: string;
}
interface RawDepartement { code: string; nom: string; chefLieu: string; typeLiaison?: number; zone: string }
interface RawEpci { code: string; nom: string; membres: { code: string }[] }

/** A commune as the generator uses it. */
export interface Commune {
  /** INSEE code (for Paris, Lyon, Marseille: the municipal arrondissement's code). */
  code: string;
  nom: string;
  /** INSEE `typeLiaison`: which article the name takes (0 de, 1 d', 2 du, 3 de la, 4 des, 5 de l'). */
  liaison: number;
  departement: string;
  departementNom: string;
  departementLiaison: number;
  region: string;
  /** SIREN of the commune (of the whole city for an arrondissement). */
  siren: string;
  codesPostaux: string[];
  population: number;
  /** The whole city's code and name when this is a municipal arrondissement (75056, Paris). */
  parentCode?: string;
  parentNom?: string;
  /** Names of former communes merged into this one (communes déléguées), used by stale records. */
  formerNames: string[];
  epciCode?: string;
  epciNom?: string;
  lon: number;
  lat: number;
}

/** Chef-lieu positions (lon, lat) of the départements of metropolitan France and the DROM. */
const DEPT_ANCHOR: Record<string, [number, number]> = {
  '01': [5.23, 46.21], '02': [3.62, 49.56], '03': [3.33, 46.57], '04': [6.24, 44.09], '05': [6.08, 44.56],
  '06': [7.26, 43.7], '07': [4.6, 44.74], '08': [4.72, 49.77], '09': [1.61, 42.97], '10': [4.07, 48.3],
  '11': [2.35, 43.21], '12': [2.58, 44.35], '13': [5.37, 43.3], '14': [-0.37, 49.18], '15': [2.44, 44.93],
  '16': [0.16, 45.65], '17': [-1.15, 46.16], '18': [2.4, 47.08], '19': [1.77, 45.27], '2A': [8.74, 41.93],
  '2B': [9.45, 42.7], '21': [5.04, 47.32], '22': [-2.76, 48.51], '23': [1.87, 46.17], '24': [0.72, 45.18],
  '25': [6.02, 47.24], '26': [4.89, 44.93], '27': [1.15, 49.02], '28': [1.49, 48.45], '29': [-4.1, 48.0],
  '30': [4.36, 43.84], '31': [1.44, 43.6], '32': [0.59, 43.65], '33': [-0.58, 44.84], '34': [3.88, 43.61],
  '35': [-1.68, 48.11], '36': [1.69, 46.81], '37': [0.69, 47.39], '38': [5.72, 45.19], '39': [5.55, 46.67],
  '40': [-0.5, 43.89], '41': [1.33, 47.59], '42': [4.39, 45.44], '43': [3.88, 45.04], '44': [-1.55, 47.22],
  '45': [1.91, 47.9], '46': [1.44, 44.45], '47': [0.62, 44.2], '48': [3.5, 44.52], '49': [-0.55, 47.47],
  '50': [-1.09, 49.12], '51': [4.36, 48.96], '52': [5.14, 48.11], '53': [-0.77, 48.07], '54': [6.18, 48.69],
  '55': [5.16, 48.77], '56': [-2.76, 47.66], '57': [6.18, 49.12], '58': [3.16, 46.99], '59': [3.06, 50.63],
  '60': [2.08, 49.43], '61': [0.09, 48.43], '62': [2.78, 50.29], '63': [3.09, 45.78], '64': [-0.37, 43.3],
  '65': [0.08, 43.23], '66': [2.89, 42.7], '67': [7.75, 48.58], '68': [7.36, 48.08], '69': [4.84, 45.76],
  '70': [6.15, 47.62], '71': [4.83, 46.31], '72': [0.2, 48.0], '73': [5.92, 45.56], '74': [6.13, 45.9],
  '75': [2.35, 48.86], '76': [1.1, 49.44], '77': [2.66, 48.54], '78': [2.13, 48.8], '79': [-0.46, 46.32],
  '80': [2.3, 49.89], '81': [2.15, 43.93], '82': [1.35, 44.02], '83': [5.93, 43.12], '84': [4.81, 43.95],
  '85': [-1.43, 46.67], '86': [0.34, 46.58], '87': [1.26, 45.83], '88': [6.45, 48.17], '89': [3.57, 47.8],
  '90': [6.86, 47.64], '91': [2.43, 48.63], '92': [2.21, 48.89], '93': [2.44, 48.91], '94': [2.46, 48.79],
  '95': [2.06, 49.04], '971': [-61.55, 16.2], '972': [-61.02, 14.64], '973': [-52.33, 4.94],
  '974': [55.5, -21.1], '976': [45.15, -12.82],
};

/** How far (km) communes spread around their département's anchor. */
function spreadKm(dept: string): number {
  if (dept === '75') return 4;
  if (dept === '92' || dept === '93' || dept === '94') return 7;
  if (dept === '973') return 30;
  if (dept.length === 3) return 15;
  return 38;
}

const KM_PER_DEG_LAT = 111.2;

/** A deterministic point for a commune, from its INSEE code alone. */
/** Centres of the three cities divided into municipal arrondissements. */
const CITY_ANCHOR: Record<string, [number, number]> = { '75056': [2.347, 48.859], '69123': [4.835, 45.758], '13055': [5.37, 43.296] };

function placeCommune(code: string, dept: string, isChefLieu: boolean, city?: string): [number, number] {
  const cityAnchor = city ? CITY_ANCHOR[city] : undefined;
  const [lon0, lat0] = cityAnchor ?? DEPT_ANCHOR[dept] ?? [2.35, 46.6];
  if (isChefLieu) return [lon0, lat0];
  const h1 = hashSeed(`commune-r:${code}`) / 4294967296;
  const h2 = hashSeed(`commune-a:${code}`) / 4294967296;
  const r = (cityAnchor ? 5 : spreadKm(dept)) * Math.sqrt(0.02 + 0.98 * h1);
  const a = 2 * Math.PI * h2;
  const dLat = (r * Math.sin(a)) / KM_PER_DEG_LAT;
  const dLon = (r * Math.cos(a)) / (KM_PER_DEG_LAT * Math.cos((lat0 * Math.PI) / 180));
  return [round6(lon0 + dLon), round6(lat0 + dLat)];
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The communes and the samplers built on them; load once with `loadGeo()`. */
export interface Geo {
  communes: Commune[];
  byCode: Map<string, Commune>;
  /** Communes of each département. */
  byDept: Map<string, Commune[]>;
  /** Draws a commune with probability ∝ population (structures follow people). */
  drawCommune(rng: Rng): Commune;
  /** Draws a commune of the same département, near in rank (for antennas and branches). */
  drawNeighbour(c: Commune, rng: Rng): Commune;
  /** The commune of a département's chef-lieu (préfecture). */
  chefLieu(dept: string): Commune;
}

let cached: Geo | undefined;

/**
 * Loads the communes of metropolitan France and the DROM (arrondissements in place of Paris,
 * Lyon and Marseille).
 *
 * @example
 *   const geo = loadGeo();
 *   geo.byCode.get('35238')?.nom // 'Rennes'
 */
export function loadGeo(): Geo {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const raw = require('@etalab/decoupage-administratif/data/communes.json') as RawCommune[];
  const depts = require('@etalab/decoupage-administratif/data/departements.json') as RawDepartement[];
  const epcis = require('@etalab/decoupage-administratif/data/epci.json') as RawEpci[];

  const deptInfo = new Map(depts.map((d) => [d.code, d]));
  const epciOf = new Map<string, RawEpci>();
  for (const e of epcis) for (const m of e.membres) epciOf.set(m.code, e);
  const formers = new Map<string, string[]>();
  const cities = new Map<string, RawCommune>();
  for (const c of raw) {
    if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu && c.chefLieu !== c.code) {
      const list = formers.get(c.chefLieu) ?? [];
      list.push(c.nom);
      formers.set(c.chefLieu, list);
    }
    if (c.type === 'commune-actuelle') cities.set(c.code, c);
  }
  const communes: Commune[] = [];
  for (const c of raw) {
    if (c.zone !== 'metro' && c.zone !== 'drom') continue;
    const isArr = c.type === 'arrondissement-municipal';
    if (c.type !== 'commune-actuelle' && !isArr) continue;
    if (!isArr && (c.code === '75056' || c.code === '69123' || c.code === '13055')) continue;
    if (!c.codesPostaux?.length || !DEPT_ANCHOR[c.departement]) continue;
    const d = deptInfo.get(c.departement);
    const parent = isArr && c.commune ? cities.get(c.commune) : undefined;
    const epci = epciOf.get(parent?.code ?? c.code);
    const chef = d?.chefLieu === c.code;
    const [lon, lat] = placeCommune(c.code, c.departement, chef, parent?.code);
    communes.push({
      code: c.code,
      nom: c.nom,
      liaison: c.typeLiaison ?? 0,
      departement: c.departement,
      departementNom: d?.nom ?? c.departement,
      departementLiaison: d?.typeLiaison ?? 0,
      region: c.region,
      siren: parent?.siren ?? c.siren ?? '',
      codesPostaux: c.codesPostaux,
      population: c.population ?? 0,
      ...(parent ? { parentCode: parent.code, parentNom: parent.nom } : {}),
      formerNames: formers.get(c.code) ?? [],
      ...(epci ? { epciCode: epci.code, epciNom: epci.nom } : {}),
      lon,
      lat,
    });
  }
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const byDept = new Map<string, Commune[]>();
  for (const c of communes) {
    const list = byDept.get(c.departement) ?? [];
    list.push(c);
    byDept.set(c.departement, list);
  }
  for (const list of byDept.values()) list.sort((a, b) => b.population - a.population);
  const alias = new Alias(communes.map((c) => Math.max(c.population, 30)));
  const chefs = new Map<string, Commune>();
  for (const d of depts) {
    const list = byDept.get(d.code);
    if (!list) continue;
    chefs.set(d.code, byCode.get(d.chefLieu) ?? list.find((c) => c.parentCode === d.chefLieu) ?? (list[0] as Commune));
  }
  cached = {
    communes,
    byCode,
    byDept,
    drawCommune: (rng) => communes[alias.draw(rng)] as Commune,
    drawNeighbour: (c, rng) => {
      const list = byDept.get(c.departement) as Commune[];
      // larger communes are likelier to host a branch: take the best of a few draws
      let best = list[rng.int(list.length)] as Commune;
      for (let i = 0; i < 3; i++) {
        const o = list[rng.int(Math.min(list.length, 60))] as Commune;
        if (o.population > best.population) best = o;
      }
      return best === c ? (list[rng.int(list.length)] as Commune) : best;
    },
    chefLieu: (dept) => chefs.get(dept) as Commune,
  };
  return cached;
}

/** The article-bearing name split: "Le Havre" → {article: 'Le', bare: 'Havre'}. */
function splitArticle(nom: string, liaison: number): { article: string; bare: string } {
  const m = /^(Les|Le|La|Aux)\s+(.*)$/.exec(nom) ?? /^(L['’])(.*)$/.exec(nom);
  if (m && liaison >= 2) return { article: m[1] as string, bare: m[2] as string };
  return { article: '', bare: nom };
}

/**
 * "de" + a place name with the French contraction its INSEE `typeLiaison` calls for.
 *
 * @example
 *   deName('Le Havre', 2)  // 'du Havre'
 *   deName('Angers', 1)    // "d'Angers"
 *   deName('Les Abymes', 4) // 'des Abymes'
 *   deName('Nord', 2)       // 'du Nord' (a département: no article in its name)
 */
export function deName(nom: string, liaison: number): string {
  const { article, bare } = splitArticle(nom, liaison);
  // communes carry their article in the name ("Le Havre"); départements do not ("Nord", "Ain")
  switch (liaison) {
    case 1: return `d'${nom}`;
    case 2: return `du ${article ? bare : nom}`;
    case 3: return article ? `de ${nom}` : `de la ${nom}`;
    case 4: return `des ${article ? bare : nom}`;
    case 5: return article ? `de ${nom}` : `de l'${nom}`;
    case 6: return `des ${article ? bare : nom}`;
    default: return `de ${nom}`;
  }
}

/** The commune's display name for the whole city ("Paris" for "Paris 11e Arrondissement"). */
export const cityName = (c: Commune): string => c.parentNom ?? c.nom;
