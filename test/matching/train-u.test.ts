import { describe, expect, it } from 'vitest';
import { trainModel, defaultConfig, parseConfig, blockedU } from '../../matching/index.js';
import { structures } from './fixtures.js';

describe('u from the blocked pairs', () => {
  it('takes u as the level frequencies of the blocked pairs, Laplace smoothed', () => {
    // one comparison with 3 levels (null, exact, else): radix 3, stride 1
    const u = blockedU(new Map([[1, 3], [2, 7], [0, 5]]), [3], [1]);
    expect(u[0][0]).toBe(1);
    expect(u[0][1]).toBeCloseTo(3.5 / 11, 10);
    expect(u[0][2]).toBeCloseTo(7.5 / 11, 10);
  });
  it('gives λ as a share of the blocked pairs, not of all pairs', async () => {
    const records = structures();
    const blocked = await trainModel(records, { threads: 1 });
    const random = await trainModel(records, { threads: 1, config: { ...defaultConfig(), training: { ...defaultConfig().training, u: 'random' } } });
    expect(blocked.training?.u).toBe('blocked');
    expect(random.training?.u).toBe('random');
    expect(blocked.lambda).toBeGreaterThan(random.lambda);
  });
  it('rejects an unknown source of u', () => {
    const c = defaultConfig();
    expect(() => parseConfig({ ...c, training: { ...c.training, u: 'elsewhere' } })).toThrow(/training/);
  });
});
