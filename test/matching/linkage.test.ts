import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, explainPair, match, parseConfig, type MatchResult } from '../../matching/index.js';
import { generateCorpus } from '../../src/generate/index.js';
import { readAll } from '../../src/io/index.js';
import { evaluatePairwise, readTruth } from '../../src/evaluation/index.js';

const clustersOf = (r: { ids: string[]; clusterOf: Int32Array }) => new Map(r.ids.map((id, i) => [id, String(r.clusterOf[i])]));

describe('average linkage on a generated corpus (the built-in cluster.minAverage)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'recoupe-linkage-'));
  let rows: Record<string, unknown>[];
  let average: MatchResult, single: MatchResult;
  beforeAll(async () => {
    await generateCorpus({ entities: 4000, seed: 'linkage', out: dir });
    rows = (await readAll(join(dir, 'structures.jsonl'))).rows;
    const config = defaultConfig();
    expect(config.cluster.minAverage).toBe(0.3);
    average = await match(rows, { config, threads: 1 });
    // the same model and threshold, connected components
    single = await match(rows, { config: { ...config, cluster: { ...config.cluster, minAverage: 0 } }, threads: 1, model: average.model });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refines the connected components: every cluster lies within one component, some links are refused', () => {
    expect(average.summary.linksRefused).toBeGreaterThan(0);
    expect(single.summary.linksRefused).toBe(0);
    expect(average.clusters.count).toBeGreaterThan(single.clusters.count);
    const componentOf = new Map<number, number>();
    for (let i = 0; i < average.ids.length; i++) {
      const seen = componentOf.get(average.clusterOf[i]);
      if (seen === undefined) componentOf.set(average.clusterOf[i], single.clusterOf[i]);
      else expect(single.clusterOf[i]).toBe(seen);
    }
  });

  it('only takes pairs away from connected components: never more false merges, against the truth', () => {
    const truth = readTruth(join(dir, 'truth.csv'));
    const a = evaluatePairwise(clustersOf(average), truth), s = evaluatePairwise(clustersOf(single), truth);
    expect(a.predictedPairs).toBeLessThan(s.predictedPairs);
    expect(a.falsePositives).toBeLessThanOrEqual(s.falsePositives);
    expect(a.truePositives).toBeLessThanOrEqual(s.truePositives);
    expect(a.f1).toBeGreaterThan(0.9);
  });

  it('explain says where the run put a pair, and why a match was left apart', async () => {
    // a pair at or above the threshold that average linkage left in two clusters
    const { pairs, clusterOf, ids, summary } = average;
    let refused = -1, joined = -1;
    for (let k = 0; k < pairs.left.length && (refused < 0 || joined < 0); k++) {
      if (pairs.probability[k] < summary.threshold) continue;
      if (clusterOf[pairs.left[k]] !== clusterOf[pairs.right[k]]) refused = refused < 0 ? k : refused;
      else joined = joined < 0 ? k : joined;
    }
    expect(refused).toBeGreaterThanOrEqual(0);
    const e = await explainPair(rows, ids[pairs.left[refused]], ids[pairs.right[refused]], { threads: 1 });
    expect(e.decision).toBe('match');
    expect(e.cluster.together).toBe(false);
    expect(e.cluster.minAverage).toBe(0.3);
    expect(e.cluster.sizes[0] + e.cluster.sizes[1]).toBeGreaterThan(2);
    expect(e.cluster.meanBetween).not.toBeNull();
    const size = (c: number) => clusterOf.filter((x) => x === c).length;
    expect(e.cluster.sizes).toEqual([size(clusterOf[pairs.left[refused]]), size(clusterOf[pairs.right[refused]])]);
    const j = await explainPair(rows, ids[pairs.left[joined]], ids[pairs.right[joined]], { threads: 1 });
    expect(j.cluster.together).toBe(true);
    expect(j.cluster.meanBetween).toBeNull();
  }, 60_000);
});

describe('cluster and self-calibration settings are validated', () => {
  it('names the field and the expected form', () => {
    const c = defaultConfig();
    expect(() => parseConfig({ ...c, cluster: { ...c.cluster, minAverage: 1.5 } })).toThrow(/minAverage/);
    expect(() => parseConfig({ ...c, training: { ...c.training, selfCalibrateRounds: 0 } })).toThrow(/selfCalibrateRounds/);
    expect(() => parseConfig({ ...c, training: { ...c.training, selfCalibrateCut: 1 } })).toThrow(/selfCalibrateCut/);
    const ok = parseConfig({ ...c, cluster: { minAverage: 0 }, training: { ...c.training, selfCalibrateRounds: 2, selfCalibrateCut: 0.7 } });
    // cluster limits the config leaves out keep the built-in ones
    expect(ok.cluster).toEqual({ warnSize: 20, maxSize: 50, minAverage: 0 });
    expect(ok.training.selfCalibrateRounds).toBe(2);
  });
});
