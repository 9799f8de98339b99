/**
 * The services a producer publishes for one of its structure records, with that producer's id
 * conventions (one service per lieu with the same id for médiation numérique, one per thématique
 * for cd35, the national catalogue × agences for France Travail).
 */
import type { ModeMobilisation, Public, Service, Structure } from '../model/index.js';
import { personName } from './contact.js';
import type { Entity } from './entity.js';
import { drawDate, type RenderContext } from './record.js';
import type { Rng } from './rng.js';
import { SERVICE_TEMPLATES, type ServiceKey, type ServiceTemplate } from './services-catalogue.js';
import { PROFILES } from './sources.js';
import type { SourceSlug } from './targets.js';
import { slugify } from './text.js';

const FT_CATALOGUE: ServiceKey[] = ['ftGlobal', 'ftIntensif', 'ftValoriser', 'ftCreation', 'cv', 'entretien', 'international'];
const OTHER_PUBLICS: Public[] = ['jeunes', 'seniors', 'familles', 'femmes', 'demandeurs-emploi', 'beneficiaires-des-minimas-sociaux', 'personnes-en-situation-de-handicap'];

/** How many services this record shows, and which. */
function pickServices(e: Entity, src: SourceSlug, rng: Rng): ServiceKey[] {
  if (src === 'france-travail') return FT_CATALOGUE.slice(0, 4 + rng.int(4));
  const mean = PROFILES[src].services;
  if (mean === 0) return [];
  if (src === 'mediation-numerique' || src === 'monenfant' || src === 'mes-aides') return [e.services[0] as ServiceKey];
  let n = Math.floor(mean) + (rng.chance(mean - Math.floor(mean)) ? 1 : 0);
  if (rng.chance(0.15)) n = Math.max(0, n - 1);
  const pool = [...e.services];
  const out: ServiceKey[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(rng.int(pool.length), 1)[0] as ServiceKey);
  return out;
}

function serviceId(src: SourceSlug, structure: Structure, t: ServiceTemplate, i: number, rng: Rng): string {
  const native = structure.id.slice(src.length + 2);
  switch (src) {
    case 'mediation-numerique':
    case 'monenfant':
    case 'mes-aides': return structure.id;
    case 'dora': return `dora--${rng.uuid()}`;
    case 'france-travail': return `france-travail--${native}-${String(100 + FT_CATALOGUE.indexOf(t.key as ServiceKey))}`;
    case 'cd35': return `cd35--${native}--${t.thematiques[0]}`;
    case 'fredo': return `fredo--${native}-${slugify(t.names[0] as string)}`;
    case 'soliguide': return `soliguide--${rng.u32().toString(16).padStart(8, '0')}${rng.u32().toString(16).padStart(8, '0')}${rng.u32().toString(16).padStart(8, '0')}`;
    default: return `${src}--${native}-${i + 1}`;
  }
}

function publics(t: ServiceTemplate, rng: Rng): Public[] {
  if (t.publics && rng.chance(0.85)) return [...t.publics];
  if (rng.chance(0.6)) return ['tous-publics'];
  const out = new Set<Public>();
  const n = 1 + rng.int(3);
  while (out.size < n) out.add(rng.pick(OTHER_PUBLICS));
  return [...out];
}

function modes(rng: Rng): ModeMobilisation[] {
  const out = new Set<ModeMobilisation>();
  const n = 1 + rng.int(3);
  const all: ModeMobilisation[] = ['se-presenter', 'telephoner', 'envoyer-un-courriel', 'utiliser-lien-mobilisation'];
  while (out.size < n) out.add(rng.pick(all));
  return [...out];
}

/** Service fields in the order the référentiel publishes them. */
function emptyService(): Service {
  return {
    source: '', id: '', structure_id: '', nom: '', description: '', date_maj: '', type: null, thematiques: null,
    frais: null, frais_precisions: null, publics: null, publics_precisions: null, conditions_acces: null,
    modes_accueil: null, modes_mobilisation: null, mobilisable_par: null, mobilisation_precisions: null,
    lien_mobilisation: null, lien_source: null, telephone: null, courriel: null, contact_nom_prenom: null,
    horaires_accueil: null, zone_eligibilite: null, nombre_semaines: null, volume_horaire_hebdomadaire: null,
    adresse: null, complement_adresse: null, code_postal: null, commune: null, code_insee: null, latitude: null, longitude: null,
  };
}

/** A service's entity: the structure's entity and the offer it is an instance of. */
export const serviceEntityId = (e: Entity, key: string): string => `${e.id}/${key}`;

/**
 * Renders the services a producer lists for its record `structure` of entity `e`.
 *
 * @example
 *   renderServices(entity, 'dora', structure, rng, ctx) // [{ id: 'dora--…', structure_id: structure.id, … }]
 */
export function renderServices(e: Entity, src: SourceSlug, structure: Structure, rng: Rng, ctx: RenderContext): Array<{ service: Service; key: ServiceKey }> {
  const keys = pickServices(e, src, rng);
  const prof = PROFILES[src];
  const out: Array<{ service: Service; key: ServiceKey }> = [];
  const used = new Set<string>();
  keys.forEach((key, i) => {
    const t = SERVICE_TEMPLATES[key] as ServiceTemplate;
    const id = serviceId(src, structure, t, i, rng);
    // cd35 publishes one service per (organisation, thématique): two offers of one thématique are one
    if (used.has(id)) return;
    used.add(id);
    const s = emptyService();
    s.source = src;
    s.id = id;
    s.structure_id = structure.id;
    s.nom = rng.chance(0.6) ? (t.names[0] as string) : rng.pick(t.names);
    s.description = rng.chance(0.7) ? t.about : `${t.about} ${rng.pick(['Sur rendez-vous.', 'Sans rendez-vous aux horaires d’ouverture.', 'Inscription auprès de l’accueil.', 'Orientation par un travailleur social.'])}`;
    s.date_maj = drawDate(ctx, prof.ageDays, rng);
    s.type = t.type;
    const them = t.thematiques.filter((_x, j) => j === 0 || rng.chance(0.6));
    s.thematiques = [...them];
    s.frais = t.frais ?? (rng.chance(0.9) ? 'gratuit' : 'payant');
    if (s.frais === 'payant' && rng.chance(0.5)) s.frais_precisions = rng.pick(['Participation de 1 € par passage', 'Adhésion annuelle de 10 €', 'Selon quotient familial']);
    s.publics = publics(t, rng);
    if (rng.chance(0.25)) s.publics_precisions = rng.pick(['Habitants de la commune', 'Sur orientation', 'Personnes orientées par un travailleur social']);
    if (rng.chance(0.3)) s.conditions_acces = rng.pick(['Pièce d’identité', 'Justificatif de domicile', 'Orientation par un prescripteur', 'Aucune']);
    s.modes_accueil = rng.chance(0.8) ? ['en-presentiel'] : rng.chance(0.5) ? ['a-distance'] : ['en-presentiel', 'a-distance'];
    if (rng.chance(0.8)) {
      s.modes_mobilisation = modes(rng);
      if (s.modes_mobilisation.includes('utiliser-lien-mobilisation')) s.lien_mobilisation = structure.site_web?.startsWith('http') ? structure.site_web : `https://www.rdv-solidarites.fr/prendre_rdv?departement=${e.commune.departement}`;
      s.mobilisable_par = rng.chance(0.5) ? ['usagers', 'professionnels'] : [rng.pick(['usagers', 'professionnels'] as const)];
    }
    if (rng.chance(prof.serviceContact)) {
      s.telephone = structure.telephone;
      s.courriel = structure.courriel;
    }
    if (rng.chance(0.03)) s.contact_nom_prenom = personName(rng);
    if (rng.chance(0.3)) s.horaires_accueil = structure.horaires_accueil;
    const z = rng.next();
    s.zone_eligibilite = z < 0.45 ? [e.commune.parentCode ?? e.commune.code] : z < 0.75 ? [e.commune.departement] : z < 0.9 && e.commune.epciCode ? [e.commune.epciCode] : z < 0.95 ? ['france'] : null;
    if (t.duration && rng.chance(0.6)) {
      s.nombre_semaines = rng.range(1, 52);
      s.volume_horaire_hebdomadaire = rng.range(2, 35);
    }
    if (rng.chance(0.75)) {
      s.adresse = structure.adresse;
      s.complement_adresse = structure.complement_adresse;
      s.code_postal = structure.code_postal;
      s.commune = structure.commune;
      s.code_insee = structure.code_insee;
      s.latitude = structure.latitude;
      s.longitude = structure.longitude;
    }
    if (src === 'france-travail') s.lien_source = `https://www.francetravail.fr/services/${s.id.slice(16)}`;
    if (ctx.defectRate > 0 && rng.chance(ctx.defectRate)) serviceDefect(s, rng);
    out.push({ service: s, key });
  });
  return out;
}

/** One realistic schema defect of a service. */
function serviceDefect(s: Service, rng: Rng): void {
  const r = s as unknown as Record<string, unknown>;
  switch (rng.int(6)) {
    case 0: r.publics = ['tous-publics', 'jeunes']; break;
    case 1: r.description = 'RAS'; break;
    case 2: r.type = 'accompagnement-social'; break;
    case 3: r.frais = 'gratuit-sous-conditions'; break;
    case 4: r.modes_mobilisation = []; break;
    default: r.zone_eligibilite = [`${s.commune ?? 'Rennes'} et alentours`]; break;
  }
}
