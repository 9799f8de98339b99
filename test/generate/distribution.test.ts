import { describe, expect, it } from 'vitest';
import { compareToTargets, generateCorpus, measureCorpus, CLUSTER_SIZE_SHARE, FILL_TARGETS, TOLERANCE, type CorpusStats } from '../../src/generate/index.js';
import { tmp } from './helpers.js';

// Targets (SOURCES.md, 2024 dedup run of 56,955 structures) and tolerances live in
// src/generate/targets.ts: cluster sizes 1 ± 1 pt, 2 and 3 ± 10 % of their share, 4+ ± 50 %;
// records in multi-record clusters 19.5 % ± 2 pts; fill rates ± 3 pts; the ten listed source
// pairs' shares of duplicate pairs ± 3 pts.
let stats: CorpusStats;
const ready = (async () => {
  const dir = tmp('dist');
  await generateCorpus({ entities: 30000, seed: 2024, out: dir });
  stats = await measureCorpus(dir);
})();

describe('distribution of a 30,000-entity corpus against the measured figures', () => {
  it('reproduces the cluster-size histogram', async () => {
    await ready;
    const share = (size: number) => (stats.clusterSizes[size] ?? 0) / stats.entities;
    expect(Math.abs(share(1) - (CLUSTER_SIZE_SHARE[1] as number))).toBeLessThanOrEqual(TOLERANCE.singletonShare);
    for (const size of [2, 3]) {
      const target = CLUSTER_SIZE_SHARE[size] as number;
      expect(Math.abs(share(size) - target)).toBeLessThanOrEqual(target * TOLERANCE.clusterShareRelative);
    }
    // the long tail exists: clusters of 4 and 5 records, rarely more
    expect(stats.clusterSizes[4] ?? 0).toBeGreaterThan(0);
    expect(stats.clusterSizes[5] ?? 0).toBeGreaterThan(0);
    expect(Math.max(...Object.keys(stats.clusterSizes).map(Number))).toBeLessThanOrEqual(11);
    expect(Math.abs(stats.shareInMulti - 0.195)).toBeLessThanOrEqual(TOLERANCE.multiShare);
  });

  it('reproduces the fill rates of siret, telephone, courriel, adresse and code_insee', async () => {
    await ready;
    for (const [field, target] of Object.entries(FILL_TARGETS)) {
      expect(Math.abs(stats.fill[field as keyof typeof FILL_TARGETS] - target), field).toBeLessThanOrEqual(TOLERANCE.fillRate);
    }
  });

  it('puts duplicates in the measured source pairs (DORA–emplois first, then médiation numérique with itself)', async () => {
    await ready;
    const ranked = Object.entries(stats.pairs).sort((a, b) => b[1] - a[1]).map(([k]) => k);
    expect(ranked[0]).toBe('dora|emplois-de-linclusion');
    expect(ranked.slice(0, 4)).toContain('mediation-numerique|mediation-numerique');
    const failing = compareToTargets(stats).filter((c) => !c.ok);
    expect(failing).toEqual([]);
  });
});
