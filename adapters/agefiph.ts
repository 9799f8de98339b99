/**
 * Agefiph: Drupal JSON:API (paginated by `links.next`) → `solutions.json` (the national catalogue
 * of aids and services) and `contacts.json` (its contacts). Only the regional offices are kept as
 * structures (the contact type, a taxonomy term in `included`); the other contacts are dropped by
 * rule. Services = solutions × regional offices: id `agefiph--<office id>-<solution id>`, eligible
 * in the office's region.
 */
import type { Adapter, AdapterEvent, Origin } from './types.js';
import type { ImportContext } from './context.js';
import { rowError } from './lib/read.js';
import { readJsonApi, related, relatedIds } from './lib/jsonapi.js';
import { compact, email, num, paragraphs, postalCode, str, url } from './lib/values.js';
import { dateMaj } from './lib/dates.js';
import { htmlToText } from './lib/html.js';
import { departementsOfRegion, name, rid, regionOfDepartement, telephone } from './lib/records.js';
import { communeCode } from './lib/communes.js';
import { mapList, mapOne, slugify, type VocabTable, type Where } from './vocab/map.js';
import { TYPE_PRIORITY } from './vocab/v0.js';

const SOURCE = 'agefiph';
const SITE = 'https://www.agefiph.fr';
const REGIONAL = /^d[ée]l[ée]gations? r[ée]gionales?$/i;

/** `field_type_de_solution` term names (slugified) → v1 type. */
export const AGEFIPH_TYPES: VocabTable = {
  'aide-financiere': ['aide-financiere'], aide: ['aide-financiere'], service: ['accompagnement'], accompagnement: ['accompagnement'],
  prestation: ['accompagnement'], formation: ['formation'], information: ['information'], conseil: ['information'],
};

/** `field_profil_associe` term names (slugified) → v1 publics. */
export const AGEFIPH_PROFILS: VocabTable = {
  'personne-handicapee': ['personnes-en-situation-de-handicap'], 'personnes-handicapees': ['personnes-en-situation-de-handicap'],
  'salarie-handicape': ['personnes-en-situation-de-handicap', 'actifs'], 'demandeur-demploi-handicape': ['personnes-en-situation-de-handicap', 'demandeurs-emploi'],
  'jeune-handicape': ['personnes-en-situation-de-handicap', 'jeunes'], employeur: [], entreprise: [],
};

/** `field_thematique` term names (slugified) → v1 thematiques. */
export const AGEFIPH_THEMATIQUES: VocabTable = {
  'trouver-un-emploi': ['trouver-un-emploi--repondre-a-des-offres-demploi'],
  'se-former': ['se-former--trouver-sa-formation', 'se-former--monter-son-dossier-de-formation'],
  'creer-son-entreprise': ['creer-une-entreprise--definir-son-projet-de-creation-dentreprise', 'creer-une-entreprise--structurer-son-projet-de-creation-dentreprise'],
  'conserver-son-emploi': ['trouver-un-emploi--maintien-dans-lemploi'],
  'maintien-dans-lemploi': ['trouver-un-emploi--maintien-dans-lemploi'],
  'compenser-son-handicap': ['trouver-un-emploi--maintien-dans-lemploi'],
  'se-deplacer': ['mobilite--financer-ma-mobilite'],
  mobilite: ['mobilite--financer-ma-mobilite'],
  'faire-reconnaitre-son-handicap': ['sante--constituer-un-dossier-mdph-invalidite'],
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const termNames = (terms: Obj[]) => terms.map((t) => str(obj(t.attributes).name)).filter((n): n is string => n !== null);

function office(c: Obj, ctx: ImportContext, where: Where): Obj {
  const a = obj(c.attributes);
  const adr = obj(a.field_adresse);
  const geo = obj(a.field_geolocalisation);
  const cp = postalCode(adr.postal_code);
  const commune = str(adr.locality);
  return compact({
    source: SOURCE,
    id: where.id,
    nom: name(a.title, ctx, where),
    description: htmlToText(a.field_texte_brut_long),
    adresse: str(adr.address_line1),
    complement_adresse: str(adr.address_line2),
    code_postal: cp,
    code_insee: communeCode(commune, cp),
    commune,
    latitude: num(geo.lat),
    longitude: num(geo.lng),
    telephone: telephone(a.field_telephone, ctx, where),
    courriel: email(a.field_courriel),
    site_web: url(obj(a.field_lien_externe).uri) ?? SITE,
    reseaux_porteurs: ['agefiph'],
    date_maj: dateMaj(a.changed ?? a.created),
  });
}

/** The départements of the office's region (from its postal code), or null. */
function regionZone(codePostal: unknown): string[] | null {
  const cp = str(codePostal);
  if (!cp) return null;
  const dep = cp.startsWith('97') ? cp.slice(0, 3) : cp.startsWith('20') ? null : cp.slice(0, 2);
  const region = dep ? regionOfDepartement(dep) : null;
  return region ? departementsOfRegion(region) : null;
}

export const agefiph: Adapter = {
  slug: SOURCE,
  files: [
    { name: 'contacts.json', required: true, description: 'GET /jsonapi/node/contact?include=field_type_contact (pages by links.next)' },
    { name: 'solutions.json', required: true, description: 'GET /jsonapi/node/solution?include=field_type_de_solution,field_profil_associe,field_thematique' },
  ],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    const offices: Obj[] = [];
    const contacts = await readJsonApi(dir, 'contacts.json', SOURCE);
    yield* contacts.errors;
    for (const { resource: c, origin: o } of contacts.resources) {
      const cid = str(c.id);
      const origin: Origin = { ...o, ...(cid ? { id: cid } : {}) };
      if (!cid) { yield rowError(SOURCE, origin, 'id', 'required', 'a contact without id'); continue; }
      const types = termNames(related(c, 'field_type_contact', contacts.included));
      if (types.length === 0) {
        const ids = relatedIds(c, 'field_type_contact');
        yield rowError(SOURCE, origin, 'field_type_contact', ids.length ? 'term_not_included' : 'required',
          ids.length ? `contact type ${ids.join(', ')} is not in the response's included terms` : 'a contact without type', ids.join(', '));
        continue;
      }
      if (!types.some((t) => REGIONAL.test(t))) {
        yield { kind: 'drop', reason: `not a regional office (contact type: ${types.join(', ')})`, origin };
        continue;
      }
      const where: Where = { id: rid(SOURCE, cid), resource: 'structure', file: origin.file, line: origin.line };
      const record = office(c, ctx, where);
      offices.push(record);
      yield { kind: 'structure', record, origin };
    }

    const solutions = await readJsonApi(dir, 'solutions.json', SOURCE);
    yield* solutions.errors;
    for (const { resource: s, origin: o } of solutions.resources) {
      const sid = str(s.id);
      const origin: Origin = { ...o, ...(sid ? { id: sid } : {}) };
      if (!sid) { yield rowError(SOURCE, origin, 'id', 'required', 'a solution without id'); continue; }
      if (offices.length === 0) { yield rowError(SOURCE, origin, 'structure_id', 'no_office', 'no regional office to offer this solution'); continue; }
      const a = obj(s.attributes);
      // mapped once: vocabulary reports count solutions, not solutions × offices
      const w: Where = { id: rid(SOURCE, sid), resource: 'service', file: origin.file, line: origin.line };
      const detail = obj(a.field_solution_detail);
      const alias = str(obj(a.path).alias);
      const lien = url(obj(a.field_lien_aide).uri);
      const base = {
        nom: name(a.title, ctx, w),
        description: paragraphs(htmlToText(detail.processed ?? detail.value), str(a.field_montant_aide) ? `Montant : ${str(a.field_montant_aide)}` : null),
        type: mapOne(AGEFIPH_TYPES, termNames(related(s, 'field_type_de_solution', solutions.included)), 'field_type_de_solution', ctx, w, TYPE_PRIORITY, slugify),
        thematiques: mapList(AGEFIPH_THEMATIQUES, termNames(related(s, 'field_thematique', solutions.included)), 'field_thematique', ctx, w, slugify),
        publics: mapList(AGEFIPH_PROFILS, termNames(related(s, 'field_profil_associe', solutions.included)), 'field_profil_associe', ctx, w, slugify),
        frais: 'gratuit',
        lien_mobilisation: lien,
        modes_mobilisation: lien ? ['utiliser-lien-mobilisation', 'telephoner'] : ['telephoner'],
        mobilisable_par: ['usagers', 'professionnels'],
        lien_source: alias ? `${SITE}${alias.startsWith('/') ? '' : '/'}${alias}` : null,
        date_maj: dateMaj(a.changed ?? a.created),
      };
      for (const off of offices) {
        const code = String(off.id).slice(SOURCE.length + 2);
        const record = compact({
          source: SOURCE,
          id: rid(SOURCE, `${code}-${sid}`),
          structure_id: off.id,
          ...base,
          modes_accueil: ['en-presentiel', 'a-distance'],
          telephone: off.telephone, courriel: off.courriel,
          zone_eligibilite: regionZone(off.code_postal),
          adresse: off.adresse, complement_adresse: off.complement_adresse, code_postal: off.code_postal, code_insee: off.code_insee,
          commune: off.commune, latitude: off.latitude, longitude: off.longitude,
        });
        yield { kind: 'service', record, origin };
      }
    }
  },
};
