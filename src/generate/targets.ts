/**
 * The figures the synthetic corpus is calibrated on. Measured ones come from the national
 * pipeline's 2024 dedup run (SOURCES.md: 56,955 structures); the rest are stated assumptions,
 * labelled as such. Tests and the bench compare a generated corpus against these same numbers.
 */

/** Every producer the generator writes for (the national list of sources). */
export const SOURCES = [
  'dora', 'emplois-de-linclusion', 'mediation-numerique', 'soliguide', 'france-travail',
  'mission-locale', 'ma-boussole-aidants', 'carif-oref', 'finess', 'monenfant', 'mes-aides',
  'cd35', 'fredo', 'reseau-alpha', 'action-logement', 'agefiph',
] as const;
export type SourceSlug = (typeof SOURCES)[number];

/** Measured: multi-record clusters of the 2024 run, by size → count. */
export const MEASURED_CLUSTERS: Readonly<Record<number, number>> = {
  2: 3600, 3: 1021, 4: 85, 5: 81, 6: 7, 7: 6, 9: 1, 11: 1,
};
/** Measured: structures in the 2024 run. */
export const MEASURED_STRUCTURES = 56955;

/**
 * Entities by cluster size implied by the measured run: the multi-record clusters as counted,
 * and singletons = structures − records in multi-record clusters (45,843).
 */
export const CLUSTER_SIZE_COUNTS: Readonly<Record<number, number>> = (() => {
  let inClusters = 0;
  for (const [size, n] of Object.entries(MEASURED_CLUSTERS)) inClusters += Number(size) * n;
  return { 1: MEASURED_STRUCTURES - inClusters, ...MEASURED_CLUSTERS };
})();

/** Share of entities of each cluster size (sums to 1). */
export const CLUSTER_SIZE_SHARE: Readonly<Record<number, number>> = (() => {
  const total = Object.values(CLUSTER_SIZE_COUNTS).reduce((s, n) => s + n, 0);
  const out: Record<number, number> = {};
  for (const [size, n] of Object.entries(CLUSTER_SIZE_COUNTS)) out[Number(size)] = n / total;
  return out;
})();

/** Measured: 19.5 % of structures sit in multi-record clusters. */
export const SHARE_IN_MULTI_CLUSTERS = 0.195;

/**
 * Measured: duplicate pairs by source pair (the ten largest; 7,962 of the run's 8,305 pairs).
 * The remaining ~4 % of pairs are spread over the other sources (`OTHER_PAIR_WEIGHT`).
 */
export const PAIR_COUNTS: ReadonlyArray<readonly [SourceSlug, SourceSlug, number]> = [
  ['dora', 'emplois-de-linclusion', 2338],
  ['mediation-numerique', 'mediation-numerique', 1046],
  ['dora', 'france-travail', 860],
  ['emplois-de-linclusion', 'mediation-numerique', 690],
  ['mediation-numerique', 'soliguide', 689],
  ['emplois-de-linclusion', 'emplois-de-linclusion', 661],
  ['emplois-de-linclusion', 'france-travail', 643],
  ['dora', 'mediation-numerique', 510],
  ['dora', 'soliguide', 395],
  ['emplois-de-linclusion', 'soliguide', 130],
];
/** Pairs of the measured run not in the ten listed: 8,305 − 7,962. */
export const OTHER_PAIR_WEIGHT = 343;

/**
 * Assumption (SOURCES.md gives no per-source volumes): records per source in a référentiel of
 * the 2024 run's size, from the producers' published scale (DORA and the emplois platform ~10 k
 * each, médiation numérique ~13 k lieux, Soliguide ~8 k French lieux not copied from DORA, one
 * France Travail record per agence, ...). Only the shares matter.
 */
export const SOURCE_VOLUME: Readonly<Record<SourceSlug, number>> = {
  dora: 11000,
  'emplois-de-linclusion': 11000,
  'mediation-numerique': 13000,
  soliguide: 8000,
  'france-travail': 950,
  'mission-locale': 1500,
  'ma-boussole-aidants': 2500,
  'carif-oref': 3000,
  finess: 2000,
  monenfant: 1500,
  'mes-aides': 1000,
  cd35: 400,
  fredo: 300,
  'reseau-alpha': 250,
  'action-logement': 90,
  agefiph: 15,
};

/** Measured fill rates of structure fields across the référentiel (share of records, 0..1). */
export const FILL_TARGETS = {
  siret: 0.4,
  telephone: 0.4,
  courriel: 0.6,
  adresse: 0.95,
  code_insee: 0.85,
} as const;
export type FilledField = keyof typeof FILL_TARGETS;

/** Tolerances the tests and the bench hold a generated corpus to (absolute, on shares). */
export const TOLERANCE = {
  /** Fill rate of each field in `FILL_TARGETS`, ± this many points. */
  fillRate: 0.03,
  /** Share of single-record entities, ± this many points. */
  singletonShare: 0.01,
  /** Share of entities of cluster size 2 and 3, ± this much (relative to the target share). */
  clusterShareRelative: 0.1,
  /** Share of records in multi-record clusters, ± this many points. */
  multiShare: 0.02,
  /** Share of each listed source pair among all duplicate pairs, ± this many points. */
  pairShare: 0.03,
} as const;
