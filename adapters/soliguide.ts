/**
 * Soliguide: REST JSON (POST search, pages) → `lieux.json` (`{ places: [...] }` or a bare array).
 *
 * Rules: lieux copied from DORA (`sources` holding `dora`) are dropped; only `country = 'fr'` is
 * kept; lieux sharing a `serviceObjectId` are one place (the most recently updated is kept);
 * descriptions are HTML; coordinates are `[lon, lat]`. Each `services_all[]` entry is a service.
 */
import type { Adapter, AdapterEvent, Origin } from './types.js';
import type { ImportContext } from './context.js';
import { allRows, rowError } from './lib/read.js';
import { compact, email, first, num, postalCode, str, url } from './lib/values.js';
import { dateMaj, isoDate } from './lib/dates.js';
import { htmlToText } from './lib/html.js';
import { osmHours } from './lib/hours.js';
import { name, rid, telephone } from './lib/records.js';
import { mapList, type VocabTable, type Where } from './vocab/map.js';

const SOURCE = 'soliguide';
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Soliguide service categories → v1 thematiques (the ones seen in the référentiel). */
export const SOLIGUIDE_CATEGORIES: VocabTable = {
  food_distribution: ['equipement-et-alimentation--alimentation'],
  food_packages: ['equipement-et-alimentation--alimentation'],
  social_grocery_stores: ['equipement-et-alimentation--alimentation'],
  solidarity_fridge: ['equipement-et-alimentation--alimentation'],
  fountain: [], toilets: [], shower: [], wifi: ['numerique--acceder-a-une-connexion-internet'],
  clothing: ['equipement-et-alimentation--habillement'],
  domiciliation: ['difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives'],
  administrative_assistance: ['difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives'],
  access_to_housing: ['logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement'],
  emergency_accommodation: ['logement-hebergement--rechercher-une-solution-dhebergement-temporaire'],
  digital_tools_training: ['numerique--maitriser-les-fondamentaux-du-numerique'],
  computers_at_your_disposal: ['numerique--acquerir-un-equipement'],
  french_course: ['lecture-ecriture-calcul--maitriser-le-francais'],
  legal_advice: ['difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire'],
  budget_advice: ['difficultes-financieres--ameliorer-sa-gestion-budgetaire'],
  job_coaching: ['preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi'],
  health_specialists: ['sante--acces-aux-soins'], general_practitioner: ['sante--acces-aux-soins'],
  psychological_support: ['sante--sante-mentale'], addiction: ['sante--addictions'],
  day_hosting: ['remobilisation--lien-social'], social_accompaniment: [],
  parent_assistance: ['famille--soutien-a-la-parentalite-et-a-leducation'],
  mobility: ['mobilite--etre-accompagne-dans-son-parcours-mobilite'],
};

/** French labels of the categories, used as service names. */
const CATEGORY_LABELS: Record<string, string> = {
  food_distribution: 'Distribution alimentaire', food_packages: 'Colis alimentaires', social_grocery_stores: 'Épicerie sociale',
  solidarity_fridge: 'Frigo solidaire', fountain: 'Fontaine à eau', toilets: 'Toilettes', shower: 'Douches', wifi: 'Wifi',
  clothing: 'Vestiaire', domiciliation: 'Domiciliation', administrative_assistance: 'Conseil administratif',
  access_to_housing: 'Conseil logement', emergency_accommodation: 'Hébergement d’urgence',
  digital_tools_training: 'Formation numérique', computers_at_your_disposal: 'Ordinateurs à disposition',
  french_course: 'Cours de français', legal_advice: 'Permanence juridique', budget_advice: 'Conseil budget',
  job_coaching: 'Accompagnement à l’emploi', health_specialists: 'Spécialistes de santé',
  general_practitioner: 'Médecin généraliste', psychological_support: 'Soutien psychologique', addiction: 'Addictions',
  day_hosting: 'Accueil de jour', social_accompaniment: 'Accompagnement social', parent_assistance: 'Soutien à la parentalité',
  mobility: 'Mobilité',
};

const SOLIGUIDE_TYPES: Record<string, string> = {
  food_distribution: 'aide-materielle', food_packages: 'aide-materielle', clothing: 'aide-materielle',
  social_grocery_stores: 'aide-materielle', digital_tools_training: 'atelier', french_course: 'atelier',
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function hours(newhours: unknown): string | null {
  const h = obj(newhours);
  return osmHours(DAYS.map((d) => {
    const day = obj(h[d]);
    return day.open === false ? [] : arr(day.timeslot).map((s) => obj(s) as { start: unknown; end: unknown });
  }));
}

/** The street part of Soliguide's full `address` ("7 rue de Lorient, 35000 Rennes" → "7 rue de Lorient"). */
function street(address: unknown, postal: string | null): string | null {
  const a = str(address);
  if (!a) return null;
  const cut = postal ? a.split(new RegExp(`,?\\s*${postal}\\b`))[0] : a;
  return str(cut.replace(/,\s*(France)?\s*$/i, '')) ?? a;
}

function structureOf(lieu: Obj, ctx: ImportContext, where: Where): Obj {
  const pos = obj(lieu.position);
  const coords = arr(obj(pos.location).coordinates);
  const entity = obj(lieu.entity);
  const postal = postalCode(pos.postalCode);
  return compact({
    source: SOURCE,
    id: where.id,
    nom: name(lieu.name, ctx, where),
    description: htmlToText(lieu.description),
    adresse: street(pos.address, postal),
    complement_adresse: str(pos.additionalInformation),
    code_postal: postal,
    code_insee: postalCode(pos.cityCode),
    commune: str(pos.city),
    longitude: num(coords[0]),
    latitude: num(coords[1]),
    telephone: telephone(arr(entity.phones).map((p) => obj(p).phoneNumber), ctx, where),
    courriel: email(entity.mail),
    site_web: url(entity.website),
    horaires_accueil: hours(lieu.newhours),
    lien_source: str(lieu.seo_url) ? `https://soliguide.fr/fr/fiche/${encodeURIComponent(str(lieu.seo_url)!)}` : null,
    date_maj: dateMaj(lieu.updatedAt),
  });
}

function serviceOf(lieu: Obj, s: Obj, structure: Obj, ctx: ImportContext, where: Where): Obj {
  const category = str(s.category);
  const modalities = obj(lieu.modalities);
  const modes: string[] = [];
  if (modalities.inconditionnel === true) modes.push('se-presenter');
  if (obj(modalities.appointment).checked === true) modes.push('telephoner');
  const price = obj(modalities.price);
  return compact({
    source: SOURCE,
    id: where.id,
    structure_id: structure.id,
    nom: name(category ? CATEGORY_LABELS[category] ?? category.replace(/_/g, ' ') : null, ctx, where),
    description: htmlToText(s.description) ?? structure.description ?? null,
    thematiques: category ? mapList(SOLIGUIDE_CATEGORIES, [category], 'category', ctx, where) : null,
    type: category ? SOLIGUIDE_TYPES[category] ?? null : null,
    frais: price.checked === true ? 'payant' : 'gratuit',
    frais_precisions: str(price.precisions),
    modes_accueil: ['en-presentiel'],
    modes_mobilisation: modes.length ? modes : null,
    mobilisable_par: modes.length ? ['usagers'] : null,
    horaires_accueil: s.differentHours === true ? hours(s.hours) : structure.horaires_accueil,
    adresse: structure.adresse, code_postal: structure.code_postal, code_insee: structure.code_insee,
    commune: structure.commune, latitude: structure.latitude, longitude: structure.longitude,
    telephone: structure.telephone, courriel: structure.courriel,
    lien_source: structure.lien_source,
    date_maj: structure.date_maj,
  });
}

export const soliguide: Adapter = {
  slug: SOURCE,
  files: [{ name: 'lieux.json', required: true, description: 'POST /new-search pages (`places`)' }],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    const { rows, errors } = await allRows(dir, 'lieux.json', SOURCE, { idField: 'lieu_id' });
    yield* errors;
    // rule 3: lieux sharing a serviceObjectId are one place; the most recently updated wins
    const kept: { lieu: Obj; origin: Origin }[] = [];
    const winnerOf = new Map<string, { lieu: Obj; origin: Origin }>();
    const candidates: { lieu: Obj; origin: Origin }[] = [];
    for (const { row, origin: o } of rows) {
      const nativeId = str(row.lieu_id);
      const origin = { ...o, ...(nativeId ? { id: nativeId } : {}) };
      if (!nativeId) { yield rowError(SOURCE, origin, 'lieu_id', 'required', 'a lieu without lieu_id'); continue; }
      if (arr(row.sources).some((s) => str(obj(s).name)?.toLowerCase() === 'dora')) {
        yield { kind: 'drop', reason: 'copy of a DORA structure (sources: dora)', origin };
        continue;
      }
      const country = str(obj(row.position).country)?.toLowerCase();
      if (country !== 'fr') {
        yield { kind: 'drop', reason: `outside France (country: ${country ?? 'none'})`, origin };
        continue;
      }
      candidates.push({ lieu: row, origin });
    }
    const updated = (l: Obj) => isoDate(l.updatedAt) ?? '';
    const groupOf = new Map<string, number>();
    const parent = candidates.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    candidates.forEach((c, i) => {
      for (const s of arr(c.lieu.services_all)) {
        const key = str(obj(s).serviceObjectId);
        if (!key) continue;
        const j = groupOf.get(key);
        if (j === undefined) groupOf.set(key, i);
        else parent[find(i)] = find(j);
      }
    });
    for (let i = 0; i < candidates.length; i++) {
      const root = String(find(i));
      const best = winnerOf.get(root);
      if (!best || updated(candidates[i].lieu) > updated(best.lieu)) winnerOf.set(root, candidates[i]);
    }
    for (let i = 0; i < candidates.length; i++) {
      const winner = winnerOf.get(String(find(i)))!;
      if (winner === candidates[i]) kept.push(candidates[i]);
      else yield { kind: 'drop', reason: 'same place as a more recently updated lieu (shared serviceObjectId)', origin: candidates[i].origin };
    }
    for (const { lieu, origin } of kept) {
      const where: Where = { id: rid(SOURCE, origin.id), resource: 'structure', file: origin.file, line: origin.line };
      const structure = structureOf(lieu, ctx, where);
      yield { kind: 'structure', record: structure, origin };
      for (const s of arr(lieu.services_all)) {
        const so = obj(s);
        const sid = str(so.serviceObjectId);
        if (!sid) continue;
        const sw: Where = { id: rid(SOURCE, sid), resource: 'service', file: origin.file, line: origin.line };
        yield { kind: 'service', record: serviceOf(lieu, so, structure, ctx, sw), origin };
      }
    }
  },
};
