/**
 * Fast reading of the plain CSV files `recoupe match` writes (clusters.csv, pairs.csv): one record
 * per line, fields quoted only when they hold a comma, a quote or a line break.
 */
import { createReadStream } from 'node:fs';

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
 * Calls `row` with the fields of every row of a CSV file, header first; a quoted field spanning
 * lines is joined back. A callback, not an async iterator: one promise per row costs more than
 * the parsing on millions of short lines.
 *
 * @example
 *   await eachCsvRow('out/pairs.csv', (f) => console.log(f[0], f[1]));
 */
export async function eachCsvRow(path: string, row: (fields: string[]) => void): Promise<void> {
  let rest = '';
  let pending = '';
  let first = true;
  const emit = (line: string): void => {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (first) { line = line.replace(/^\uFEFF/, ''); first = false; }
    if (pending) line = pending + '\n' + line;
    if (line.includes('"') && (line.match(/"/g)!.length & 1) === 1) { pending = line; return; }
    pending = '';
    if (line) row(splitCsvLine(line));
  };
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      emit(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest) emit(rest);
  if (pending) row(splitCsvLine(pending));
}
