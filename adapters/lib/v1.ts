/**
 * Rows already in schema v1 columns (France Travail and Action Logement CSV exports, the
 * catalogue/valideur spreadsheets): typed, lists split, enumerations checked value by value.
 */
import {
  FRAIS_VALUES, MODE_ACCUEIL_VALUES, MODE_MOBILISATION_VALUES, PERSONNE_MOBILISATRICE_VALUES, PUBLIC_VALUES,
  RESEAU_PORTEUR_VALUES, SERVICE_FIELDS, STRUCTURE_FIELDS, THEMATIQUE_VALUES, TYPE_SERVICE_VALUES,
} from '../../src/model/index.js';
import type { ImportContext } from '../context.js';
import { identity, mapList, mapOne, type VocabTable, type Where } from '../vocab/map.js';
import { dateMaj } from './dates.js';
import { name, publics, rid, telephone } from './records.js';
import { compact, email, list, num, positiveInt, postalCode, siret, str, url } from './values.js';

const LISTS: Record<string, VocabTable> = {
  reseaux_porteurs: identity(RESEAU_PORTEUR_VALUES),
  thematiques: identity(THEMATIQUE_VALUES),
  publics: identity(PUBLIC_VALUES),
  modes_accueil: identity(MODE_ACCUEIL_VALUES),
  modes_mobilisation: identity(MODE_MOBILISATION_VALUES),
  mobilisable_par: identity(PERSONNE_MOBILISATRICE_VALUES),
};
const ONES: Record<string, VocabTable> = { type: identity(TYPE_SERVICE_VALUES), frais: identity(FRAIS_VALUES) };

/** The schema v1 fields of a kind. */
export const fieldsOf = (kind: 'structure' | 'service'): readonly string[] => (kind === 'structure' ? STRUCTURE_FIELDS : SERVICE_FIELDS);

/**
 * Builds a v1 record from a row keyed by v1 field names. `id` and `structure_id` get the
 * `<source>--` prefix; values of enumerations that v1 does not know are reported as unmapped.
 *
 * @example
 *   v1Record({ id: '12', nom: 'CCAS', date_maj: '03/02/2025' }, 'structure', 'action-logement', ctx, where)
 *   // { source: 'action-logement', id: 'action-logement--12', nom: 'CCAS', date_maj: '2025-02-03' }
 */
export function v1Record(
  row: Record<string, unknown>, kind: 'structure' | 'service', source: string, ctx: ImportContext, where: Where,
): Record<string, unknown> {
  const out: Record<string, unknown> = { source, id: where.id };
  for (const field of fieldsOf(kind)) {
    if (field === 'source' || field === 'id' || !(field in row)) continue;
    const v = row[field];
    if (field in LISTS) out[field] = mapList(LISTS[field], list(v), field, ctx, where);
    else if (field in ONES) out[field] = mapOne(ONES[field], list(v), field, ctx, where);
    else if (field === 'zone_eligibilite') {
      const z = list(v).map((c) => (/^\d{4}$/.test(c) ? `0${c}` : c));
      out[field] = z.length ? z : null;
    } else if (field === 'structure_id') out[field] = str(v) === null ? null : rid(source, str(v));
    else if (field === 'nom') out[field] = name(v, ctx, where);
    else if (field === 'date_maj') out[field] = dateMaj(v);
    else if (field === 'siret') out[field] = siret(v);
    else if (field === 'telephone') out[field] = telephone(v, ctx, where);
    else if (field === 'courriel') out[field] = email(v);
    else if (field === 'site_web' || field === 'lien_source' || field === 'accessibilite_lieu' || field === 'lien_mobilisation') out[field] = url(v);
    else if (field === 'code_postal' || field === 'code_insee') out[field] = postalCode(v);
    else if (field === 'latitude' || field === 'longitude' || field === 'volume_horaire_hebdomadaire') out[field] = num(v);
    else if (field === 'nombre_semaines') out[field] = positiveInt(v);
    else out[field] = str(v);
  }
  if (Array.isArray(out.publics)) out.publics = publics(out.publics as string[]);
  return compact(out);
}
