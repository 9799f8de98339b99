/**
 * Reading one byte range of a JSON Lines file (whole lines) on a worker thread: the `read` and
 * `read-prepare` tasks of the engine workers. Returns, per wanted key, the values as text joined
 * into one string (one block to copy back), and the bytes of the lines that are not object rows
 * (the main thread turns them into error rows with their real line numbers).
 */
import { isUtf8 } from 'node:buffer';
import { openSync, readSync, closeSync } from 'node:fs';
import { lineDecoder } from '../src/io/lines.js';
import { jsonLine } from '../src/io/jsonl.js';
import type { Encoding } from '../src/io/types.js';
import { asText } from './normalise/text.js';
import type { JoinedStrings } from './task-data.js';
import { normalisePart, type NormalisedPart, type PreparePlan } from './columns.js';

export interface RangeTask {
  path: string;
  encoding: Encoding;
  start: number;
  end: number;
  keys: string[];
}

export interface RangeResult {
  /** Object rows read. */
  rows: number;
  /** Lines in the range (blank and bad ones included). */
  lines: number;
  /** Per key, the text of every row's value. */
  columns: JoinedStrings[];
  /** Lines that are not object rows: their 1-based position in the range and their bytes. */
  bad: { at: number; bytes: Uint8Array }[];
}

/**
 * Ranges up to this size are read into one buffer kept by the thread: a fresh buffer per range is
 * memory the kernel maps page by page as the file is copied in (at 1 M records, 9 % of a run's
 * page faults, each ~10 µs of system time on these machines).
 */
const KEEP_BYTES = 64 << 20;
let scratch: Buffer | null = null;

/** The bytes of `[start, end)`: a view of this thread's kept buffer (valid until the next call) or a buffer of their own. */
function readBytes(path: string, start: number, end: number): Buffer {
  const size = end - start;
  let buf: Buffer;
  if (size > KEEP_BYTES) buf = Buffer.allocUnsafe(size);
  else {
    if (!scratch || scratch.length < size) scratch = Buffer.allocUnsafe(Math.min(KEEP_BYTES, Math.max(size, 2 * (scratch?.length ?? 0))));
    buf = scratch;
  }
  const fd = openSync(path, 'r');
  try {
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, start + got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the lines of `[start, end)` (both at line starts).
 *
 * @example
 *   readRange({ path: 'a.jsonl', encoding: 'utf-8', start: 0, end: 1 << 20, keys: ['id', 'nom'] })
 */
export function readRange(task: RangeTask): RangeResult {
  const buf = readBytes(task.path, task.start, task.end);
  return (task.encoding !== 'latin1' && readDecoded(task, buf)) || readLines(task, buf);
}

/**
 * Reads the lines of `[start, end)` and normalises their rows ({@link normalisePart}): what a
 * worker's `read-prepare` task returns, and what one thread does range by range.
 *
 * @example
 *   const { part, rows, bad } = readPrepareRange({ path: 'a.jsonl', encoding: 'utf-8', start: 0, end: 1 << 20, keys }, plan);
 */
export function readPrepareRange(task: RangeTask, plan: PreparePlan): Omit<RangeResult, 'columns'> & { part: NormalisedPart } {
  const { columns, ...range } = readRange(task);
  return { ...range, part: normalisePart(plan, task.keys, columns, range.rows) };
}

/**
 * The fast path, for a range of valid UTF-8: the bytes are read as one-byte characters (latin1),
 * which V8 decodes and parses several times faster than the two-byte strings accented text
 * makes, and only the kept values holding non-ASCII bytes are decoded as UTF-8. A line whose
 * meaning could change that way (a \\u escape), and any line that is not an object row, goes
 * through the exact path ({@link jsonLine} on the line decoded as UTF-8). The same rows, lines
 * and bad lines as {@link readLines}; `null` when some bytes are not UTF-8.
 */
function readDecoded(task: RangeTask, buf: Buffer): RangeResult | null {
  if (!isUtf8(buf)) return null;
  const bom = task.start === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  // the record keys as they read in latin1 (the same for ASCII names)
  const keys = task.keys.map((k) => Buffer.from(k, 'utf8').toString('latin1'));
  // values gathered per key and joined once (appending to a string builds a rope node per value)
  const parts = task.keys.map(() => [] as string[]);
  const ends = task.keys.map(() => [] as number[]);
  const lengths = task.keys.map(() => 0);
  const bad: RangeResult['bad'] = [];
  let rows = 0, lines = 0, from = bom;
  while (from < buf.length) {
    let to = buf.indexOf(0x0a, from);
    if (to < 0) to = buf.length;
    const cr = to > from && buf[to - 1] === 0x0d;
    // each line decoded on its own: short strings, not one of the range's size (fresh pages again)
    const line = buf.toString('latin1', from, cr ? to - 1 : to);
    lines++;
    let row: Record<string, unknown> | null = null;
    let ev: ReturnType<typeof jsonLine> = null;
    if (!line.includes('\\u')) {
      ev = jsonLine({ line: lines, text: line, raw: () => line }, task.path, task.encoding, '');
      if (ev?.kind === 'row') row = ev.row;
    }
    if (row) {
      rows++;
      for (let k = 0; k < keys.length; k++) {
        const v = asText(utf8Value(row[keys[k]]));
        parts[k].push(v);
        ends[k].push((lengths[k] += v.length));
      }
    } else {
      const exact = Buffer.from(line, 'latin1').toString('utf8');
      ev = jsonLine({ line: lines, text: exact, raw: () => exact }, task.path, task.encoding, '');
      if (ev?.kind === 'row') {
        rows++;
        for (let k = 0; k < task.keys.length; k++) {
          const v = asText(ev.row[task.keys[k]]);
          parts[k].push(v);
          ends[k].push((lengths[k] += v.length));
        }
      } else if (ev) bad.push({ at: lines, bytes: Uint8Array.from(Buffer.from(cr ? line + '\r' : line, 'latin1')) });
    }
    from = to + 1;
  }
  return { rows, lines, columns: parts.map((p, k) => ({ text: p.join(''), ends: Int32Array.from(ends[k]) })), bad };
}

const NON_ASCII = /[\x80-\xff]/;

/** A value parsed from latin1-read UTF-8, with its strings decoded as UTF-8 (before any trim: U+00A0 is a continuation byte there). */
function utf8Value(v: unknown): unknown {
  if (typeof v === 'string') return NON_ASCII.test(v) ? Buffer.from(v, 'latin1').toString('utf8') : v;
  if (Array.isArray(v)) return v.map(utf8Value);
  return v;
}

/** Line by line, each decoded on its own (bytes that are not UTF-8 make an error row, not a failure). */
function readLines(task: RangeTask, buf: Buffer): RangeResult {
  // line 1 of the file is where a byte-order mark may stand; any later number leaves it alone
  const decode = lineDecoder(task.encoding, task.start === 0 ? 1 : 2);
  const texts = task.keys.map(() => '');
  const ends = task.keys.map(() => [] as number[]);
  const bad: RangeResult['bad'] = [];
  let rows = 0, lines = 0, from = 0;
  while (from < buf.length) {
    let to = buf.indexOf(0x0a, from);
    if (to < 0) to = buf.length;
    const bytes = buf.subarray(from, to);
    lines++;
    const ev = jsonLine(decode(bytes), task.path, task.encoding, '');
    if (ev?.kind === 'row') {
      rows++;
      for (let k = 0; k < task.keys.length; k++) {
        texts[k] += asText(ev.row[task.keys[k]]);
        ends[k].push(texts[k].length);
      }
    } else if (ev) bad.push({ at: lines, bytes: Uint8Array.from(bytes) });
    from = to + 1;
  }
  return { rows, lines, columns: texts.map((text, k) => ({ text, ends: Int32Array.from(ends[k]) })), bad };
}

