/**
 * Fast reading of the plain CSV files `recoupe match` writes (clusters.csv, pairs.csv): one record
 * per line, fields quoted only when they hold a comma, a quote or a line break.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * Splits one CSV line into fields (RFC 4180 quotes).
 *
 * @example
 *   splitCsvLine('a,"b,c",d') // ['a', 'b,c', 'd']
 */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '', q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { out.push(cur); cur = ''; }
    else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Streams the rows of a CSV file as field arrays, header first; a quoted field spanning lines is
 * joined back.
 *
 * @example
 *   for await (const f of csvRows('out/pairs.csv')) console.log(f[0], f[1]);
 */
export async function* csvRows(path: string): AsyncGenerator<string[]> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let pending = '';
  let first = true;
  for await (let line of rl) {
    if (first) { line = line.replace(/^\uFEFF/, ''); first = false; }
    if (pending) line = pending + '\n' + line;
    if (line.includes('"') && (line.match(/"/g)!.length & 1) === 1) { pending = line; continue; }
    pending = '';
    if (line) yield splitCsvLine(line);
  }
  if (pending) yield splitCsvLine(pending);
}
