/**
 * Real-world structures (entities) and the groups that make hard negatives: a town hall hosting
 * the mairie, the CCAS and France Services; a Mission Locale and its antennas; several agencies
 * of one network in one city; CMP for adults and for children in one building.
 */
import { drawAddress, type Address } from './address.js';
import type { Composition } from './composition.js';
import { cityName, type Commune, type Geo } from './geo.js';
import { FRANCE_TRAVAIL_SIREN, LA_POSTE, luhnComplete, siren as drawSiren, siret as makeSiret, stableSiren } from './identifiers.js';
import { brandName, KINDS, QUARTIERS, type Kind, type NameSet } from './kinds.js';
import { drawPhone } from './phone.js';
import type { Rng } from './rng.js';
import type { ServiceKey } from './services-catalogue.js';
import type { SourceSlug } from './targets.js';

/** How an entity relates to the others of its group (for analysis of hard negatives). */
export type Relation = 'alone' | 'host' | 'co-located' | 'branch' | 'same-network';

export interface Entity {
  id: string;
  kind: Kind;
  commune: Commune;
  names: NameSet;
  siren: string;
  siret: string;
  /** The SIRET of the head office, which some producers give instead. */
  headSiret: string;
  address: Address;
  lon: number;
  lat: number;
  phone: string;
  /** Another line of the same place (a second desk, the director's). */
  altPhone: string;
  mobile: string | null;
  site: string | null;
  emailLocal: string;
  emailDomain: string;
  legacyEmailDomain: string | null;
  services: ServiceKey[];
  horaires: string;
  sources: SourceSlug[];
  group: string;
  relation: Relation;
}

const HORAIRES = [
  'Mo-Fr 09:00-12:00,14:00-17:00', 'Mo-Fr 08:30-12:30,13:30-17:00', 'Mo-Th 09:00-12:30,13:30-17:30; Fr 09:00-12:30',
  'Tu,Th 14:00-17:00', 'Mo,We,Fr 09:00-12:00', 'Mo-Fr 08:30-17:30; PH off', 'We 14:00-18:00; Sa 10:00-12:00',
  'Mo-Fr 09:00-12:00', 'Tu 09:00-12:00; Th 14:00-17:00', 'Mo-Sa 10:00-18:00',
];

const KM_PER_DEG = 111.2;

function point(c: Commune, rng: Rng, spreadKm: number): [number, number] {
  const r = spreadKm * Math.sqrt(rng.next());
  const a = 2 * Math.PI * rng.next();
  const lat = c.lat + (r * Math.sin(a)) / KM_PER_DEG;
  const lon = c.lon + (r * Math.cos(a)) / (KM_PER_DEG * Math.cos((c.lat * Math.PI) / 180));
  return [lon, lat];
}

/** Within how many km of the commune centre a structure sits (larger towns spread wider). */
const townSpread = (c: Commune) => Math.min(4, 0.3 + 2.5 * Math.sqrt(c.population / 100000));

function sirenFor(kind: Kind, c: Commune, rng: Rng, seed: string | number): string {
  const p = kind.siren;
  switch (p.kind) {
    case 'commune': return c.siren || stableSiren(`commune/${c.code}`, '21');
    case 'own': return drawSiren(rng, p.prefix);
    case 'dept': return stableSiren(`${seed}/${p.network}/${c.departement}${p.network === 'ccas' ? `/${c.parentCode ?? c.code}` : ''}`, p.prefix);
    case 'fixed': return p.siren === FRANCE_TRAVAIL_SIREN ? p.siren : luhnComplete(p.siren.slice(0, 8));
  }
}

export interface EntityOpts {
  kind: Kind;
  commune: Commune;
  sources: SourceSlug[];
  group: string;
  relation: Relation;
  /** Share the address, point and switchboard of this entity (co-located). */
  host?: Entity;
  /** Same SIREN as this entity (a branch, another establishment). */
  sameSirenAs?: Entity;
  quartier?: string;
  parent?: Commune;
}

/** Builds one entity. */
export function makeEntity(id: string, o: EntityOpts, rng: Rng, seed: string | number): Entity {
  const { kind, commune: c } = o;
  const brand = brandName(rng);
  const names = kind.names({ c, rng, brand, ...(o.quartier ? { quartier: o.quartier } : {}), ...(o.parent ? { parent: o.parent } : {}) });
  const web = kind.web({ c, rng, brand, ...(o.quartier ? { quartier: o.quartier } : {}), ...(o.parent ? { parent: o.parent } : {}) });
  const siren = o.sameSirenAs?.siren ?? (o.host && kind.siren.kind === 'commune' && rng.chance(0.2) ? LA_POSTE : sirenFor(kind, c, rng, seed));
  // NIC from the entity's rank: establishments of one SIREN never collide within 9,973 entities
  const est = 10 + ((Number(id.slice(1)) * 7919) % 9973);
  const siret = makeSiret(siren, est);
  const headSiret = o.sameSirenAs?.headSiret ?? makeSiret(siren, 1 + (siren.charCodeAt(8) % 3));
  const address = o.host ? o.host.address : drawAddress(c, rng, { publicBody: kind.publicBody === true });
  const [lon, lat] = o.host ? [o.host.lon, o.host.lat] : point(c, rng, townSpread(c));
  const phone = o.host && rng.chance(0.5) ? o.host.phone : drawPhone(c, rng, !kind.publicBody && rng.chance(0.2));
  const altPhone = drawPhone(c, rng);
  const all = kind.services;
  const nServices = Math.max(1, Math.min(all.length, 1 + rng.int(all.length)));
  const services = all.slice(0, nServices);
  const legacyEmailDomain = kind.key === 'franceTravail' ? 'pole-emploi.fr' : null;
  return {
    id, kind, commune: c, names, siren, siret, headSiret, address, lon, lat, phone, altPhone,
    mobile: rng.chance(0.15) ? drawPhone(c, rng, true) : null,
    site: web.site, emailLocal: web.local, emailDomain: web.domain, legacyEmailDomain, services,
    horaires: rng.pick(HORAIRES), sources: o.sources, group: o.group, relation: o.relation,
  };
}

/**
 * Draws the next group of entities: a primary entity (its sources from the measured cluster
 * composition, its kind from what those sources carry) and, depending on its kind, the
 * structures that share its building, its SIREN or its name.
 */
export function drawGroup(
  groupIndex: number,
  firstEntityIndex: number,
  rng: Rng,
  geo: Geo,
  comp: Composition,
  seed: string | number,
  townHalls?: Set<string>,
): Entity[] {
  const group = `g${groupIndex}`;
  let n = firstEntityIndex;
  const nextId = () => `e${String(n++).padStart(7, '0')}`;
  const sources = comp.drawSources(rng);
  const kind = comp.drawKind(sources, rng);
  let commune = geo.drawCommune(rng);
  for (let i = 0; i < 30 && commune.population < (kind.minPopulation ?? 0); i++) commune = geo.drawCommune(rng);
  // a commune has one town hall and one CCAS: draw another commune while this one has its own
  // (after 30 tries — every commune of France taken — a second one is allowed)
  const onePerCommune = (key: string) => key === 'mairie' || key === 'ccas';
  if (townHalls && onePerCommune(kind.key)) {
    for (let i = 0; i < 30 && townHalls.has(`${kind.key}:${commune.code}`); i++) commune = geo.drawCommune(rng);
  }
  if (kind.key === 'agefiph' || kind.key === 'capEmploi' || kind.key === 'mda') commune = geo.chefLieu(commune.departement);
  const out: Entity[] = [];
  const add = (k: Kind, c: Commune, relation: Relation, extra: Partial<EntityOpts> = {}, srcs?: SourceSlug[]) => {
    const e = makeEntity(nextId(), { kind: k, commune: c, sources: srcs ?? comp.drawSources(rng, k), group, relation, ...extra }, rng, seed);
    out.push(e);
    if (townHalls && onePerCommune(k.key)) townHalls.add(`${k.key}:${c.code}`);
    return e;
  };

  switch (kind.key) {
    case 'mairie': {
      const host = add(kind, commune, 'host', {}, sources);
      if (rng.chance(0.55) && !townHalls?.has(`ccas:${commune.code}`)) add(KINDS.ccas as Kind, commune, 'co-located', { host });
      if (rng.chance(0.3)) add(KINDS.franceServices as Kind, commune, 'co-located', { host, sameSirenAs: host });
      if (rng.chance(0.25)) add(KINDS.mediatheque as Kind, commune, 'same-network', { sameSirenAs: host });
      break;
    }
    case 'missionLocale': {
      const head = add(kind, commune, 'host', {}, sources);
      const antennas = rng.chance(0.6) ? 1 + rng.int(4) : 0;
      for (let i = 0; i < antennas; i++) {
        const same = rng.chance(0.2);
        const c = same ? commune : geo.drawNeighbour(commune, rng);
        add(KINDS.missionLocaleAntenne as Kind, c, 'branch', { sameSirenAs: head, parent: commune, ...(same || c === commune ? { quartier: rng.pick(QUARTIERS) } : {}) });
      }
      break;
    }
    case 'franceTravail': {
      const big = commune.parentNom !== undefined || commune.population > 80000;
      const count = big ? 2 + rng.int(2) : 1;
      const qs = [...QUARTIERS];
      for (let i = qs.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [qs[i], qs[j]] = [qs[j] as string, qs[i] as string];
      }
      let first: Entity | undefined;
      for (let i = 0; i < count; i++) {
        const extra: Partial<EntityOpts> = count > 1 ? { quartier: qs[i] as string } : {};
        const e = add(kind, commune, i === 0 ? (count > 1 ? 'host' : 'alone') : 'same-network', first ? { ...extra, sameSirenAs: first } : extra, i === 0 ? sources : undefined);
        first ??= e;
      }
      break;
    }
    case 'cmp': {
      const host = add(kind, commune, 'host', { quartier: 'adultes' }, sources);
      if (rng.chance(0.45)) add(kind, commune, 'co-located', { host, sameSirenAs: host, quartier: rng.pick(['enfants', 'enfants et adolescents', 'infanto-juvénile']) });
      break;
    }
    case 'restos':
    case 'secoursPopulaire':
    case 'croixRouge':
    case 'secoursCatholique': {
      const first = add(kind, commune, 'alone', {}, sources);
      const more = rng.chance(0.35) ? 1 + rng.int(2) : 0;
      for (let i = 0; i < more; i++) add(kind, geo.drawNeighbour(commune, rng), 'same-network', { sameSirenAs: first });
      if (more) first.relation = 'host';
      break;
    }
    case 'aci':
    case 'ei': {
      const first = add(kind, commune, 'alone', {}, sources);
      if (rng.chance(0.2)) {
        first.relation = 'host';
        const other = rng.chance(0.5) ? kind : (KINDS[kind.key === 'aci' ? 'ei' : 'aci'] as Kind);
        add(other, rng.chance(0.5) ? commune : geo.drawNeighbour(commune, rng), 'same-network', { sameSirenAs: first });
      }
      break;
    }
    default:
      add(kind, commune, 'alone', {}, sources);
  }
  return out;
}

/** The city an entity is in, for names and display. */
export const entityCity = (e: Entity): string => cityName(e.commune);
