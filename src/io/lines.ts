/**
 * Byte lines of a file, each decoded on its own so one bad byte spoils one line, not the file.
 */
import { createReadStream } from 'node:fs';
import type { Encoding } from './types.js';

export interface DecodedLine {
  /** 1-based line number. */
  line: number;
  /** The text, or undefined when its bytes are not valid in the encoding. */
  text: string | undefined;
  /** The raw bytes shown as latin-1, for the error row when `text` is undefined. */
  raw: () => string;
}

/**
 * Decodes successive lines (the bytes between two `\n`): numbers them from `first`, drops a
 * trailing `\r` and, on line 1, a byte-order mark.
 *
 * @example
 *   const decode = lineDecoder('utf-8');
 *   decode(Buffer.from('{"id":1}')) // { line: 1, text: '{"id":1}', raw }
 */
export function lineDecoder(encoding: Encoding, first = 1): (bytes: Buffer) => DecodedLine {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let lineNo = first - 1;
  return (bytes: Buffer): DecodedLine => {
    lineNo++;
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    const b = bytes.subarray(0, end);
    let text: string | undefined;
    if (encoding === 'latin1') text = b.toString('latin1');
    else {
      try {
        text = decoder.decode(b);
      } catch {
        text = undefined;
      }
    }
    if (lineNo === 1 && text !== undefined && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { line: lineNo, text, raw: () => b.toString('latin1') };
  };
}

/**
 * Yields every line of a file (without its `\n` / `\r\n`), decoding each one strictly.
 *
 * @example
 *   for await (const l of decodedLines('a.jsonl', 'utf-8')) console.log(l.line, l.text);
 */
export async function* decodedLines(path: string, encoding: Encoding): AsyncGenerator<DecodedLine> {
  const decode = lineDecoder(encoding);
  let rest: Buffer | undefined;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let buf = rest ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, start)) {
      yield decode(buf.subarray(start, i));
      start = i + 1;
    }
    rest = start < buf.length ? Buffer.from(buf.subarray(start)) : undefined;
    buf = Buffer.alloc(0);
  }
  if (rest && rest.length > 0) yield decode(rest);
}
