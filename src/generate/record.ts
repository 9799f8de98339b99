/**
 * One producer's record of an entity: the spelling, the fields it fills, its freshness, its
 * geocoding, and (rarely, on purpose) a schema defect.
 */
import type { Structure } from '../model/index.js';
import { renderAddress } from './address.js';
import { personalEmail, renderEmail, renderSite } from './contact.js';
import type { Entity } from './entity.js';
import { cityName, deName } from './geo.js';
import { nativeId } from './identifiers.js';
import { formatPhone, formatShort } from './phone.js';
import type { Rng } from './rng.js';
import { PROFILES } from './sources.js';
import type { FilledField, SourceSlug } from './targets.js';
import { curlyApostrophes, slugify, straightApostrophes, stripAccents, titleCase, typo, upperAscii } from './text.js';

/** What every record of a corpus shares: reference date, calibrated fill rates, id counters. */
export interface RenderContext {
  /** Reference day (`YYYY-MM-DD`): no `date_maj` is later. */
  asOf: string;
  asOfMs: number;
  fill: Map<SourceSlug, Record<FilledField, number>>;
  /** Share of records carrying one deliberate schema defect. */
  defectRate: number;
  counters: Map<SourceSlug, number>;
  /** `date_maj` strings by age in days (a cache). */
  dates?: string[];
}

const DAY = 86400000;
const MIN_MS = Date.UTC(2000, 0, 2);
const FT_RENAME = '2024-01-01';

/** A `date_maj` about `meanDays` old (exponential), never before 2000-01-02. */
export function drawDate(ctx: RenderContext, meanDays: number, rng: Rng): string {
  const age = Math.floor(-Math.log(1 - rng.next()) * meanDays);
  const cache = (ctx.dates ??= []);
  let d = cache[age];
  if (d === undefined) {
    d = new Date(Math.max(MIN_MS, ctx.asOfMs - age * DAY)).toISOString().slice(0, 10);
    if (age < 20000) cache[age] = d;
  }
  return d;
}

function drawName(e: Entity, src: SourceSlug, dateMaj: string, rng: Rng): string {
  const prof = PROFILES[src];
  const forms = e.names.forms;
  const legacy = e.names.legacy;
  const staleFt = e.kind.key === 'franceTravail' && dateMaj < FT_RENAME;
  let name: string;
  if (legacy.length && (staleFt ? rng.chance(0.85) : rng.chance(prof.stale * 0.25))) name = rng.pick(legacy);
  else name = rng.chance(0.5) ? (forms[0] as string) : rng.pick(forms);
  const city = cityName(e.commune);
  const liaison = e.commune.parentNom ? 0 : e.commune.liaison;
  if ((liaison === 1 || liaison === 2 || liaison === 4) && rng.chance(0.2)) {
    // the form-filler's "de Le Havre", "de Les Abymes", "de Angers"
    const proper = deName(city, liaison);
    if (name.includes(proper)) name = name.replace(proper, `de ${city}`);
  }
  if (rng.chance(prof.appendCommune) && !stripAccents(name).toLowerCase().includes(stripAccents(city).toLowerCase())) {
    name = rng.pick([`${name} - ${city}`, `${name} (${city})`, `${name} ${city}`, `${name} – ${city}`]);
  }
  if (rng.chance(prof.typo)) name = typo(name, rng);
  if (rng.chance(prof.upper)) name = upperAscii(name);
  else {
    if (rng.chance(prof.ascii)) name = stripAccents(name);
    const r = rng.next();
    if (r < 0.03) name = name.toLowerCase();
    else if (r < 0.08) name = titleCase(name);
  }
  name = rng.chance(0.6) ? straightApostrophes(name) : curlyApostrophes(name);
  if (rng.chance(0.01)) name = `${name} `;
  if (rng.chance(0.01)) name = name.replace(' ', '  ');
  return name.length > 150 ? name.slice(0, 150) : name;
}

function drawPhoneField(e: Entity, rng: Rng): string {
  const r = rng.next();
  if (e.kind.shortPhone && r < 0.3) return formatShort(e.kind.shortPhone, rng);
  if (r < 0.015) return `${formatPhone(e.phone, rng)} / ${formatPhone(e.mobile ?? e.altPhone, rng)}`;
  if (r < 0.11) return formatPhone(e.altPhone, rng);
  if (e.mobile && r < 0.2) return formatPhone(e.mobile, rng);
  return formatPhone(e.phone, rng);
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const M_PER_DEG = 111200;

function drawCoords(e: Entity, src: SourceSlug, rng: Rng): [number | null, number | null] {
  const prof = PROFILES[src];
  if (rng.chance(prof.noCoords)) return [null, null];
  let lat: number;
  let lon: number;
  if (rng.chance(prof.townCoords)) {
    lat = e.commune.lat + rng.normal() * 2e-5;
    lon = e.commune.lon + rng.normal() * 2e-5;
  } else {
    const sd = rng.chance(0.75) ? 15 : 80; // rooftop vs street-level geocoding, metres
    lat = e.lat + (rng.normal() * sd) / M_PER_DEG;
    lon = e.lon + (rng.normal() * sd) / (M_PER_DEG * Math.cos((e.lat * Math.PI) / 180));
  }
  const d = rng.chance(0.2) ? 4 : rng.chance(0.5) ? 6 : 7;
  lat = round(lat, d);
  lon = round(lon, d);
  return rng.chance(0.002) ? [lon, lat] : [lat, lon]; // swapped columns happen
}

function description(e: Entity, rng: Rng): string {
  const c = cityName(e.commune);
  const intro = rng.pick([
    `${e.names.forms[0]} accueille et accompagne les habitants de ${c} et des environs.`,
    `Structure située à ${c}.`,
    `Accueil, information et orientation du public à ${c}.`,
    `${e.names.forms[0]} : permanences et accompagnement sur rendez-vous.`,
  ]);
  return rng.chance(0.5) ? intro : `${intro} Nous proposons : ${e.services.length} service${e.services.length > 1 ? 's' : ''}, sans condition de ressources pour la plupart.`;
}

/** Structure fields in the order the référentiel publishes them. */
export function emptyStructure(): Structure {
  return {
    source: '', id: '', nom: '', date_maj: '', siret: null, description: null, lien_source: null, site_web: null,
    telephone: null, courriel: null, horaires_accueil: null, accessibilite_lieu: null, reseaux_porteurs: null,
    adresse: null, complement_adresse: null, code_postal: null, commune: null, code_insee: null, latitude: null, longitude: null,
  };
}

/**
 * Renders the record producer `src` publishes for entity `e`.
 *
 * @example
 *   renderStructure(entity, 'dora', rng, ctx) // { source: 'dora', id: 'dora--…', nom: 'CCAS de Rennes', … }
 */
export function renderStructure(e: Entity, src: SourceSlug, rng: Rng, ctx: RenderContext): Structure {
  const prof = PROFILES[src];
  const fill = ctx.fill.get(src) as Record<FilledField, number>;
  const counter = (ctx.counters.get(src) ?? 0) + 1;
  ctx.counters.set(src, counter);
  const native = nativeId(prof.ids, counter, rng, e.commune.departement);
  const r = emptyStructure();
  r.source = src;
  r.id = `${src}--${native}`;
  r.date_maj = drawDate(ctx, prof.ageDays, rng);
  r.nom = drawName(e, src, r.date_maj, rng);
  if (rng.chance(fill.siret)) {
    const x = rng.next();
    r.siret = x < 0.1 ? e.headSiret : e.siret;
    if (x > 0.985) {
      // one mistyped digit: always caught by the Luhn check
      const i = 9 + rng.int(5);
      r.siret = r.siret.slice(0, i) + String((Number(r.siret[i]) + 1 + rng.int(9)) % 10) + r.siret.slice(i + 1);
    }
  }
  if (rng.chance(fill.telephone)) r.telephone = drawPhoneField(e, rng);
  if (rng.chance(fill.courriel)) {
    const legacy = e.legacyEmailDomain && /p[oô]le|^pe /i.test(r.nom) ? e.legacyEmailDomain : null;
    r.courriel = rng.chance(e.kind.publicBody || e.kind.siren.kind === 'fixed' ? 0.01 : 0.05) ? personalEmail(rng) : renderEmail(e.emailLocal, e.emailDomain, rng, legacy);
  }
  const hasAddress = rng.chance(fill.adresse);
  const a = renderAddress(e.address, e.commune, rng, {
    upper: rng.chance(prof.upper),
    ascii: rng.chance(prof.ascii),
    oneLine: rng.chance(prof.oneLineAddress),
  });
  if (hasAddress) {
    r.adresse = a.adresse;
    r.complement_adresse = a.complement_adresse;
  }
  if (hasAddress ? rng.chance(0.985) : rng.chance(0.5)) r.code_postal = a.code_postal;
  if (hasAddress ? rng.chance(0.99) : rng.chance(0.6)) r.commune = a.commune;
  if (rng.chance(fill.code_insee)) r.code_insee = e.commune.parentCode && rng.chance(0.5) ? e.commune.parentCode : e.commune.code;
  const [lat, lon] = drawCoords(e, src, rng);
  r.latitude = lat;
  r.longitude = lon;
  if (e.site && rng.chance(0.55)) r.site_web = renderSite(e.site, rng);
  else if (!e.site && rng.chance(0.05)) r.site_web = `https://www.facebook.com/${slugify(e.names.forms[0] as string, '')}`;
  if (e.kind.reseaux.length && rng.chance(prof.reseaux)) r.reseaux_porteurs = [...e.kind.reseaux];
  if (rng.chance(0.55)) r.description = description(e, rng);
  if (rng.chance(0.4)) r.horaires_accueil = rng.chance(0.88) ? e.horaires : rng.pick(['Du lundi au vendredi de 9h à 12h et de 14h à 17h', 'Sur rendez-vous', 'Le mardi matin']);
  if (prof.lienSource) r.lien_source = prof.lienSource.replace('{id}', encodeURIComponent(native)).replace('{slug}', `${slugify(r.nom)}-${counter.toString(36)}`);
  if (rng.chance(0.04)) r.accessibilite_lieu = `https://acceslibre.beta.gouv.fr/app/${e.commune.departement.toLowerCase()}-${slugify(cityName(e.commune))}/a/${slugify(e.kind.key)}/erp/${slugify(r.nom).slice(0, 40)}-${counter.toString(36)}/`;
  if (ctx.defectRate > 0 && rng.chance(ctx.defectRate)) structureDefect(r, e, rng);
  return r;
}

/** One realistic schema defect, of the kinds the national valideur reports. */
function structureDefect(r: Structure, e: Entity, rng: Rng): void {
  switch (rng.int(10)) {
    case 0: r.code_postal = e.address.codePostal.startsWith('0') ? e.address.codePostal.slice(1) : `${e.address.codePostal.slice(0, 2)} ${e.address.codePostal.slice(2)}`; break;
    case 1: r.siret = `${e.siret.slice(0, 3)} ${e.siret.slice(3, 6)} ${e.siret.slice(6, 9)} ${e.siret.slice(9)}`; break;
    case 2: r.courriel = rng.pick([`${e.emailLocal}@${e.emailDomain.replace(/\.[a-z]+$/, '')}`, `${e.emailLocal}@${e.emailDomain}; accueil@${e.emailDomain}`, `${e.emailLocal} @${e.emailDomain}`]); break;
    case 3: r.site_web = `www.${e.emailDomain}`; break;
    case 4: r.nom = rng.chance(0.5) ? 'AI' : `${r.nom} - ${'Accueil, information, orientation et accompagnement des publics '.repeat(3)}`.slice(0, 180); break;
    case 5: { const [y, m, d] = r.date_maj.split('-'); r.date_maj = `${d}/${m}/${y}`; break; }
    case 6: r.date_maj = `${Number(r.date_maj.slice(0, 4)) + 180}${r.date_maj.slice(4)}`; break;
    case 7: r.code_insee = e.commune.code.startsWith('0') ? e.commune.code.slice(1) : `${e.commune.code}0`; break;
    case 8: (r as unknown as Record<string, unknown>).reseaux_porteurs = [rng.pick(['pole-emploi', 'unccas', 'bge', 'conseiller-numerique'])]; break;
    default: (r as unknown as Record<string, unknown>).latitude = String(e.lat.toFixed(5)).replace('.', ','); break;
  }
}
