import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRange, type RangeTask } from '../../matching/read-worker.js';

const dir = mkdtempSync(join(tmpdir(), 'recoupe-read-worker-'));

/** What a range's rows should give, parsed line by line from the UTF-8 text (not by the reader). */
function expected(bytes: Buffer, keys: string[]) {
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  const values = keys.map(() => [] as string[]);
  let rows = 0, lines = 0;
  const bad: number[] = [];
  const all = text.split('\n');
  if (all.at(-1) === '') all.pop();
  for (const raw of all) {
    lines++;
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    let row: unknown;
    try { row = JSON.parse(line); } catch { bad.push(lines); continue; }
    if (!row || typeof row !== 'object' || Array.isArray(row)) { bad.push(lines); continue; }
    rows++;
    keys.forEach((k, i) => {
      const v = (row as Record<string, unknown>)[k];
      values[i].push(v === undefined || v === null ? '' : String(v).trim());
    });
  }
  return { rows, lines, values, bad };
}

/** The reader's result with its joined columns split back into values. */
function read(task: RangeTask) {
  const r = readRange(task);
  return {
    rows: r.rows, lines: r.lines, bad: r.bad.map((b) => b.at),
    values: r.columns.map((c) => Array.from(c.ends, (e, i) => c.text.slice(i ? c.ends[i - 1] : 0, e))),
  };
}

describe('reading a byte range of JSON Lines (readRange)', () => {
  it('gives every range its own rows when ranges of different sizes follow one another (the read buffer is reused)', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const nom = i % 7 === 0 ? `Mairie de Saint-Étienne ${i} 🏛` : i % 11 === 0 ? `Caf\\u00e9 solidaire ${i}` : `CCAS ${'x'.repeat(i % 300)} ${i}`;
      lines.push(`{"id":"s${i}","nom":"${nom}","commune":" Lyon ${i % 13} ","longitude":${i / 1000}}`);
      if (i === 1500) lines.push('{"id": broken', '[1,2]', '');
    }
    const file = join(dir, 'ranges.jsonl');
    const bytes = Buffer.from('\ufeff' + lines.join('\r\n') + '\n');
    writeFileSync(file, bytes);
    const keys = ['commune', 'id', 'longitude', 'nom'];
    // line starts to cut at: the whole file, then a small range, a large one and a tiny one
    const starts = [0];
    for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) starts.push(at + 1);
    const cut = (line: number) => starts[Math.min(line, starts.length - 1)];
    const ranges: [number, number][] = [[0, bytes.length], [cut(10), cut(40)], [cut(0), cut(2500)], [cut(2990), bytes.length], [cut(1490), cut(1510)], [cut(3), cut(4)]];
    for (const [start, end] of ranges) {
      const got = read({ path: file, encoding: 'utf-8', start, end, keys });
      expect(got).toEqual(expected(bytes.subarray(start, end), keys));
    }
    const whole = read({ path: file, encoding: 'utf-8', start: 0, end: bytes.length, keys });
    expect(whole.rows).toBe(3000);
    expect(whole.values[3][0]).toBe('Mairie de Saint-Étienne 0 🏛');
    expect(whole.values[3][11]).toBe('Café solidaire 11');
    expect(whole.bad).toHaveLength(2);
  });
});
