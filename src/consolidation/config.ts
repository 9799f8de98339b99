/**
 * Survivorship configuration: which rule picks each field of the consolidated structure, and which
 * sources win ties.
 */
import { Ajv } from 'ajv';
import { UsageError } from '../error.js';

/**
 * - `confirmed`: the value the most sources agree on (SIRET: two sources beat one), then quality, recency.
 * - `frequency`: the most frequent normalised value, then the most recent.
 * - `quality`: the best-formed text (not HTML, a sensible length, not all capitals), then the most recent.
 * - `recency`: the value of the most recently updated record.
 * - `precision`: coordinates from the most precise source (not a commune centroid).
 * - `union`: every value of every member (lists).
 * - `max`: the largest value (dates).
 * - `priority`: the value of the highest-priority source.
 */
export type FieldRule = 'confirmed' | 'frequency' | 'quality' | 'recency' | 'precision' | 'union' | 'max' | 'priority';

export interface ConsolidationConfig {
  /** Sources in order of trust, for ties (unlisted sources come after, alphabetically). */
  sourcePriority: string[];
  /** Rule per structure field (fields not listed use `quality` for text, `recency` otherwise). */
  structureFields: Record<string, FieldRule>;
  /** Rule per service field. */
  serviceFields: Record<string, FieldRule>;
  /** Sources whose services are national catalogue copies: never merged with other services. */
  catalogueSources: string[];
}

export const DEFAULT_CONSOLIDATION: ConsolidationConfig = {
  sourcePriority: [
    'dora', 'emplois-de-linclusion', 'france-travail', 'mediation-numerique', 'soliguide', 'action-logement',
    'agefiph', 'cd35', 'ma-boussole-aidants', 'monenfant', 'fredo', 'reseau-alpha', 'carif-oref', 'mes-aides', 'finess',
  ],
  structureFields: {
    nom: 'quality',
    siret: 'confirmed',
    telephone: 'frequency',
    courriel: 'frequency',
    site_web: 'frequency',
    adresse: 'quality', // the address block (adresse, complement, code postal, commune, INSEE) travels together
    latitude: 'precision', // latitude and longitude travel together
    description: 'quality',
    horaires_accueil: 'recency',
    accessibilite_lieu: 'recency',
    lien_source: 'priority',
    reseaux_porteurs: 'union',
    date_maj: 'max',
  },
  serviceFields: {
    nom: 'quality', description: 'quality', telephone: 'frequency', courriel: 'frequency',
    thematiques: 'union', publics: 'union', modes_accueil: 'union', modes_mobilisation: 'union',
    mobilisable_par: 'union', zone_eligibilite: 'union', date_maj: 'max',
  },
  catalogueSources: ['france-travail'],
};

const RULES: FieldRule[] = ['confirmed', 'frequency', 'quality', 'recency', 'precision', 'union', 'max', 'priority'];

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sourcePriority: { type: 'array', items: { type: 'string' } },
    structureFields: { type: 'object', additionalProperties: { enum: RULES } },
    serviceFields: { type: 'object', additionalProperties: { enum: RULES } },
    catalogueSources: { type: 'array', items: { type: 'string' } },
  },
};
const check = new Ajv({ allErrors: true }).compile(schema);

/**
 * Merges a user's partial config over the defaults; a wrong value gets a message naming the field.
 *
 * @example
 *   consolidationConfig({ sourcePriority: ['soliguide', 'dora'], structureFields: { telephone: 'recency' } })
 */
export function consolidationConfig(user: unknown = {}): ConsolidationConfig {
  if (!check(user)) {
    const e = check.errors![0];
    const where = `consolidation${e.instancePath.replace(/\//g, '.')}`;
    const hint = e.keyword === 'enum' ? ` (one of ${RULES.join(', ')})` : '';
    throw new UsageError(`config: ${where} ${e.message}${hint}`);
  }
  const u = user as Partial<ConsolidationConfig>;
  return {
    sourcePriority: u.sourcePriority ?? DEFAULT_CONSOLIDATION.sourcePriority,
    structureFields: { ...DEFAULT_CONSOLIDATION.structureFields, ...u.structureFields },
    serviceFields: { ...DEFAULT_CONSOLIDATION.serviceFields, ...u.serviceFields },
    catalogueSources: u.catalogueSources ?? DEFAULT_CONSOLIDATION.catalogueSources,
  };
}
