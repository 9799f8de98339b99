import { describe, expect, it } from 'vitest';
import { readAll } from '../../src/io/index.js';
import { match } from '../../matching/index.js';
import { evaluatePairwise, readTruth, truthFromIds } from '../../src/evaluation/index.js';

const clustersOf = (r: { ids: string[]; clusterOf: Int32Array }) => new Map(r.ids.map((id, i) => [id, String(r.clusterOf[i])]));

describe('quality on public benchmark sets (unsupervised)', () => {
  it('Fodor/Zagat restaurants: high recall, F1 above 0.95', async () => {
    const { rows } = await readAll('fixtures/restaurants/restaurantProfiles.csv');
    const r = await match(rows, { config: 'fixtures/configs/restaurants.json', threads: 1 });
    const e = evaluatePairwise(clustersOf(r), readTruth('fixtures/restaurants/duplicates.csv'));
    expect(e.truePairs).toBe(112);
    expect(e.recall).toBeGreaterThan(0.95);
    expect(e.f1).toBeGreaterThan(0.95);
  });

  it('Febrl 4 link: F1 above 0.99, no pair within one file', async () => {
    const a = await readAll('fixtures/febrl/dataset4a.csv');
    const b = await readAll('fixtures/febrl/dataset4b.csv');
    const rows = [...a.rows, ...b.rows];
    const link = rows.map((_, i) => (i < a.rows.length ? 0 : 1));
    const r = await match(rows, { config: 'fixtures/configs/febrl.json', threads: 1, link });
    for (let k = 0; k < r.pairs.left.length; k++) expect(link[r.pairs.left[k]]).not.toBe(link[r.pairs.right[k]]);
    const e = evaluatePairwise(clustersOf(r), truthFromIds(r.ids, /^rec-(\d+)/));
    expect(e.f1).toBeGreaterThan(0.99);
  });
});
