/**
 * JSON files: a bare array of objects, or an envelope object holding the array (paginated APIs:
 * `results`, `data`, `features`, …), streamed with stream-json so a truncated file still yields the
 * objects before the break, then one error row for the break.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { pipeline, Transform, type Readable } from 'node:stream';
import parserStream from 'stream-json';
import pick from 'stream-json/filters/pick.js';
import streamArray from 'stream-json/streamers/stream-array.js';
import { errorRow } from '../model/errors.js';
import { head } from './detect.js';
import type { Encoding, ReadEvent, ReadOptions } from './types.js';

/** Keys under which producers' APIs return the list of records, in order of preference. */
export const ENVELOPE_KEYS = [
  'results', 'data', 'features', 'items', 'records', 'hits', 'elements', 'rows', 'content',
  'structures', 'services', 'lieux', 'organisations', 'places',
];

/**
 * Streams the objects of a JSON array file or envelope. `line` is the 1-based position of the
 * object in its array (JSON has no line structure worth keeping).
 *
 * @example
 *   for await (const ev of readJsonArray('dora/structures.json', 'utf-8')) …
 */
export async function* readJsonArray(path: string, encoding: Encoding, opts: ReadOptions = {}): AsyncGenerator<ReadEvent> {
  const source = opts.source ?? '';
  const first = firstChar(await head(path, 4096));
  const base = { source, id: '', resource: 'record' as const, file: path };
  if (first === undefined) {
    yield { kind: 'error', error: errorRow({ ...base, line: 0, field: '', rule: 'empty_file', message: `${path} is empty`, value: '' }) };
    return;
  }
  if (first !== '[' && first !== '{') {
    yield { kind: 'error', error: errorRow({ ...base, line: 1, field: '', rule: 'malformed_json', message: `${path} does not start with a JSON array or object`, value: first }) };
    return;
  }
  const keys = opts.arrayKey ? [opts.arrayKey] : ENVELOPE_KEYS;
  let n = 0;
  const stages: (Readable | Transform)[] = [createReadStream(path)];
  if (encoding === 'latin1') stages.push(latin1ToUtf8());
  stages.push(parserStream());
  if (first === '{') {
    let chosen: string | undefined;
    stages.push(pick.asStream({
      filter: (stack) => {
        if (stack.length !== 1 || typeof stack[0] !== 'string' || !keys.includes(stack[0])) return false;
        chosen ??= stack[0];
        return stack[0] === chosen;
      },
    }));
  }
  stages.push(streamArray.asStream());
  const out = pipeline(stages as unknown as [Readable, ...Transform[]], () => {}) as unknown as AsyncIterable<{ key: number; value: unknown }>;
  try {
    for await (const item of out) {
      n++;
      yield* checkItem(item.value, path, n, source, opts);
    }
  } catch (err) {
    yield { kind: 'error', error: errorRow({ ...base, line: n + 1, field: '', rule: 'malformed_json', message: `${path}: JSON breaks after ${n} record(s): ${(err as Error).message}`, value: '' }) };
    return;
  }
  if (n === 0 && first === '{') yield* singleObject(path, source, opts);
}

function* checkItem(value: unknown, path: string, n: number, source: string, opts: ReadOptions): Generator<ReadEvent> {
  const base = { source, resource: 'record' as const, file: path, line: n };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    yield { kind: 'error', error: errorRow({ ...base, id: '', field: '', rule: 'not_an_object', message: `item ${n} is a JSON ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}, not an object`, value }) };
    return;
  }
  const row = value as Record<string, unknown>;
  if (JSON.stringify(row).includes('\uFFFD')) {
    const id = row[opts.idField ?? 'id'];
    yield { kind: 'error', error: errorRow({ ...base, id: id === undefined ? '' : String(id), field: '', rule: 'undecodable_bytes', message: `item ${n} holds bytes that are not valid UTF-8`, value: row }) };
    return;
  }
  yield { kind: 'row', row, file: path, line: n };
}

/** An object with none of the envelope keys: its only array-valued key, or the object itself as one record. */
async function* singleObject(path: string, source: string, opts: ReadOptions): AsyncGenerator<ReadEvent> {
  const size = (await stat(path)).size;
  if (size > 512 * 1024 * 1024) {
    yield { kind: 'error', error: errorRow({ source, id: '', resource: 'record', file: path, line: 1, field: '', rule: 'unknown_envelope', message: `${path}: an object with no known array key (${ENVELOPE_KEYS.join(', ')})`, value: '' }) };
    return;
  }
  const obj = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  const keys = opts.arrayKey ? [opts.arrayKey] : ENVELOPE_KEYS;
  if (keys.some((k) => Array.isArray(obj[k]))) return; // an envelope whose page is empty
  const arrays = Object.entries(obj).filter(([, v]) => Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object'));
  if (arrays.length === 1) {
    let n = 0;
    for (const item of arrays[0][1] as unknown[]) yield* checkItem(item, path, ++n, source, opts);
    return;
  }
  yield* checkItem(obj, path, 1, source, opts);
}

function firstChar(buf: Buffer): string | undefined {
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  const m = /\S/.exec(text);
  return m ? m[0] : undefined;
}

function latin1ToUtf8(): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      cb(null, Buffer.from(chunk.toString('latin1'), 'utf8'));
    },
  });
}
