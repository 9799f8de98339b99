/**
 * The one interface every producer adapter implements, and what an import returns.
 */
import type { ErrorRow, Service, Structure } from '../src/model/index.js';
import type { ImportContext } from './context.js';

/** Where a raw row was read: every output carries it so each raw row gets exactly one outcome. */
export interface Origin {
  file: string;
  line: number;
  /** The producer's native id when known, for error rows. */
  id?: string;
}

/** What an adapter yields while reading a source folder. */
export type AdapterEvent =
  | { kind: 'structure'; record: Record<string, unknown>; origin: Origin }
  | { kind: 'service'; record: Record<string, unknown>; origin: Origin }
  /** The raw row was read and set aside by one of the producer's rules (not lost). */
  | { kind: 'drop'; reason: string; origin: Origin }
  /** The raw row (or the file) could not be turned into records. */
  | { kind: 'error'; error: ErrorRow; origin: Origin };

/** A file a producer delivers inside its source folder. */
export interface SourceFile {
  name: string;
  required: boolean;
  description: string;
}

export interface Adapter {
  /** The source slug, as in schema/sources.json. */
  slug: string;
  /** The files expected in `<dir>/<slug>/`. */
  files: SourceFile[];
  /** Reads the source folder and yields records, drops and errors, streaming where the rules allow. */
  read(dir: string, ctx: ImportContext): AsyncGenerator<AdapterEvent>;
}

export interface DroppedCount {
  reason: string;
  count: number;
}

export interface UnmappedCount {
  field: string;
  value: string;
  count: number;
}

/**
 * The result of importing one source.
 * `rawRows = imported + dropped (sum of counts) + rejected`, always.
 */
export interface ImportResult {
  source: string;
  structures: Structure[];
  services: Service[];
  /**
   * The mapped records that failed validation (or whose structure is missing or rejected), as the
   * producer said them: the consolidation keeps them in its source views with `_is_valid = false`.
   * Their error rows are in `errors`; they do not change the counting invariant.
   */
  invalidStructures: Record<string, unknown>[];
  invalidServices: Record<string, unknown>[];
  /** Rejections and warnings (severity `warning`), in reading order. */
  errors: ErrorRow[];
  dropped: DroppedCount[];
  unmapped: UnmappedCount[];
  /** Raw rows read (a file that cannot be read counts as one). */
  rawRows: number;
  /** Raw rows that gave at least one valid record. */
  imported: number;
  /** Raw rows that gave no valid record and were not dropped by a rule. */
  rejected: number;
}
