/**
 * FREDO (La Réunion's directory of social services): REST JSON → `structures.json`. One structure
 * per object; one service per `services[]` value, id `fredo--<id>-<value slug>`, carrying the
 * structure's categories, publics, fees and contact. `last_update` is `YYYY-MM-DD HH24:MI:SS`.
 */
import type { Adapter, AdapterEvent } from './types.js';
import type { ImportContext } from './context.js';
import { rawRows, rowError } from './lib/read.js';
import { compact, email, list, num, postalCode, siret, str, url } from './lib/values.js';
import { dateMaj } from './lib/dates.js';
import { name, publics, rid, telephone } from './lib/records.js';
import { communeCode } from './lib/communes.js';
import { mapList, mapOne, slugify, type VocabTable, type Where } from './vocab/map.js';

const SOURCE = 'fredo';

/** `services[]` values (slugified) → v1 type; the service name is the value itself. */
export const FREDO_SERVICES: VocabTable = {
  'acces-aux-droits': ['accompagnement'], 'accompagnement-dans-les-demarches': ['accompagnement'],
  'accompagnement-dans-les-demarches-via-le-numerique': ['accompagnement'], 'accompagnement-global': ['accompagnement'],
  'accompagnement-psychologique': ['accompagnement'], 'activites-ateliers': ['atelier'], 'aide-a-la-personne': ['accompagnement'],
  'aide-financiere': ['aide-financiere'], 'aide-logistique': ['aide-materielle'], dispositif: ['accompagnement'],
  'ecoute-soutien': ['accompagnement'], 'information-orientation': ['information'], initiation: ['information'], soins: ['accompagnement'],
};

/** `categories[]` (slugified) → v1 thematiques, after the national pipeline's `_map_fredo_thematiques`. */
export const FREDO_CATEGORIES: VocabTable = {
  'acces-a-un-logement': ['logement-hebergement--louer-un-logement'],
  'acces-aux-soins-gratuits': ['sante--acces-aux-soins'],
  'acces-wifi': ['numerique--acceder-a-une-connexion-internet'],
  'acces-au-materiel-informatique': ['numerique--acquerir-un-equipement'],
  'accompagnement-dans-les-recherches': ['preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi'],
  addiction: ['sante--addictions'],
  administratif: ['difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives'],
  aidants: ['famille--soutien-aidants'],
  'aide-a-la-gestion-du-budget': ['difficultes-financieres--ameliorer-sa-gestion-budgetaire'],
  'aide-alimentaire': ['equipement-et-alimentation--alimentation'],
  'aide-juridictionnelle': ['difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire'],
  ameublement: ['equipement-et-alimentation--electromenager'],
  benevolat: ['remobilisation--benevolat-action-citoyenne'],
  citoyennete: ['difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-a-la-citoyennete'],
  'creation-dentreprise': ['creer-une-entreprise--definir-son-projet-de-creation-dentreprise'],
  culture: ['remobilisation--activites-sportives-et-culturelles'],
  domiciliation: ['difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits'],
  electromenagers: ['equipement-et-alimentation--electromenager'],
  emploi: ['trouver-un-emploi--repondre-a-des-offres-demploi'],
  formation: ['se-former--trouver-sa-formation'],
  'formations-gratuites': ['se-former--trouver-sa-formation'],
  'garde-denfants': ['famille--garde-denfants'],
  hebergement: ['logement-hebergement--rechercher-une-solution-dhebergement-temporaire'],
  'hebergement-durgence': ['logement-hebergement--rechercher-une-solution-dhebergement-temporaire'],
  'illettrisme-apprentissage-francais-allophonie': ['lecture-ecriture-calcul--maitriser-le-francais'],
  juridique: ['difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits'],
  logement: ['logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement'],
  'maintien-dans-le-logement': ['logement-hebergement--se-maintenir-dans-le-logement'],
  numerique: ['numerique--maitriser-les-fondamentaux-du-numerique'],
  'parents-enfants': ['famille--soutien-a-la-parentalite-et-a-leducation'],
  'permis-de-conduire': ['mobilite--preparer-un-permis'],
  'protection-prevention-violences-intrafamiliales': ['famille--surmonter-conflits-separation-violence'],
  'recherche-emploi': ['preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi'],
  'reconnaissance-du-handicap': ['sante--constituer-un-dossier-mdph-invalidite'],
  sante: ['sante--acces-aux-soins'],
  'sante-mentale': ['sante--sante-mentale'],
  'sortir-de-lisolement': ['remobilisation--lien-social'],
  sport: ['remobilisation--activites-sportives-et-culturelles'],
  transport: ['mobilite--etre-accompagne-dans-son-parcours-mobilite'],
  vetements: ['equipement-et-alimentation--habillement'],
  famille: [], handicap: [], 'lieu-ressource': [],
};

/** `publics[]` (slugified) → v1 publics. */
export const FREDO_PUBLICS: VocabTable = {
  adulte: ['tous-publics'], 'detenu-ou-sortant-de-detention': ['personnes-en-situation-juridique-specifique'],
  enfant: ['familles'], etudiant: ['etudiants'], femme: ['femmes'], jeune: ['jeunes'], 'personne-agee': ['seniors'],
  'personne-de-nationalite-etrangere': ['personnes-exilees'], 'sans-domicile-fixe': ['personnes-en-situation-durgence'],
  'sortant-ase': ['jeunes'], victime: ['personnes-en-situation-juridique-specifique'], 'tout-public': ['tous-publics'],
};

/** `frais[]` values about fees (slugified) → v1 frais. */
export const FREDO_FRAIS: VocabTable = {
  gratuit: ['gratuit'], payant: ['payant'], 'gratuit-sous-condition': ['gratuit'], 'gratuit-sous-conditions': ['gratuit'], 'sous-conditions': ['gratuit'],
};

/** `frais[]` values about access (FREDO mixes them with fees) → v1 modes_mobilisation. */
export const FREDO_ACCES: VocabTable = {
  'sans-rendez-vous': ['se-presenter'], 'sur-rendez-vous': ['telephoner', 'envoyer-un-courriel'], 'avec-rendez-vous': ['telephoner', 'envoyer-un-courriel'],
};

/** `type_structure[]` (slugified) → v1 reseaux_porteurs. */
export const FREDO_TYPES_STRUCTURE: VocabTable = {
  ccas: ['ccas-cias'], cias: ['ccas-cias'], 'mission-locale': ['mission-locale'], caf: ['caf'], cpam: ['cpam'], 'france-services': ['france-service'],
  'france-travail': ['france-travail'], mairie: ['communes'], 'conseil-departemental': ['departements'], chrs: ['chrs'], 'restos-du-coeur': ['restos-du-coeur'],
  'croix-rouge': ['croix-rouge'], 'secours-populaire': ['secours-populaire'], cidff: ['cidff'],
  association: [], 'etablissement-public': [], entreprise: [],
};

type Obj = Record<string, unknown>;

/** `accompagnement dans les démarches` → `Accompagnement dans les démarches`; `/` reads "et", as the national pipeline names them. */
function serviceName(value: string): string {
  const s = value.replace(/\s*\/\s*/g, ' et ').replace(/\s+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function structure(r: Obj, ctx: ImportContext, where: Where): Obj {
  const codePostal = postalCode(r.code_postal);
  const commune = str(r.commune);
  return compact({
    source: SOURCE,
    id: where.id,
    nom: name(r.nom, ctx, where),
    siret: siret(r.siret),
    description: str(r.presentation_resume),
    adresse: str(r.adresse),
    code_postal: codePostal,
    code_insee: communeCode(commune, codePostal),
    commune,
    latitude: num(r.latitude),
    longitude: num(r.longitude),
    telephone: telephone(list(r.telephone), ctx, where),
    courriel: email(list(r.emails ?? r.email)),
    site_web: url(r.lien_source),
    horaires_accueil: str(r.horaires_ouverture),
    reseaux_porteurs: mapList(FREDO_TYPES_STRUCTURE, list(r.type_structure), 'type_structure', ctx, where, slugify),
    date_maj: dateMaj(r.last_update),
  });
}

export const fredo: Adapter = {
  slug: SOURCE,
  files: [{ name: 'structures.json', required: true, description: 'GET /api/structures (FREDO, La Réunion)' }],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    for await (const ev of rawRows(dir, 'structures.json', SOURCE)) {
      if (ev.kind === 'error') { yield ev; continue; }
      const r = ev.row;
      const nativeId = str(r.id);
      const origin = { ...ev.origin, ...(nativeId ? { id: nativeId } : {}) };
      if (!nativeId) { yield rowError(SOURCE, origin, 'id', 'required', 'a FREDO structure without id'); continue; }
      const sw: Where = { id: rid(SOURCE, nativeId), resource: 'structure', file: origin.file, line: origin.line };
      const s = structure(r, ctx, sw);
      yield { kind: 'structure', record: s, origin };

      const values = [...new Set(list(r.services))];
      if (values.length === 0) continue;
      // the structure's vocabularies, mapped once (reports count structures, not structures × services)
      const vw: Where = { ...sw, resource: 'service' };
      const thematiques = mapList(FREDO_CATEGORIES, list(r.categories), 'categories', ctx, vw, slugify);
      const rawPublics = list(r.publics);
      const pub = publics(mapList(FREDO_PUBLICS, rawPublics, 'publics', ctx, vw, slugify));
      const fraisValues = list(r.frais);
      const known = (v: string) => slugify(v) in FREDO_FRAIS || slugify(v) in FREDO_ACCES;
      const frais = mapOne(FREDO_FRAIS, fraisValues.filter((v) => slugify(v) in FREDO_FRAIS), 'frais', ctx, vw, ['payant', 'gratuit'], slugify);
      const modes = mapList(FREDO_ACCES, fraisValues.filter((v) => slugify(v) in FREDO_ACCES), 'frais', ctx, vw, slugify);
      const other = fraisValues.filter((v) => !known(v));
      const enPresentiel = s.adresse && s.code_postal;
      for (const value of values) {
        const id = rid(SOURCE, `${nativeId}-${slugify(value)}`);
        const w: Where = { ...vw, id };
        const service = compact({
          source: SOURCE,
          id,
          structure_id: s.id,
          nom: name(serviceName(value), ctx, w),
          description: s.description,
          type: mapOne(FREDO_SERVICES, [value], 'services', ctx, w, [], slugify),
          thematiques,
          publics: pub,
          publics_precisions: rawPublics.length ? rawPublics.join(', ') : null,
          frais,
          frais_precisions: other.length ? other.join(', ') : null,
          modes_accueil: [enPresentiel ? 'en-presentiel' : 'a-distance'],
          modes_mobilisation: modes ?? ['telephoner', 'envoyer-un-courriel'],
          mobilisable_par: ['usagers', 'professionnels'],
          telephone: s.telephone, courriel: s.courriel,
          horaires_accueil: s.horaires_accueil,
          zone_eligibilite: ['974'],
          adresse: s.adresse, code_postal: s.code_postal, code_insee: s.code_insee, commune: s.commune,
          latitude: s.latitude, longitude: s.longitude,
          date_maj: s.date_maj,
        });
        yield { kind: 'service', record: service, origin };
      }
    }
  },
};
