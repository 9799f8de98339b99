/**
 * Médiation numérique (cartographie nationale des lieux d'inclusion numérique): REST JSON →
 * `structures.json`. One lieu → one structure + one service with the same id. Rows whose
 * `source` is dora, fredo or soliguide are copies and dropped; a pivot of zeros is no SIRET.
 */
import type { Adapter, AdapterEvent } from './types.js';
import { rawRows, rowError } from './lib/read.js';
import { compact, email, list, num, paragraphs, postalCode, siret, str, url } from './lib/values.js';
import { dateMaj } from './lib/dates.js';
import { name, publics, rid, telephone } from './lib/records.js';
import { mapList, mapOne, slugify, type VocabTable, type Where } from './vocab/map.js';

const SOURCE = 'mediation-numerique';
const COPIED_FROM = new Set(['dora', 'fredo', 'soliguide']);

/** `services[]` → v1 thematiques (slugified labels). */
export const MEDNUM_SERVICES: VocabTable = {
  'aide-aux-demarches-administratives': ['numerique--acceder-a-des-services-en-ligne', 'difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives'],
  'maitrise-des-outils-numeriques-du-quotidien': ['numerique--maitriser-les-fondamentaux-du-numerique'],
  'insertion-professionnelle-via-le-numerique': ['preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi'],
  'utilisation-securisee-du-numerique': ['numerique--maitriser-les-fondamentaux-du-numerique'],
  'parentalite-et-education-avec-le-numerique': ['famille--soutien-a-la-parentalite-et-a-leducation'],
  'loisirs-et-creations-numeriques': ['remobilisation--activites-sportives-et-culturelles'],
  'comprehension-du-monde-numerique': ['numerique--maitriser-les-fondamentaux-du-numerique'],
  'acces-internet-et-materiel-informatique': ['numerique--acceder-a-une-connexion-internet'],
  'acquisition-de-materiel-informatique-a-prix-solidaire': ['numerique--acquerir-un-equipement'],
};

/** `publics_specifiquement_adresses[]` → v1 publics. */
export const MEDNUM_PUBLICS: VocabTable = {
  jeunes: ['jeunes'], etudiants: ['etudiants'], 'familles-et-ou-enfants': ['familles'], seniors: ['seniors'],
  femmes: ['femmes'], 'personnes-en-situation-de-handicap': ['personnes-en-situation-de-handicap'],
  'personnes-allophones': ['personnes-exilees'], 'personnes-exilees': ['personnes-exilees'],
};

/** `frais_a_charge[]` → v1 frais. */
export const MEDNUM_FRAIS: VocabTable = { gratuit: ['gratuit'], 'gratuit-sous-condition': ['gratuit'], payant: ['payant'] };

/** `modalites_acces[]` → v1 modes_mobilisation. */
export const MEDNUM_ACCES: VocabTable = {
  'se-presenter': ['se-presenter'], telephoner: ['telephoner'], 'contacter-par-mail': ['envoyer-un-courriel'],
  'prendre-un-rdv-en-ligne': ['utiliser-lien-mobilisation'], 'ce-lieu-n-accueille-pas-de-public': [],
};

/** `modalites_accompagnement[]` → v1 type (one). */
export const MEDNUM_ACCOMPAGNEMENT: VocabTable = {
  seul: ['information'], 'avec-de-laide': ['accompagnement'], 'dans-un-atelier': ['atelier'], 'a-ma-place': ['accompagnement'],
};

/** `dispositif_programmes_nationaux[]` → v1 reseaux_porteurs. */
export const MEDNUM_DISPOSITIFS: VocabTable = {
  'france-services': ['france-service'], 'conseillers-numeriques': ['conseillers-numeriques'], 'aidants-connect': ['aidants-connect'],
  'point-numerique-caf': ['caf'], 'bibliotheques-numerique-de-reference': [], 'grandes-ecoles-du-numerique': ['grandes-ecoles-du-numerique'],
  'la-croix-rouge': ['croix-rouge'], 'emmaus-connect': ['emmaus'], 'promeneurs-du-net': [], 'espace-public-numerique-epn': ['espaces-publics-numeriques'],
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

export const mediationNumerique: Adapter = {
  slug: SOURCE,
  files: [{ name: 'structures.json', required: true, description: 'GET /api/v0/schema-data-inclusion/structures (cartographie nationale)' }],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    for await (const ev of rawRows(dir, 'structures.json', SOURCE)) {
      if (ev.kind === 'error') { yield ev; continue; }
      const r = ev.row;
      const nativeId = str(r.id);
      const origin = { ...ev.origin, ...(nativeId ? { id: nativeId } : {}) };
      if (!nativeId) { yield rowError(SOURCE, origin, 'id', 'required', 'a lieu without id'); continue; }
      const from = str(r.source)?.toLowerCase();
      if (from && COPIED_FROM.has(from)) {
        yield { kind: 'drop', reason: `copy of a ${from} record (source: ${from})`, origin };
        continue;
      }
      const id = rid(SOURCE, nativeId);
      const sw: Where = { id, resource: 'structure', file: origin.file, line: origin.line };
      const a = obj(r.adresse);
      const adresse = str([str(a.numero_voie), str(a.repetition), str(a.nom_voie)].filter(Boolean).join(' '));
      const place = {
        adresse, code_postal: postalCode(a.code_postal), code_insee: postalCode(a.code_insee), commune: str(a.commune),
        latitude: num(r.latitude), longitude: num(r.longitude),
      };
      const contact = { telephone: telephone(r.telephone, ctx, sw), courriel: email(r.courriels) };
      const structure = compact({
        source: SOURCE, id, nom: name(r.nom, ctx, sw), siret: siret(r.pivot),
        description: str(r.presentation_detail) ?? str(r.presentation_resume),
        ...place, ...contact,
        site_web: url(list(r.site_web)[0]),
        horaires_accueil: str(r.horaires),
        reseaux_porteurs: mapList(MEDNUM_DISPOSITIFS, list(r.dispositif_programmes_nationaux), 'dispositif_programmes_nationaux', ctx, sw, slugify),
        date_maj: dateMaj(r.date_maj),
      });
      yield { kind: 'structure', record: structure, origin };
      const vw: Where = { ...sw, resource: 'service' };
      const labels = list(r.services);
      const modes = mapList(MEDNUM_ACCES, list(r.modalites_acces), 'modalites_acces', ctx, vw, slugify);
      const service = compact({
        source: SOURCE, id, structure_id: id,
        nom: name(`Médiation numérique${structure.nom ? ` — ${String(structure.nom)}` : ''}`, ctx, vw),
        description: paragraphs(r.presentation_resume, labels.length ? `Services : ${labels.join(', ')}.` : null),
        type: mapOne(MEDNUM_ACCOMPAGNEMENT, list(r.modalites_accompagnement), 'modalites_accompagnement', ctx, vw, ['accompagnement', 'atelier', 'information'], slugify),
        thematiques: mapList(MEDNUM_SERVICES, labels, 'services', ctx, vw, slugify),
        publics: publics(mapList(MEDNUM_PUBLICS, list(r.publics_specifiquement_adresses), 'publics_specifiquement_adresses', ctx, vw, slugify) ?? ['tous-publics']),
        frais: mapOne(MEDNUM_FRAIS, list(r.frais_a_charge), 'frais_a_charge', ctx, vw, ['payant', 'gratuit'], slugify),
        modes_accueil: ['en-presentiel'],
        modes_mobilisation: modes,
        mobilisable_par: modes ? ['usagers'] : null,
        lien_mobilisation: url(r.prise_rdv),
        horaires_accueil: str(r.horaires),
        ...place, ...contact,
        date_maj: structure.date_maj,
      });
      yield { kind: 'service', record: service, origin };
    }
  },
};
