import type { ErrorRow } from '../model/errors.js';

export type Format = 'jsonl' | 'json' | 'csv';
export type Encoding = 'utf-8' | 'latin1';

/** One thing a reader found: a row with where it came from, or an error row. */
export type ReadEvent =
  | { kind: 'row'; row: Record<string, unknown>; file: string; line: number }
  | { kind: 'error'; error: ErrorRow };

export interface ReadOptions {
  /** Forces the format; by default it comes from the extension (.jsonl/.ndjson, .json, .csv/.tsv/.txt). */
  format?: Format;
  /** CSV delimiter; sniffed among `, ; | \t` when absent. */
  delimiter?: string;
  /** Forces the encoding; by default UTF-8 (BOM or not), falling back to latin-1 when the bytes are not UTF-8. */
  encoding?: Encoding;
  /** Source slug written in error rows. */
  source?: string;
  /** CSV: the first line is a header (default true). Without one, columns are `columns` or `0`, `1`, … */
  header?: boolean;
  /** CSV: column names to use instead of (or for files without) a header. */
  columns?: string[];
  /** CSV: trim white space around values (header names are always trimmed). */
  trim?: boolean;
  /** JSON: the key of the envelope object that holds the array (default: the first known one). */
  arrayKey?: string;
  /** Field that names a row in error rows (default `id`). */
  idField?: string;
}

/** `read = loaded + errors`, always: a file-level problem counts as one unit read and one error. */
export interface ReadStats {
  read: number;
  loaded: number;
  errors: number;
}
