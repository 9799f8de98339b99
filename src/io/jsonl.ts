/**
 * JSON Lines: one object per line; a malformed or undecodable line is an error row, the rest is read.
 */
import { errorRow } from '../model/errors.js';
import { decodedLines, type DecodedLine } from './lines.js';
import type { Encoding, ReadEvent, ReadOptions } from './types.js';

/**
 * What one decoded line of a JSON Lines file holds: an object row, an error row, or nothing (a
 * blank line).
 *
 * @example
 *   jsonLine(decode(bytes), 'a.jsonl', 'utf-8', 'dora') // { kind: 'row', row, file, line } | { kind: 'error', error } | null
 */
export function jsonLine(l: DecodedLine, path: string, encoding: Encoding, source: string): ReadEvent | null {
  const base = { source, id: '', resource: 'record' as const, file: path, line: l.line };
  if (l.text === undefined)
    return { kind: 'error', error: errorRow({ ...base, field: '', rule: 'undecodable_bytes', message: `line ${l.line} is not valid ${encoding}`, value: l.raw() }) };
  if (l.text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(l.text);
  } catch (err) {
    return { kind: 'error', error: errorRow({ ...base, field: '', rule: 'malformed_json', message: `line ${l.line}: ${(err as Error).message}`, value: l.text }) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { kind: 'error', error: errorRow({ ...base, field: '', rule: 'not_an_object', message: `line ${l.line} holds a JSON ${Array.isArray(value) ? 'array' : typeof value}, not an object`, value: l.text }) };
  return { kind: 'row', row: value as Record<string, unknown>, file: path, line: l.line };
}

/**
 * Streams the objects of a JSON Lines file.
 *
 * @example
 *   for await (const ev of readJsonLines('structures.jsonl', 'utf-8')) if (ev.kind === 'row') use(ev.row);
 */
export async function* readJsonLines(path: string, encoding: Encoding, opts: ReadOptions = {}): AsyncGenerator<ReadEvent> {
  const source = opts.source ?? '';
  for await (const l of decodedLines(path, encoding)) {
    const ev = jsonLine(l, path, encoding, source);
    if (ev) yield ev;
  }
}
