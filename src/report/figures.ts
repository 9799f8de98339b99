/**
 * Every figure of the report as plain data — what `--json` prints and what the HTML renders.
 * Tables are samples (a bounded number of rows), never every pair.
 */
import type { SweepPoint } from './sweep.js';
import type { Step } from './svg/waterfall.js';

export interface PairRow {
  left: string;
  right: string;
  /** null: the pair was not scored (never blocked together, or below the report floor). */
  weight: number | null;
  probability: number | null;
  truth?: 'match' | 'distinct';
  waterfall?: Step[];
  values?: Record<string, [string, string]>;
}

export interface ReportFigures {
  run: {
    dir: string; records: number; pairsScored: number; pairsInFile: number; badPairRows: number;
    threshold: number; thresholdWeight: number; model: string;
  };
  histogram: { edges: number[]; series: { label: string; counts: number[] }[] };
  evaluation?: {
    kind: 'entities' | 'labels'; source: string; positives: number; judged: number; unknown: number;
    atThreshold: SweepPoint; bestF1: SweepPoint | null; minPrecision: number; precisionAtLeast: SweepPoint | null;
    /** The sweep, thinned to at most 300 points. */
    curve: SweepPoint[];
  };
  model: {
    lambda: number; prior: number; comparisons: { name: string; levels: { label: string; m: number; u: number; weight: number }[] }[];
    /** A model calibrated on labels (`recoupe train --calibrate`): its terms, in bits, the non-zero ones. */
    calibration?: {
      scale: number; intercept: number; pairs: number; matches: number;
      /** What the pairs were labelled by (see the model's calibration.labelled): clusters = self-calibration. */
      labelled: 'candidates' | 'pairs' | 'clusters' | null;
      tuned: { threshold: number; precision: number; recall: number; f1: number; minPrecision: number } | null;
      shift: { share: number; bits: number } | null;
      levels: { comparison: string; level: string; bits: number }[];
      interactions: { comparisons: string; levels: string; bits: number }[];
    };
  };
  blocking: { rules: { name: string; blocks: number; candidatePairs: number; pairs: number; skippedKeys: number; skippedRecords: number; largestSkipped: unknown[] }[] };
  clusters: {
    count: number; bySize: Record<string, number>; over20: number; over50: number;
    split: number; warnings: number;
    largest: { cluster: string; size: number; members: string[] }[];
  };
  duplicates?: { bySource: { source: string; structures: number; with_same_source_duplicate: number; share: number }[]; bySourcePair: { source_a: string; source_b: string; clusters: number; pairs: number }[] };
  tables: { falsePositives?: PairRow[]; falseNegatives?: PairRow[]; nearest: PairRow[]; rowsPerTable: number; waterfalls: boolean };
}
