import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { makeReport, renderHtml, CHART_TITLES, type ReportFigures } from '../../src/report/index.js';
import { readClusters, readTruth, evaluatePairwise } from '../../src/evaluation/index.js';
import { restaurantsRun, RESTAURANTS } from './restaurants-run.js';

let dir: string;
let figures: ReportFigures;
let html: string;
beforeAll(async () => {
  dir = await restaurantsRun();
  ({ figures } = await makeReport({ run: dir, truth: RESTAURANTS.truth, input: [RESTAURANTS.input], config: RESTAURANTS.config, rows: 50 }));
  html = renderHtml(figures);
});

describe('report of the restaurants run', () => {
  it('has a waterfall per listed pair that adds up to the weight in pairs.csv', () => {
    const rows = [...figures.tables.nearest, ...(figures.tables.falsePositives ?? []), ...(figures.tables.falseNegatives ?? [])];
    expect(rows.length).toBeGreaterThan(50);
    for (const r of rows) {
      expect(r.waterfall).toBeDefined();
      if (r.weight === null) continue;
      const total = r.waterfall!.reduce((s, x) => s + x.value, 0);
      expect(Math.abs(total - r.weight)).toBeLessThan(0.001);
    }
  });

  it('lists false positives above and false negatives below the threshold, as the truth says', () => {
    const truth = readTruth(RESTAURANTS.truth);
    if (truth.kind !== 'entities') throw new Error('entities expected');
    const same = (a: string, b: string) => truth.entityOf.get(a) !== undefined && truth.entityOf.get(a) === truth.entityOf.get(b);
    const fp = figures.tables.falsePositives!, fn = figures.tables.falseNegatives!;
    expect(fp.length).toBe(figures.evaluation!.atThreshold.fp);
    for (const r of fp) { expect(same(r.left, r.right)).toBe(false); expect(r.weight!).toBeGreaterThanOrEqual(figures.run.thresholdWeight); }
    for (const r of fn) { expect(same(r.left, r.right)).toBe(true); if (r.weight !== null) expect(r.weight).toBeLessThan(figures.run.thresholdWeight); }
    expect(fn.length).toBe(Math.min(50, figures.evaluation!.atThreshold.fn));
  });

  it('its recall at the threshold is bounded by the clustered recall of recoupe evaluate', () => {
    // clustering adds transitive pairs, so clustered recall ≥ pairwise recall at the same threshold
    const e = evaluatePairwise(readClusters(`${dir}/clusters.csv`), readTruth(RESTAURANTS.truth));
    expect(figures.evaluation!.positives).toBe(e.truePairs);
    expect(e.recall).toBeGreaterThanOrEqual(figures.evaluation!.atThreshold.recall);
    expect(figures.evaluation!.bestF1!.f1).toBeGreaterThanOrEqual(figures.evaluation!.atThreshold.f1);
  });

  it('shows the model, blocking and clusters as the run wrote them', () => {
    const model = JSON.parse(readFileSync(`${dir}/model.json`, 'utf8'));
    expect(figures.model.comparisons.map((c) => c.name)).toEqual(model.comparisons.map((c: { name: string }) => c.name));
    const summary = JSON.parse(readFileSync(`${dir}/summary.json`, 'utf8'));
    expect(figures.blocking.rules.map((r) => r.pairs)).toEqual(summary.blocking.map((r: { pairs: number }) => r.pairs));
    expect(figures.clusters.bySize).toEqual(summary.clustersBySize);
    expect(figures.clusters.largest[0].size).toBe(Math.max(...Object.keys(summary.clustersBySize).map(Number)));
    // one input file, no source column: every structure in the "restaurantProfiles" source
    expect(figures.duplicates!.bySource).toEqual([expect.objectContaining({ source: 'restaurantProfiles', structures: 864 })]);
  });

  it('is one HTML file with every chart title and no external reference', () => {
    for (const t of Object.values(CHART_TITLES)) expect(html).toContain(`<title>${t}</title>`);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).toContain("default-src 'none'");
  });
});
