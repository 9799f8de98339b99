import { describe, expect, it } from 'vitest';
import { block, createComparator, loadConfig, prepare } from '../../matching/index.js';
import { readAll } from '../../src/io/index.js';
import { corpus } from '../../src/generate/corpus.js';

/** The pattern as the per-comparison levels give it. */
const byLevels = (cmp: ReturnType<typeof createComparator>, i: number, j: number) => {
  let p = 0;
  for (let c = 0; c < cmp.radix.length; c++) p += cmp.level(c, i, j) * cmp.stride[c];
  return p;
};

describe('the generated pattern function', () => {
  it('gives the levels of every comparison, on candidate and on random pairs (data·inclusion default)', async () => {
    const rows = [...corpus({ entities: 3000, seed: 9 })].flatMap((item) => item.records.map((r) => r.structure));
    const b = await block(rows, { threads: 1 });
    expect(b.left.length).toBeGreaterThan(1000);
    for (let k = 0; k < b.left.length; k++) expect(b.pattern[k]).toBe(byLevels(b.comparator, b.left[k], b.right[k]));
    const n = b.prepared.columns.n;
    for (let t = 0; t < 20_000; t++) {
      const i = (t * 7919) % n, j = (t * 104729 + 13) % n;
      expect(b.comparator.pattern(i, j)).toBe(byLevels(b.comparator, i, j));
    }
  });
  it('gives the levels with jaro-winkler, levenshtein and token levels (Febrl config)', async () => {
    const config = loadConfig('fixtures/configs/febrl.json');
    const { rows } = await readAll('fixtures/febrl/dataset3.csv');
    const p = prepare(rows.slice(0, 1500), config);
    const cmp = createComparator(p.columns, config);
    for (let t = 0; t < 30_000; t++) {
      const i = t % 1500, j = (t * 31 + 7) % 1500;
      expect(cmp.pattern(i, j)).toBe(byLevels(cmp, i, j));
    }
  });
});
