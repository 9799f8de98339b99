import { describe, expect, it } from 'vitest';
import {
  block, createComparator, fold, haversineKm, jaroWinkler, levenshtein, loadConfig, prepare, tokenSimilarity,
  type MatchConfig,
} from '../../matching/index.js';
import { unpackStrings } from '../../matching/buffers.js';
import type { Columns, StringColumn } from '../../matching/columns.js';
import { readAll } from '../../src/io/index.js';
import { corpus } from '../../src/generate/corpus.js';

/** A plain reading of the level specs (the oracle for the generated functions). */
function referenceLevel(columns: Columns, config: MatchConfig, c: number, i: number, j: number): number {
  const has = (f: string) => {
    const col = columns.fields[f];
    return col.kind === 'point' ? !Number.isNaN(col.lat[i]) && !Number.isNaN(col.lat[j]) : col.ids[i] >= 0 && col.ids[j] >= 0;
  };
  const cmp = config.comparisons[c];
  if (![cmp.field, ...cmp.levels.map((l) => l.field ?? cmp.field)].some(has)) return 0;
  for (const [l, spec] of cmp.levels.entries()) {
    const f = spec.field ?? cmp.field;
    const col = columns.fields[f];
    let ok = has(f);
    if (ok && col.kind === 'point') ok = haversineKm(col.lat[i], col.lon[i], col.lat[j], col.lon[j]) <= spec.km!;
    if (ok && col.kind !== 'point') {
      const a = col.ids[i], b = col.ids[j];
      if (spec.exact) ok &&= a === b;
      if (spec.maxFreq !== undefined) ok &&= col.freq[a] <= spec.maxFreq && col.freq[b] <= spec.maxFreq;
      if (col.kind === 'string') {
        const values = unpackStrings({ chars: col.chars, offsets: col.offsets });
        if (spec.values) ok &&= spec.values.map(fold).includes(values[a]) && spec.values.map(fold).includes(values[b]);
        if (spec.sameNumber) ok &&= col.number[a] >= 0 && col.number[a] === col.number[b];
        if (spec.tokens !== undefined) {
          const view = { col: col as StringColumn, values, tokens: unpackStrings({ chars: col.tokChars, offsets: col.tokOffsets }) };
          ok &&= a === b || tokenSimilarity(view, a, b) >= spec.tokens;
        }
        if (spec.jw !== undefined) ok &&= jaroWinkler(values[a], values[b]) >= spec.jw;
        if (spec.lev !== undefined) ok &&= Math.abs(values[a].length - values[b].length) <= spec.lev && levenshtein(values[a], values[b]) <= spec.lev;
      }
    }
    for (const x of spec.also ?? []) { const o = columns.fields[x]; ok &&= o.kind !== 'point' && o.ids[i] >= 0 && o.ids[i] === o.ids[j]; }
    if (spec.absent) ok &&= !has(spec.absent);
    if (ok) return l + 1;
  }
  return cmp.levels.length + 1;
}

/** Checks the generated level and pattern functions against the oracle on these pairs. */
function check(columns: Columns, config: MatchConfig, pairs: [number, number][]) {
  const cmp = createComparator(columns, config);
  for (const [i, j] of pairs) {
    let p = 0;
    for (let c = 0; c < cmp.radix.length; c++) {
      const want = referenceLevel(columns, config, c, i, j);
      if (cmp.level(c, i, j) !== want) expect({ pair: [i, j], comparison: config.comparisons[c].name, level: cmp.level(c, i, j) }).toEqual({ pair: [i, j], comparison: config.comparisons[c].name, level: want });
      p += want * cmp.stride[c];
    }
    if (cmp.pattern(i, j) !== p) expect({ pair: [i, j], pattern: cmp.pattern(i, j) }).toEqual({ pair: [i, j], pattern: p });
  }
}

describe('the generated level and pattern functions', () => {
  it('read the levels as the specs state them, on candidate and random pairs (data·inclusion default)', async () => {
    const rows = [...corpus({ entities: 1500, seed: 9 })].flatMap((item) => item.records.map((r) => r.structure));
    const b = await block(rows, { threads: 1 });
    expect(b.left.length).toBeGreaterThan(500);
    const n = b.prepared.columns.n;
    const pairs: [number, number][] = Array.from(b.left, (i, k) => [i, b.right[k]]);
    for (let t = 0; t < 3000; t++) pairs.push([(t * 7919) % n, (t * 104729 + 13) % n]);
    check(b.prepared.columns, b.config, pairs);
    for (let k = 0; k < b.left.length; k++) expect(b.pattern[k]).toBe(b.comparator.pattern(b.left[k], b.right[k]));
  });
  it('read jaro-winkler, levenshtein and token levels (Febrl config)', async () => {
    const config = loadConfig('fixtures/configs/febrl.json');
    const { rows } = await readAll('fixtures/febrl/dataset3.csv');
    const p = prepare(rows.slice(0, 800), config);
    check(p.columns, config, Array.from({ length: 4000 }, (_, t): [number, number] => [t % 800, (t * 31 + 7) % 800]));
  });
});
