/**
 * Sniffing: format from the file name, encoding from the first bytes, CSV delimiter from the first lines.
 */
import { extname } from 'node:path';
import { open } from 'node:fs/promises';
import type { Encoding, Format } from './types.js';

/**
 * The format a file name implies, or undefined.
 *
 * @example
 *   formatOf('lieux.json') // 'json'
 */
export function formatOf(path: string): Format | undefined {
  const ext = extname(path.toLowerCase().replace(/\.gz$/, ''));
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.json' || ext === '.geojson') return 'json';
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  return undefined;
}

/** Reads up to `size` bytes from the start of a file. */
export async function head(path: string, size = 65536): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(size);
    const { bytesRead } = await fh.read(buf, 0, size, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * UTF-8 unless the sample holds byte sequences UTF-8 cannot decode and no valid multi-byte
 * sequence at all (then latin-1, as Excel's "CSV" exports on Windows). A file that is mostly UTF-8
 * with a few bad bytes stays UTF-8: the bad lines become error rows.
 *
 * @example
 *   sniffEncoding(Buffer.from([0x43, 0xe9, 0x0a])) // 'latin1'
 */
export function sniffEncoding(sample: Buffer, whole = sample.length < 65536): Encoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  let bad = 0;
  let good = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b < 0x80) continue;
    const need = b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    if (need < 0) { bad++; continue; }
    if (i + need >= sample.length) {
      if (whole) bad++; // a sequence cut by the end of the file is broken
      break; // else: cut by the end of the sample
    }
    let ok = true;
    for (let k = 1; k <= need; k++) if ((sample[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok) { good++; i += need; } else bad++;
  }
  return bad > 0 && good === 0 ? 'latin1' : 'utf-8';
}

const CANDIDATES = [',', ';', '\t', '|'];

/**
 * The delimiter that splits the first lines into the same, largest number of fields
 * (quotes respected).
 *
 * @example
 *   sniffDelimiter('id;nom\n1;"a;b"\n') // ';'
 */
export function sniffDelimiter(text: string): string {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0).slice(0, 10);
  if (lines.length > 1 && text.length >= 65536) lines.pop(); // the last line may be cut
  let best = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    if (counts[0] === 0) continue;
    const same = counts.filter((c) => c === counts[0]).length;
    const score = same * 1000 + counts[0];
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}
