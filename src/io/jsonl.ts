/**
 * JSON Lines: one object per line; a malformed or undecodable line is an error row, the rest is read.
 */
import { errorRow } from '../model/errors.js';
import { decodedLines } from './lines.js';
import type { Encoding, ReadEvent, ReadOptions } from './types.js';

/**
 * Streams the objects of a JSON Lines file.
 *
 * @example
 *   for await (const ev of readJsonLines('structures.jsonl', 'utf-8')) if (ev.kind === 'row') use(ev.row);
 */
export async function* readJsonLines(path: string, encoding: Encoding, opts: ReadOptions = {}): AsyncGenerator<ReadEvent> {
  const source = opts.source ?? '';
  for await (const l of decodedLines(path, encoding)) {
    const base = { source, id: '', resource: 'record' as const, file: path, line: l.line };
    if (l.text === undefined) {
      yield { kind: 'error', error: errorRow({ ...base, field: '', rule: 'undecodable_bytes', message: `line ${l.line} is not valid ${encoding}`, value: l.raw() }) };
      continue;
    }
    if (l.text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(l.text);
    } catch (err) {
      yield { kind: 'error', error: errorRow({ ...base, field: '', rule: 'malformed_json', message: `line ${l.line}: ${(err as Error).message}`, value: l.text }) };
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield { kind: 'error', error: errorRow({ ...base, field: '', rule: 'not_an_object', message: `line ${l.line} holds a JSON ${Array.isArray(value) ? 'array' : typeof value}, not an object`, value: l.text }) };
      continue;
    }
    yield { kind: 'row', row: value as Record<string, unknown>, file: path, line: l.line };
  }
}
