/**
 * mes-aides.francetravail.fr (mobility aids and social garages): two static CSV exports with
 * French headers — `aides.csv` and `garages.csv`. One aide or garage → one structure + one service
 * with the same id. Rows not online (`En ligne` / `En Ligne` false) are unpublished drafts: dropped
 * by rule. An aide's structure is its `Organisme`.
 */
import type { Adapter, AdapterEvent, Origin } from './types.js';
import type { ImportContext } from './context.js';
import { rawRows, rowError } from './lib/read.js';
import { compact, email, list, num, paragraphs, postalCode, siret, str, url } from './lib/values.js';
import { dateMaj } from './lib/dates.js';
import { name, rid, telephone } from './lib/records.js';
import { communeCode } from './lib/communes.js';
import { mapList, mapOne, slugify, type VocabTable, type Where } from './vocab/map.js';
import { TYPE_PRIORITY } from './vocab/v0.js';

const SOURCE = 'mes-aides';

/** `Besoins` / `Thématiques` / garage `Services` labels (slugified) → v1 thematiques. */
export const MES_AIDES_BESOINS: VocabTable = {
  'acheter-un-vehicule': ['mobilite--acceder-a-un-vehicule'],
  'louer-un-vehicule': ['mobilite--acceder-a-un-vehicule'],
  'reparer-son-vehicule': ['mobilite--entretenir-reparer-son-vehicule'],
  'entretenir-son-vehicule': ['mobilite--entretenir-reparer-son-vehicule'],
  'passer-son-permis': ['mobilite--preparer-un-permis'],
  'preparer-son-permis': ['mobilite--preparer-un-permis'],
  'se-deplacer': ['mobilite--etre-accompagne-dans-son-parcours-mobilite'],
  'financer-ses-deplacements': ['mobilite--financer-ma-mobilite'],
  'utiliser-les-transports-en-commun': ['mobilite--mobilite-douce-partagee-collective'],
  'se-deplacer-a-velo': ['mobilite--mobilite-douce-partagee-collective'],
  mobilite: ['mobilite--etre-accompagne-dans-son-parcours-mobilite'],
  // garage services
  reparation: ['mobilite--entretenir-reparer-son-vehicule'],
  entretien: ['mobilite--entretenir-reparer-son-vehicule'],
  'controle-technique': ['mobilite--entretenir-reparer-son-vehicule'],
  location: ['mobilite--acceder-a-un-vehicule'],
  vente: ['mobilite--acceder-a-un-vehicule'],
  'pret-de-vehicule': ['mobilite--acceder-a-un-vehicule'],
  'auto-ecole': ['mobilite--preparer-un-permis'],
};

/** `Nature` (slugified) → v1 type. */
export const MES_AIDES_NATURES: VocabTable = {
  'aide-financiere': ['aide-financiere'], subvention: ['aide-financiere'], pret: ['aide-financiere'], 'pret-a-taux-zero': ['aide-financiere'],
  'aide-materielle': ['aide-materielle'], 'mise-a-disposition': ['aide-materielle'], accompagnement: ['accompagnement'],
  information: ['information'], formation: ['formation'], atelier: ['atelier'],
};

/** `Méthode` (slugified) → v1 modes_mobilisation. */
export const MES_AIDES_METHODES: VocabTable = {
  'en-ligne': ['utiliser-lien-mobilisation'], 'formulaire-en-ligne': ['utiliser-lien-mobilisation'], 'par-telephone': ['telephoner'],
  'par-email': ['envoyer-un-courriel'], 'par-mail': ['envoyer-un-courriel'], 'sur-place': ['se-presenter'], 'en-agence': ['se-presenter'],
  'par-courrier': [],
};

type Obj = Record<string, unknown>;

/** The first non-empty cell of several columns (CSV cells are `''`, never null). */
const pick = (...cells: unknown[]): string | null => {
  for (const c of cells) {
    const v = str(c);
    if (v !== null) return v;
  }
  return null;
};

/** A yes/no cell (`oui`, `true`, `1`, `checked`…); null when empty. */
function yes(v: unknown): boolean | null {
  const s = str(v)?.toLowerCase();
  if (!s) return null;
  if (/^(oui|true|vrai|1|x|checked|yes)$/.test(s)) return true;
  if (/^(non|false|faux|0|no)$/.test(s)) return false;
  return null;
}

/** `35 - Ille-et-Vilaine, 56 - Morbihan` or `35, 56` → département codes; "National" → france. */
function zone(departements: unknown, geo: unknown): string[] | null {
  if (/national|france enti/i.test(str(geo) ?? '')) return ['france'];
  const codes = list(departements).map((d) => /^(\d{2,3}|2[AB])\b/i.exec(d)?.[1]?.toUpperCase()).filter((c): c is string => Boolean(c));
  return codes.length ? [...new Set(codes)] : null;
}

function aide(r: Obj, ctx: ImportContext, sw: Where): { structure: Obj; service: Obj } {
  const vw: Where = { ...sw, resource: 'service' };
  const cp = postalCode(r['Code Postal']);
  const commune = pick(r['Ville Nom'], r.Villes);
  const place = {
    adresse: str(r.Adresse), code_postal: cp, code_insee: communeCode(commune, cp), commune,
    latitude: num(r['Ville Latitude']), longitude: num(r['Ville Longitude']),
  };
  const contact = { telephone: telephone(r['Téléphone'], ctx, sw), courriel: email(r.Email) };
  const date = dateMaj(pick(r['Modifiée le'], r['Mise à jour le'], r['Créée le']));
  const site = url(pick(r.Site, r.Url));
  const structure = compact({
    source: SOURCE, id: sw.id, nom: name(pick(r.Organisme, r.Nom), ctx, sw), ...place, ...contact,
    site_web: site, date_maj: date,
  });
  const methodes = mapList(MES_AIDES_METHODES, list(r['Méthode']), 'Méthode', ctx, vw, slugify);
  const service = compact({
    source: SOURCE, id: sw.id, structure_id: sw.id, nom: name(r.Nom, ctx, vw),
    description: paragraphs(r.Description, str(r.Montant) ? `Montant : ${str(r.Montant)}` : null),
    type: mapOne(MES_AIDES_NATURES, list(pick(r.Nature, r["Type d'aide"])), 'Nature', ctx, vw, TYPE_PRIORITY, slugify),
    thematiques: mapList(MES_AIDES_BESOINS, [...list(r['Thématiques']), ...list(r.Besoins)], 'Besoins', ctx, vw, slugify),
    frais: 'gratuit',
    conditions_acces: paragraphs(r.Conditions, str(r.Justificatifs) ? `Justificatifs : ${str(r.Justificatifs)}` : null),
    modes_mobilisation: methodes,
    mobilisable_par: methodes ? ['usagers'] : null,
    lien_mobilisation: site,
    zone_eligibilite: zone(r['Départements'], r['Zone géographique']),
    ...contact,
    lien_source: site,
    date_maj: date,
  });
  return { structure, service };
}

function garage(r: Obj, ctx: ImportContext, sw: Where): { structure: Obj; service: Obj } {
  const vw: Where = { ...sw, resource: 'service' };
  const cp = postalCode(r['Code Postal']);
  const commune = pick(r.Ville, r['Ville Nom']);
  const first = (v: unknown) => num(str(v)?.split(',')[0]); // some rows hold "LAT, LAT"
  const place = {
    adresse: str(r.Adresse), code_postal: cp, code_insee: postalCode(r['Code INSEE']) ?? communeCode(commune, cp), commune,
    latitude: first(r.Latitude), longitude: first(r.Longitude),
  };
  const contact = { telephone: telephone(r['Téléphone'], ctx, sw), courriel: email(r.Email) };
  const date = dateMaj(pick(r['Mis à jour le'], r['Modifié le'], r['Créé le']));
  const site = url(r.Url);
  const nom = name(r.Nom, ctx, sw);
  const structure = compact({
    source: SOURCE, id: sw.id, nom, siret: siret(str(r.SIRET)?.replace(/\s/g, '')), ...place, ...contact, site_web: site, date_maj: date,
  });
  const services = list(r.Services);
  const vehicules = list(r['Types de véhicule']);
  const service = compact({
    source: SOURCE, id: sw.id, structure_id: sw.id,
    nom: name(str(r.Type) ? `${str(r.Type)}${nom ? ` — ${nom}` : ''}` : nom, ctx, vw),
    description: paragraphs(
      services.length ? `Services : ${services.join(', ')}.` : null,
      vehicules.length ? `Véhicules : ${vehicules.join(', ')}.` : null,
    ),
    // a social driving school teaches; a garage repairs, lends or sells
    type: /auto-?[ée]cole/i.test(str(r.Type) ?? '') ? 'formation' : 'aide-materielle',
    thematiques: mapList(MES_AIDES_BESOINS, [...services, ...list(r.Besoins)], 'Services', ctx, vw, slugify),
    conditions_acces: str(r["Critères d'éligibilité"]),
    modes_accueil: ['en-presentiel'],
    modes_mobilisation: [...(contact.telephone ? ['telephoner'] : []), 'se-presenter'],
    mobilisable_par: ['usagers', 'professionnels'],
    ...place, ...contact,
    lien_source: site,
    date_maj: date,
  });
  return { structure, service };
}

export const mesAides: Adapter = {
  slug: SOURCE,
  files: [
    { name: 'aides.csv', required: true, description: 'the aids table export (French headers)' },
    { name: 'garages.csv', required: true, description: 'the social garages table export (French headers)' },
  ],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    for (const [file, build] of [['aides.csv', aide], ['garages.csv', garage]] as const) {
      for await (const ev of rawRows(dir, file, SOURCE)) {
        if (ev.kind === 'error') { yield ev; continue; }
        const r = ev.row;
        const nativeId = str(r.ID);
        const origin: Origin = { ...ev.origin, ...(nativeId ? { id: nativeId } : {}) };
        if (!nativeId) { yield rowError(SOURCE, origin, 'ID', 'required', `a row of ${file} without ID`); continue; }
        if (yes(pick(r['En ligne'], r['En Ligne'])) === false) { yield { kind: 'drop', reason: 'not online (En ligne = non)', origin }; continue; }
        const sw: Where = { id: rid(SOURCE, nativeId), resource: 'structure', file: origin.file, line: origin.line };
        const { structure, service } = build(r, ctx, sw);
        yield { kind: 'structure', record: structure, origin };
        yield { kind: 'service', record: service, origin };
      }
    }
  },
};
