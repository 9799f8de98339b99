/**
 * Worker entry (piscina) for reading JSON Lines in parallel: parses one byte range of a file (whole
 * lines) and returns, per wanted key, the values as text joined into one string (one block to
 * copy back), and the bytes of the lines that are not object rows (the main thread turns them
 * into error rows with their real line numbers).
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { lineDecoder } from '../src/io/lines.js';
import { jsonLine } from '../src/io/jsonl.js';
import type { Encoding } from '../src/io/types.js';
import { asText } from './normalise/text.js';
import type { JoinedStrings } from './task-data.js';

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

function readBytes(path: string, start: number, end: number): Buffer {
  const buf = Buffer.allocUnsafe(end - start);
  const fd = openSync(path, 'r');
  try {
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, start + got);
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

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The fast path: the whole range decoded at once (it is valid UTF-8), then split into lines; the
 * same rows, lines and bad lines as {@link readLines}. `null` when some bytes are not UTF-8.
 */
function readDecoded(task: RangeTask, buf: Buffer): RangeResult | null {
  let text: string;
  try {
    text = decoder.decode(buf);
  } catch {
    return null;
  }
  if (task.start === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const texts = task.keys.map(() => '');
  const ends = task.keys.map(() => [] as number[]);
  const bad: RangeResult['bad'] = [];
  let rows = 0, lines = 0, from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    const cr = to > from && text.charCodeAt(to - 1) === 0x0d;
    const line = text.slice(from, cr ? to - 1 : to);
    lines++;
    const ev = jsonLine({ line: lines, text: line, raw: () => line }, task.path, task.encoding, '');
    if (ev?.kind === 'row') {
      rows++;
      for (let k = 0; k < task.keys.length; k++) {
        texts[k] += asText(ev.row[task.keys[k]]);
        ends[k].push(texts[k].length);
      }
    } else if (ev) bad.push({ at: lines, bytes: Uint8Array.from(Buffer.from(cr ? line + '\r' : line, 'utf8')) });
    from = to + 1;
  }
  return { rows, lines, columns: texts.map((t, k) => ({ text: t, ends: Int32Array.from(ends[k]) })), bad };
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

export default readRange;
