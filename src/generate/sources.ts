/**
 * How each producer writes a record: its id scheme, spelling habits, which fields it fills and
 * how fresh its dates are. Fill affinities are relative; `calibrateFill` turns them into
 * probabilities that meet the référentiel-wide targets.
 */
import type { IdScheme } from './identifiers.js';
import { FILL_TARGETS, SOURCE_VOLUME, SOURCES, type FilledField, type SourceSlug } from './targets.js';

export interface SourceProfile {
  slug: SourceSlug;
  ids: IdScheme;
  /** Web page of a record at the producer (`{id}` and `{slug}` are replaced). */
  lienSource: string | null;
  /** Probability that names are written in capitals without accents. */
  upper: number;
  /** Probability that accents are dropped (names, streets, communes). */
  ascii: number;
  /** Probability that the producer appends the commune to the name. */
  appendCommune: number;
  /** Probability of one typing slip in the name. */
  typo: number;
  /** Relative fill propensity of the measured fields. */
  fill: Record<FilledField, number>;
  /** Probability that coordinates are missing. */
  noCoords: number;
  /** Probability that the record only has town-level coordinates (geocoded to the commune centre). */
  townCoords: number;
  /** Mean age of `date_maj`, in days before the reference date. */
  ageDays: number;
  /** Mean number of services per structure record. */
  services: number;
  /** Whether the producer states a network (typologie, kind, labels). */
  reseaux: number;
  /** Whether the producer writes the whole address in one field with postcode and city. */
  oneLineAddress: number;
  /** Whether it publishes former names longer than others (stale data). */
  stale: number;
  /** Chance that a service repeats the structure's contact details. */
  serviceContact: number;
}

const P = (p: Omit<SourceProfile, 'fill'> & { fill: Partial<Record<FilledField, number>> }): SourceProfile => ({
  ...p,
  fill: { siret: 1, telephone: 1, courriel: 1, adresse: 1, code_insee: 1, ...p.fill },
});

export const PROFILES: Record<SourceSlug, SourceProfile> = {
  dora: P({ slug: 'dora', ids: 'uuid', lienSource: 'https://dora.inclusion.beta.gouv.fr/structures/{slug}', upper: 0.03, ascii: 0.05, appendCommune: 0.1, typo: 0.02, fill: { siret: 1.6, telephone: 1.3, courriel: 1.25, code_insee: 1.2 }, noCoords: 0.04, townCoords: 0.05, ageDays: 420, services: 1.9, reseaux: 0.7, oneLineAddress: 0, stale: 0.1, serviceContact: 0.7 }),
  'emplois-de-linclusion': P({ slug: 'emplois-de-linclusion', ids: 'int', lienSource: 'https://emplois.inclusion.beta.gouv.fr/company/{id}/card', upper: 0.25, ascii: 0.15, appendCommune: 0.15, typo: 0.02, fill: { siret: 3, telephone: 1.1, courriel: 1.4, code_insee: 0.9 }, noCoords: 0.08, townCoords: 0.1, ageDays: 500, services: 0, reseaux: 0.95, oneLineAddress: 0, stale: 0.2, serviceContact: 0 }),
  'mediation-numerique': P({ slug: 'mediation-numerique', ids: 'mednum', lienSource: 'https://cartographie.societenumerique.gouv.fr/cartographie/{id}/details', upper: 0.04, ascii: 0.1, appendCommune: 0.25, typo: 0.03, fill: { siret: 0.8, telephone: 1, courriel: 1.1, code_insee: 1.1 }, noCoords: 0.02, townCoords: 0.06, ageDays: 380, services: 1, reseaux: 0.5, oneLineAddress: 0, stale: 0.3, serviceContact: 0.9 }),
  soliguide: P({ slug: 'soliguide', ids: 'int', lienSource: 'https://soliguide.fr/fr/fiche/{slug}', upper: 0.02, ascii: 0.05, appendCommune: 0.35, typo: 0.04, fill: { siret: 0, telephone: 1.4, courriel: 0.55, code_insee: 1.15 }, noCoords: 0.01, townCoords: 0.03, ageDays: 700, services: 2.2, reseaux: 0, oneLineAddress: 0.6, stale: 0.45, serviceContact: 0.5 }),
  'france-travail': P({ slug: 'france-travail', ids: 'ft-agence', lienSource: null, upper: 0.35, ascii: 0.35, appendCommune: 0, typo: 0, fill: { siret: 3, telephone: 0.6, courriel: 1.5, code_insee: 1.2 }, noCoords: 0, townCoords: 0, ageDays: 60, services: 6, reseaux: 1, oneLineAddress: 0, stale: 0, serviceContact: 0.2 }),
  'mission-locale': P({ slug: 'mission-locale', ids: 'ml', lienSource: null, upper: 0.05, ascii: 0.1, appendCommune: 0, typo: 0.01, fill: { siret: 1.5, telephone: 1.8, courriel: 1.2, code_insee: 1.1 }, noCoords: 0.05, townCoords: 0.05, ageDays: 200, services: 2, reseaux: 1, oneLineAddress: 0, stale: 0.05, serviceContact: 0.8 }),
  'ma-boussole-aidants': P({ slug: 'ma-boussole-aidants', ids: 'int', lienSource: 'https://maboussoleaidants.fr/structure/{id}', upper: 0.05, ascii: 0.05, appendCommune: 0.2, typo: 0.01, fill: { siret: 1.4, telephone: 1.9, courriel: 1.2, code_insee: 1.2 }, noCoords: 0.05, townCoords: 0.05, ageDays: 300, services: 2, reseaux: 0.9, oneLineAddress: 0, stale: 0.15, serviceContact: 0.8 }),
  'carif-oref': P({ slug: 'carif-oref', ids: 'carif', lienSource: 'https://www.intercariforef.org/formations/{id}', upper: 0.3, ascii: 0.2, appendCommune: 0.1, typo: 0.01, fill: { siret: 3, telephone: 1, courriel: 1, code_insee: 0.7 }, noCoords: 0.6, townCoords: 0.1, ageDays: 150, services: 1.6, reseaux: 0, oneLineAddress: 0, stale: 0.1, serviceContact: 0.6 }),
  finess: P({ slug: 'finess', ids: 'finess', lienSource: null, upper: 0.95, ascii: 0.95, appendCommune: 0.05, typo: 0.005, fill: { siret: 2, telephone: 1.9, courriel: 0, code_insee: 0.8 }, noCoords: 1, townCoords: 0, ageDays: 900, services: 0, reseaux: 1, oneLineAddress: 0, stale: 0.5, serviceContact: 0 }),
  monenfant: P({ slug: 'monenfant', ids: 'int', lienSource: 'https://monenfant.fr/que-recherchez-vous/{slug}', upper: 0.3, ascii: 0.1, appendCommune: 0.1, typo: 0.01, fill: { siret: 0, telephone: 1.9, courriel: 1.3, code_insee: 0.9 }, noCoords: 0.5, townCoords: 0.2, ageDays: 250, services: 1, reseaux: 0.2, oneLineAddress: 0, stale: 0.1, serviceContact: 1 }),
  'mes-aides': P({ slug: 'mes-aides', ids: 'airtable', lienSource: 'https://mes-aides.francetravail.fr/transport-et-mobilite/{slug}', upper: 0.1, ascii: 0.1, appendCommune: 0.3, typo: 0.02, fill: { siret: 0, telephone: 1.5, courriel: 1.2, adresse: 0.7, code_insee: 0.6 }, noCoords: 0.3, townCoords: 0.3, ageDays: 350, services: 1, reseaux: 0.3, oneLineAddress: 0.3, stale: 0.2, serviceContact: 1 }),
  cd35: P({ slug: 'cd35', ids: 'int', lienSource: 'https://www.ille-et-vilaine.fr/organisme/{slug}', upper: 0.4, ascii: 0.2, appendCommune: 0.1, typo: 0.01, fill: { siret: 0, telephone: 1.9, courriel: 1.3, code_insee: 1.2 }, noCoords: 0.1, townCoords: 0.1, ageDays: 400, services: 2, reseaux: 0.3, oneLineAddress: 0, stale: 0.4, serviceContact: 0.9 }),
  fredo: P({ slug: 'fredo', ids: 'int', lienSource: 'https://fredo.re/structure/{id}', upper: 0.1, ascii: 0.2, appendCommune: 0.1, typo: 0.03, fill: { siret: 1.4, telephone: 1.5, courriel: 1.2, code_insee: 0.5 }, noCoords: 0.1, townCoords: 0.2, ageDays: 250, services: 2, reseaux: 0.3, oneLineAddress: 0, stale: 0.1, serviceContact: 0.8 }),
  'reseau-alpha': P({ slug: 'reseau-alpha', ids: 'int', lienSource: 'https://www.reseau-alpha.org/structure/apprentissage-du-francais/{slug}', upper: 0.02, ascii: 0.05, appendCommune: 0.1, typo: 0.02, fill: { siret: 0, telephone: 1.1, courriel: 1.2, code_insee: 1 }, noCoords: 0.05, townCoords: 0.05, ageDays: 450, services: 2, reseaux: 0, oneLineAddress: 0, stale: 0.3, serviceContact: 0.9 }),
  'action-logement': P({ slug: 'action-logement', ids: 'action-logement', lienSource: null, upper: 0.05, ascii: 0.05, appendCommune: 0, typo: 0, fill: { siret: 3, telephone: 0.8, courriel: 1.2, code_insee: 1.2 }, noCoords: 0.1, townCoords: 0, ageDays: 120, services: 3, reseaux: 1, oneLineAddress: 0, stale: 0, serviceContact: 0.5 }),
  agefiph: P({ slug: 'agefiph', ids: 'uuid', lienSource: 'https://www.agefiph.fr/contact/{slug}', upper: 0, ascii: 0, appendCommune: 0, typo: 0, fill: { siret: 0, telephone: 1.9, courriel: 1.5, code_insee: 0.8 }, noCoords: 0, townCoords: 0, ageDays: 200, services: 5, reseaux: 1, oneLineAddress: 0, stale: 0, serviceContact: 0.5 }),
};

/**
 * Per-source fill probabilities p = min(1, c · affinity), with c solved (bisection) so that the
 * volume-weighted mean over sources equals the measured target for each field.
 *
 * @example
 *   calibrateFill().get('dora')?.siret // e.g. 0.61
 */
export function calibrateFill(volumes: Record<SourceSlug, number> = SOURCE_VOLUME): Map<SourceSlug, Record<FilledField, number>> {
  const total = SOURCES.reduce((s, src) => s + volumes[src], 0);
  const out = new Map<SourceSlug, Record<FilledField, number>>();
  for (const src of SOURCES) out.set(src, { ...FILL_TARGETS });
  for (const field of Object.keys(FILL_TARGETS) as FilledField[]) {
    const target = FILL_TARGETS[field];
    const mean = (c: number) => SOURCES.reduce((s, src) => s + volumes[src] * Math.min(1, c * PROFILES[src].fill[field]), 0) / total;
    let lo = 0;
    let hi = 20;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (mean(mid) < target) lo = mid;
      else hi = mid;
    }
    for (const src of SOURCES) (out.get(src) as Record<FilledField, number>)[field] = Math.min(1, hi * PROFILES[src].fill[field]);
  }
  return out;
}
