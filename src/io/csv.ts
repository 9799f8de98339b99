/**
 * CSV with csv-parse: delimiter sniffed, BOM stripped, latin-1 fallback, ragged rows and
 * undecodable bytes reported with their line, the rest of the file still read.
 */
import { createReadStream } from 'node:fs';
import { pipeline, Transform } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import { errorRow, type ErrorRow } from '../model/errors.js';
import { head, sniffDelimiter } from './detect.js';
import type { Encoding, ReadEvent, ReadOptions } from './types.js';

/**
 * Streams the rows of a CSV file as objects keyed by the header (or by `columns`, or by index).
 *
 * @example
 *   for await (const ev of readCsv('services.csv', 'utf-8', { delimiter: ';' })) …
 */
export async function* readCsv(path: string, encoding: Encoding, opts: ReadOptions = {}): AsyncGenerator<ReadEvent> {
  const source = opts.source ?? '';
  const sample = await head(path);
  const delimiter = opts.delimiter ?? sniffDelimiter(sample.toString(encoding === 'latin1' ? 'latin1' : 'utf8').replace(/^\uFEFF/, ''));
  const idField = opts.idField ?? 'id';
  const skipped: ErrorRow[] = [];
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    trim: opts.trim ?? false,
  });
  parser.on('skip', (err: CsvError) => {
    skipped.push(errorRow({
      source, id: '', resource: 'record', file: path, line: Number(err.lines ?? 0), field: '',
      rule: 'csv_parse', message: `line ${err.lines ?? '?'}: ${err.message}`, value: '',
    }));
  });
  const decoder = new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _e, cb) {
      cb(null, encoding === 'latin1' ? Buffer.from(chunk.toString('latin1'), 'utf8') : chunk);
    },
  });
  const out = pipeline(createReadStream(path), decoder, parser, () => {}) as AsyncIterable<{ record: string[]; info: Info }>;
  let columns: string[] | undefined = opts.header === false ? opts.columns : undefined;
  const wantHeader = opts.header !== false;
  try {
    for await (const { record, info } of out) {
      while (skipped.length) yield { kind: 'error', error: skipped.shift()! };
      const line = info.lines;
      if (wantHeader && columns === undefined) {
        columns = (opts.columns ?? record).map((c, i) => (c ?? '').trim() || `column_${i + 1}`);
        if (opts.columns === undefined) continue; // the header line itself is not a row
      }
      const names = columns ?? record.map((_, i) => String(i));
      const row: Record<string, unknown> = {};
      for (let i = 0; i < names.length && i < record.length; i++) row[names[i]] = record[i];
      const base = { source, id: String(row[idField] ?? ''), resource: 'record' as const, file: path, line };
      if (record.some((v) => v.includes('\uFFFD'))) {
        yield { kind: 'error', error: errorRow({ ...base, field: names[record.findIndex((v) => v.includes('\uFFFD'))] ?? '', rule: 'undecodable_bytes', message: `line ${line} holds bytes that are not valid ${encoding}`, value: record.join(delimiter) }) };
        continue;
      }
      if (columns && record.length !== columns.length) {
        yield { kind: 'error', error: errorRow({ ...base, field: '', rule: 'ragged_row', message: `line ${line} has ${record.length} fields, the header has ${columns.length}`, value: record.join(delimiter) }) };
        continue;
      }
      yield { kind: 'row', row, file: path, line };
    }
  } catch (err) {
    yield { kind: 'error', error: errorRow({ source, id: '', resource: 'record', file: path, line: 0, field: '', rule: 'csv_parse', message: `${path}: ${(err as Error).message}`, value: '' }) };
  }
  while (skipped.length) yield { kind: 'error', error: skipped.shift()! };
}
