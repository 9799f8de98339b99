/**
 * One entry point for every input file: the format from the extension, the encoding sniffed.
 */
import { stat } from 'node:fs/promises';
import { error } from '../error.js';
import { errorRow, type ErrorRow } from '../model/errors.js';
import { formatOf, head, sniffEncoding } from './detect.js';
import { readJsonLines } from './jsonl.js';
import { readJsonArray } from './json.js';
import { readCsv } from './csv.js';
import type { ReadEvent, ReadOptions, ReadStats } from './types.js';

/**
 * Streams the rows of a JSONL, JSON or CSV file, with an error row for each line that cannot be
 * read. Throws only when the file itself cannot be opened (missing, a folder, no permission) or
 * its format is unknown, with a message naming it.
 *
 * @example
 *   for await (const ev of readRecords('fixtures/sources/dora/structures.json', { source: 'dora' })) {
 *     if (ev.kind === 'row') rows.push(ev.row); else errors.push(ev.error);
 *   }
 */
export async function* readRecords(path: string, opts: ReadOptions = {}): AsyncGenerator<ReadEvent> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw error(`${path} is not a file`);
    size = st.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw error(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`, err);
  }
  const format = opts.format ?? formatOf(path);
  if (!format) throw error(`cannot read ${path}: unknown format (expected .jsonl, .ndjson, .json, .csv, .tsv or .txt, or pass a format)`);
  if (size === 0) {
    yield { kind: 'error', error: errorRow({ source: opts.source ?? '', id: '', resource: 'record', file: path, line: 0, field: '', rule: 'empty_file', message: `${path} is empty`, value: '' }) };
    return;
  }
  const encoding = opts.encoding ?? sniffEncoding(await head(path));
  if (format === 'jsonl') yield* readJsonLines(path, encoding, opts);
  else if (format === 'json') yield* readJsonArray(path, encoding, opts);
  else yield* readCsv(path, encoding, opts);
}

export interface ReadAllResult {
  rows: Record<string, unknown>[];
  /** Where each row was read: `lines[i]` is the line (or array position) of `rows[i]`. */
  lines: number[];
  errors: ErrorRow[];
  stats: ReadStats;
}

/**
 * Reads a whole file into memory (small and medium files; stream large ones with readRecords).
 *
 * @example
 *   const { rows, errors, stats } = await readAll('fixtures/restaurants/restaurantProfiles.csv');
 *   stats.read === stats.loaded + stats.errors // always
 */
export async function readAll(path: string, opts: ReadOptions = {}): Promise<ReadAllResult> {
  const rows: Record<string, unknown>[] = [];
  const lines: number[] = [];
  const errors: ErrorRow[] = [];
  for await (const ev of readRecords(path, opts)) {
    if (ev.kind === 'row') {
      rows.push(ev.row);
      lines.push(ev.line);
    } else errors.push(ev.error);
  }
  return { rows, lines, errors, stats: { read: rows.length + errors.length, loaded: rows.length, errors: errors.length } };
}
