/**
 * Writers: JSON Lines and CSV, streaming with back-pressure.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { stringify, type Stringifier } from 'csv-stringify';
import { ERROR_COLUMNS, type ErrorRow } from '../model/errors.js';

async function openOut(path: string): Promise<WriteStream> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  await once(out, 'open');
  return out;
}

/**
 * Writes one JSON object per line.
 *
 * @example
 *   const w = await JsonlWriter.open('out/structures.jsonl');
 *   await w.write({ id: 'dora--1' });
 *   await w.close();
 */
export class JsonlWriter {
  private constructor(private readonly out: WriteStream) {}

  static async open(path: string): Promise<JsonlWriter> {
    return new JsonlWriter(await openOut(path));
  }

  async write(row: unknown): Promise<void> {
    if (!this.out.write(`${JSON.stringify(row)}\n`)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}

/** A CSV cell: empty for null/undefined, JSON for arrays and objects, the text otherwise. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * Writes CSV with a header, RFC 4180 quoting (csv-stringify), comma-separated unless told otherwise.
 *
 * @example
 *   const w = await CsvWriter.open('out/clusters.csv', ['id', 'cluster_id']);
 *   await w.write({ id: 'dora--1', cluster_id: 'c1' });
 *   await w.close();
 */
export class CsvWriter {
  private constructor(private readonly csv: Stringifier, private readonly out: WriteStream, private readonly columns: readonly string[]) {}

  static async open(path: string, columns: readonly string[], opts: { delimiter?: string } = {}): Promise<CsvWriter> {
    const out = await openOut(path);
    const csv = stringify({ header: true, columns: [...columns], delimiter: opts.delimiter ?? ',' });
    csv.pipe(out);
    return new CsvWriter(csv, out, columns);
  }

  async write(row: Record<string, unknown> | unknown[]): Promise<void> {
    const cells = Array.isArray(row) ? row.map(csvCell) : this.columns.map((c) => csvCell(row[c]));
    if (!this.csv.write(cells)) await once(this.csv, 'drain');
  }

  async close(): Promise<void> {
    this.csv.end();
    await once(this.out, 'finish');
  }
}

/** Writes every row of an iterable as JSON Lines. */
export async function writeJsonl(path: string, rows: Iterable<unknown> | AsyncIterable<unknown>): Promise<number> {
  const w = await JsonlWriter.open(path);
  let n = 0;
  for await (const r of rows) {
    await w.write(r);
    n++;
  }
  await w.close();
  return n;
}

/** Writes every row of an iterable as CSV with the given columns. */
export async function writeCsv(
  path: string,
  rows: Iterable<Record<string, unknown> | unknown[]> | AsyncIterable<Record<string, unknown> | unknown[]>,
  columns: readonly string[],
  opts: { delimiter?: string } = {},
): Promise<number> {
  const w = await CsvWriter.open(path, columns, opts);
  let n = 0;
  for await (const r of rows) {
    await w.write(r);
    n++;
  }
  await w.close();
  return n;
}

/**
 * Writes error rows in the project's `errors.csv` layout (ERROR_COLUMNS).
 *
 * @example
 *   await writeErrorsCsv('out/errors.csv', result.errors);
 */
export function writeErrorsCsv(path: string, errors: Iterable<ErrorRow> | AsyncIterable<ErrorRow>): Promise<number> {
  return writeCsv(path, errors as Iterable<Record<string, unknown>>, ERROR_COLUMNS);
}
