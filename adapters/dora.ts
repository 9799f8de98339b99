/**
 * DORA: REST JSON (DRF pagination, `results`) in schema v0 — `structures.json`, `services.json`.
 */
import type { Adapter, AdapterEvent } from './types.js';
import type { ImportContext } from './context.js';
import { rawRows, rowError } from './lib/read.js';
import { compact, email, list, num, paragraphs, positiveInt, postalCode, siret, str, url } from './lib/values.js';
import { isoDate } from './lib/dates.js';
import { dateMaj } from './lib/dates.js';
import { name, publics, rid, telephone, zoneEligibilite } from './lib/records.js';
import { identity, mapList, mapOne, type Where } from './vocab/map.js';
import {
  FRAIS_V0_TO_V1, LABELS_TO_RESEAUX, MODES_ORIENTATION_TO_MOBILISATION, PROFILS_TO_PUBLICS, THEMATIQUES_V0_TO_V1,
  TYPE_PRIORITY, TYPES_V0_TO_V1, TYPOLOGIE_TO_RESEAUX,
} from './vocab/v0.js';
import { MODE_ACCUEIL_VALUES, PUBLIC_VALUES } from '../src/model/index.js';

const SOURCE = 'dora';
const MODES_ACCUEIL = identity(MODE_ACCUEIL_VALUES);
const PUBLICS_V1 = identity(PUBLIC_VALUES);

/** typologie + labels_nationaux → reseaux_porteurs (shared with other v0 producers). */
export function reseauxFromV0(typologie: unknown, labels: unknown, ctx: ImportContext, where: Where): string[] | null {
  const a = mapList(TYPOLOGIE_TO_RESEAUX, list(typologie), 'typologie', ctx, where) ?? [];
  const b = mapList(LABELS_TO_RESEAUX, list(labels), 'labels_nationaux', ctx, where) ?? [];
  const all = [...new Set([...a, ...b])];
  return all.length ? all : null;
}

/** Maps one DORA structure (v0) to a v1 structure. */
export function doraStructure(r: Record<string, unknown>, ctx: ImportContext, where: Where): Record<string, unknown> {
  return compact({
    source: SOURCE,
    id: where.id,
    nom: name(r.nom, ctx, where),
    siret: siret(r.siret),
    description: str(r.presentation_detail) ?? str(r.presentation_resume),
    adresse: str(r.adresse),
    complement_adresse: str(r.complement_adresse),
    code_postal: postalCode(r.code_postal),
    code_insee: postalCode(r.code_insee),
    commune: str(r.commune),
    latitude: num(r.latitude),
    longitude: num(r.longitude),
    telephone: telephone(r.telephone, ctx, where),
    courriel: email(r.courriel),
    site_web: url(r.site_web),
    horaires_accueil: str(r.horaires_ouverture),
    accessibilite_lieu: url(r.accessibilite),
    lien_source: url(r.lien_source),
    reseaux_porteurs: reseauxFromV0(r.typologie, r.labels_nationaux, ctx, where),
    date_maj: dateMaj(r.date_maj),
  });
}

/** Maps one DORA service (v0) to a v1 service. */
export function doraService(r: Record<string, unknown>, ctx: ImportContext, where: Where): Record<string, unknown> {
  const accompagnateur = list(r.modes_orientation_accompagnateur);
  const beneficiaire = list(r.modes_orientation_beneficiaire);
  const modes = mapList(MODES_ORIENTATION_TO_MOBILISATION, [...accompagnateur, ...beneficiaire], 'modes_orientation', ctx, where);
  const mobilisablePar = [
    ...(accompagnateur.length ? ['professionnels'] : []),
    ...(beneficiaire.length ? ['usagers'] : []),
  ];
  const fromProfils = mapList(PROFILS_TO_PUBLICS, list(r.profils), 'profils', ctx, where) ?? [];
  const fromPublics = mapList(PUBLICS_V1, list(r.publics), 'publics', ctx, where) ?? [];
  const allPublics = [...new Set([...fromPublics, ...fromProfils])];
  return compact({
    source: SOURCE,
    id: where.id,
    structure_id: rid(SOURCE, r.structure_id),
    nom: name(r.nom, ctx, where),
    description: paragraphs(r.presentation_resume, r.presentation_detail),
    type: mapOne(TYPES_V0_TO_V1, list(r.types), 'types', ctx, where, TYPE_PRIORITY),
    thematiques: mapList(THEMATIQUES_V0_TO_V1, list(r.thematiques), 'thematiques', ctx, where),
    publics: publics(allPublics.length ? allPublics : null),
    frais: mapOne(FRAIS_V0_TO_V1, list(r.frais), 'frais', ctx, where, ['payant', 'gratuit']),
    frais_precisions: str(r.frais_autres),
    conditions_acces: paragraphs(list(r.pre_requis).join(', ') || null, list(r.justificatifs).join(', ') || null),
    modes_accueil: mapList(MODES_ACCUEIL, list(r.modes_accueil), 'modes_accueil', ctx, where),
    modes_mobilisation: modes,
    mobilisable_par: mobilisablePar.length ? mobilisablePar : null,
    mobilisation_precisions: paragraphs(r.modes_orientation_accompagnateur_autres, r.modes_orientation_beneficiaire_autres),
    lien_mobilisation: url(r.formulaire_en_ligne) ?? url(r.prise_rdv),
    contact_nom_prenom: r.contact_public === false ? null : str(r.contact_nom_prenom),
    courriel: email(r.courriel),
    telephone: telephone(r.telephone, ctx, where),
    zone_eligibilite: zoneEligibilite(r.zone_diffusion_type, r.zone_diffusion_code),
    horaires_accueil: str(r.recurrence),
    nombre_semaines: positiveInt(r.temps_passe_semaines),
    volume_horaire_hebdomadaire: num(r.temps_passe_duree_hebdomadaire),
    adresse: str(r.adresse),
    complement_adresse: str(r.complement_adresse),
    code_postal: postalCode(r.code_postal),
    code_insee: postalCode(r.code_insee),
    commune: str(r.commune),
    latitude: num(r.latitude),
    longitude: num(r.longitude),
    lien_source: url(r.lien_source),
    date_maj: dateMaj(r.date_maj),
  });
}

export const dora: Adapter = {
  slug: SOURCE,
  files: [
    { name: 'structures.json', required: true, description: 'GET /api/v2/structures/ (DRF pages, `results`)' },
    { name: 'services.json', required: true, description: 'GET /api/v2/services/ (DRF pages, `results`)' },
  ],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    for (const [file, kind] of [['structures.json', 'structure'], ['services.json', 'service']] as const) {
      for await (const ev of rawRows(dir, file, SOURCE)) {
        if (ev.kind === 'error') { yield ev; continue; }
        const nativeId = str(ev.row.id);
        const origin = { ...ev.origin, ...(nativeId ? { id: nativeId } : {}) };
        if (!nativeId) { yield rowError(SOURCE, origin, 'id', 'required', `a DORA ${kind} without id`); continue; }
        const where: Where = { id: rid(SOURCE, nativeId), resource: kind, file: origin.file, line: origin.line };
        const record = kind === 'structure' ? doraStructure(ev.row, ctx, where) : doraService(ev.row, ctx, where);
        yield { kind, record, origin };
      }
    }
  },
};
