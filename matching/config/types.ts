/**
 * The matching configuration: which input columns feed which fields, how fields are normalised,
 * how candidate pairs are blocked, how pairs are compared, and the decision threshold.
 */

/** How a field's raw value is normalised. */
export type FieldType =
  | 'name' | 'address' | 'text' | 'string' | 'digits'
  | 'phone' | 'siret' | 'siren' | 'email' | 'domain' | 'insee' | 'postcode' | 'exact' | 'kind' | 'audience'
  | 'point';

export const STRING_TYPES: ReadonlySet<FieldType> = new Set(['name', 'address', 'text', 'string', 'digits']);

export interface FieldSpec {
  type: FieldType;
  /** Logical input column(s); the first that normalises to a non-empty value wins (point: [lat, lon]). */
  from?: string | string[];
  /** Default country for phone numbers without an international prefix (FR by default). */
  country?: string;
  /** Text fields: drop the words of this column (e.g. the commune in "CCAS de Rennes") when others remain. */
  strip?: string;
  /**
   * Point fields: a point that `records` other records share within `km` is a geocoding to the
   * town centre (or a postcode's), not the place's position, and is read as missing. Many
   * unrelated places sit there; two records of one place may be one there and one on its street.
   */
  crowd?: { km: number; records: number };
}

/** One level of a comparison: all the predicates it states must hold. */
export interface LevelSpec {
  label?: string;
  /** Compare this field instead of the comparison's own (e.g. SIREN as a level of SIRET). */
  field?: string;
  exact?: boolean;
  /** Jaro-Winkler similarity at least this. */
  jw?: number;
  /** Levenshtein distance at most this. */
  lev?: number;
  /** Rarity-weighted token similarity at least this. */
  tokens?: number;
  /** Distance in km at most this (point fields). */
  km?: number;
  /** Same house number at the start of both addresses. */
  sameNumber?: boolean;
  /**
   * The value is held by at most this many records (the commoner of the two): an email or a phone
   * two records share and no other is strong evidence, a network's switchboard weak. With `exact`,
   * levels `{ exact: true, maxFreq: 2 }, { exact: true }` let the model weigh rare and common values apart.
   */
  maxFreq?: number;
  /**
   * Only when this field is missing on either record. A level of its own for "same commune, and
   * one record has no coordinates" keeps it apart from "same commune, 3 km apart": the first says
   * little, the second is evidence against.
   */
  absent?: string;
  /**
   * Only when both values are one of these (after normalisation): e.g. the same source, for the
   * sources known to list one place twice, apart from the same source elsewhere.
   */
  values?: string[];
  /**
   * Only when these fields are also equal (and present) on both records: e.g. the same address
   * in the same commune.
   */
  also?: string[];
}

export interface ComparisonSpec {
  name: string;
  field: string;
  levels: LevelSpec[];
  /** Term-frequency adjustment when the first (exact) level holds. */
  tf?: boolean;
  /**
   * The field whose value frequencies drive the term-frequency adjustment (default: `field`): e.g.
   * the name with its commune, when the comparison is on the name without it ("ccas" is in every
   * town, "ccas brest" in one).
   */
  tfField?: string;
  /**
   * A hard negative rule: when both values are present and none of the levels holds ("else"), the
   * pair is never merged (its weight is capped at -6 bits, probability ≈ 0.015), whatever the other evidence.
   * For evidence independence cannot capture: offices of different kinds sharing one building,
   * switchboard and SIREN; restaurants of one hotel.
   */
  veto?: boolean;
}

export interface BlockingRule {
  name: string;
  /** Exact key: records agreeing on every listed field (all present). */
  on?: string[];
  /** Also require a shared name token: each record contributes its `rarest` rarest tokens of this field. */
  token?: string;
  rarest?: number;
  /** Spatial rule: neighbours within `km` of this point field (with `token`, sharing a token). */
  near?: string;
  km?: number;
  maxBlockSize?: number;
}

export interface TrainingSpec {
  seed: number;
  /** Random pairs drawn to estimate u. */
  uPairs: number;
  emIterations: number;
  /** Lists of comparison names which, all at their first level, mark a near-certain match (for λ). */
  deterministic: string[][];
  /**
   * Pairs of comparisons whose levels are weighed together when a model is calibrated on labelled
   * pairs (`recoupe train --labels`): one weight per pair of levels, learnt by logistic
   * regression, on top of the naive-Bayes sum. Ignored by unsupervised training.
   */
  interactions?: [string, string][];
  /** Calibration tunes the model's threshold: the highest F1 keeping this precision on the labels (default 0.98). */
  minPrecision?: number;
  /**
   * Self-calibration (`--self-calibrate`): when a model is estimated from the data, calibrate it
   * (logistic regression, with the interactions above) on its own clusters — every candidate pair
   * labelled by whether the unsupervised run put both records in one cluster — and match with the
   * result. Clusters join records through chains of strong pairs, which the pairs' own scores do
   * not see: the fit learns from those joins. No labels needed; on in the built-in config (and so
   * in any config that does not set it); calibrating on labels (`train --calibrate`) replaces it.
   */
  selfCalibrate?: boolean;
  /**
   * Self-calibration rounds (default 3). The first labels the estimated model's clusters at the
   * threshold; each later round labels the clusters of the model the round before calibrated, cut
   * at `selfCalibrateCut`, and fits the estimated model again on them.
   */
  selfCalibrateRounds?: number;
  /** The match probability at which rounds after the first cut their clusters into labels (default 0.6). */
  selfCalibrateCut?: number;
  /** Share of true matches the deterministic rules are believed to catch. */
  recall: number;
  /**
   * Where u comes from: `random` pairs (Splink's way; λ is then the match share of all pairs), or
   * the `blocked` pairs themselves (λ the match share among them). Blocked pairs already agree on
   * a commune, a name word or an identifier: agreeing on it again is weak evidence there, which
   * random pairs overstate — "same commune" is rare at random and common among candidates.
   * Default `random`; the built-in data·inclusion config uses `blocked`.
   */
  u?: 'random' | 'blocked';
}

export interface MatchConfig {
  version: 1;
  description?: string;
  /** Logical column → input column name(s) (several are joined with a space). Unmapped: same name. */
  columns: Record<string, string | string[]>;
  fields: Record<string, FieldSpec>;
  blocking: BlockingRule[];
  comparisons: ComparisonSpec[];
  /** Match probability at or above which two records are merged. */
  threshold: number;
  /** Pairs below this probability are not reported in pairs.csv. */
  reportFloor: number;
  maxBlockSize: number;
  /**
   * Cluster limits: warn above `warnSize` records, split above `maxSize`; `minAverage` (average
   * linkage): the mean match probability over every pair between two groups needed to join them
   * (0: connected components).
   */
  cluster: { warnSize: number; maxSize: number; minAverage?: number };
  training: TrainingSpec;
  /** Accept coordinates anywhere on Earth (otherwise only France, metropolitan and overseas). */
  anywhere?: boolean;
}
