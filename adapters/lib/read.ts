/**
 * Reading one producer file through src/io, as adapter events: rows with their origin, and error
 * rows for what cannot be read (a missing required file, a truncated JSON, a bad CSV line).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readRecords, type ReadOptions } from '../../src/io/index.js';
import { errorRow } from '../../src/model/index.js';
import type { AdapterEvent, Origin } from '../types.js';

export type RawEvent = { kind: 'row'; row: Record<string, unknown>; origin: Origin } | Extract<AdapterEvent, { kind: 'error' }>;

/**
 * Streams the rows of `<dir>/<name>`. A missing file yields one error row when `required`, nothing
 * otherwise.
 *
 * @example
 *   for await (const ev of rawRows(dir, 'structures.json', 'dora', { idField: 'id' })) …
 */
export async function* rawRows(
  dir: string, name: string, source: string, opts: ReadOptions & { required?: boolean } = {},
): AsyncGenerator<RawEvent> {
  const path = join(dir, name);
  if (!existsSync(path)) {
    if (opts.required === false) return;
    const origin = { file: path, line: 0 };
    yield {
      kind: 'error', origin,
      error: errorRow({ source, id: '', resource: 'record', file: path, line: 0, field: '', rule: 'missing_file', message: `${name} is missing from ${dir}`, value: '' }),
    };
    return;
  }
  try {
    for await (const ev of readRecords(path, { ...opts, source })) {
      if (ev.kind === 'row') yield { kind: 'row', row: ev.row, origin: { file: ev.file, line: ev.line } };
      else yield { kind: 'error', error: ev.error, origin: { file: ev.error.file ?? path, line: ev.error.line ?? 0 } };
    }
  } catch (err) {
    yield {
      kind: 'error', origin: { file: path, line: 0 },
      error: errorRow({ source, id: '', resource: 'record', file: path, line: 0, field: '', rule: 'unreadable_file', message: (err as Error).message, value: '' }),
    };
  }
}

/** Reads a whole producer file: rows (with origins) and the error events, for rules that need every row. */
export async function allRows(dir: string, name: string, source: string, opts: ReadOptions & { required?: boolean } = {}) {
  const rows: { row: Record<string, unknown>; origin: Origin }[] = [];
  const errors: Extract<AdapterEvent, { kind: 'error' }>[] = [];
  for await (const ev of rawRows(dir, name, source, opts)) {
    if (ev.kind === 'row') rows.push({ row: ev.row, origin: ev.origin });
    else errors.push(ev);
  }
  return { rows, errors };
}

/** An error event for a raw row that cannot be mapped (wrong type, missing id…). */
export function rowError(source: string, origin: Origin, field: string, rule: string, message: string, value?: unknown): Extract<AdapterEvent, { kind: 'error' }> {
  return {
    kind: 'error', origin,
    error: errorRow({ source, id: origin.id ? `${source}--${origin.id}` : '', resource: 'record', file: origin.file, line: origin.line, field, rule, message, value }),
  };
}
