import { describe, it, expect } from 'vitest';
import { mulberry32 } from '../../matching/index.js';
import { buildFigures, renderHtml, type Run } from '../../src/report/index.js';

describe('report size', () => {
  it('stays bounded on a large run gone wrong: samples the tables, thins the curves, bins the cluster sizes', () => {
    const rnd = mulberry32(3);
    const n = 200_000, m = 300_000;
    const ids = Array.from({ length: n }, (_, i) => `r${i}`);
    // half the records in one giant cluster, the rest in pairs
    const clusterOf = ids.map((_, i) => (i < n / 2 ? 'giant' : `c${i >> 1}`));
    const left = new Int32Array(m), right = new Int32Array(m), weight = new Float64Array(m), probability = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      left[k] = Math.floor(rnd() * n);
      right[k] = (left[k] + 1 + Math.floor(rnd() * (n - 1))) % n;
      weight[k] = Math.round((rnd() * 30 - 10) * 1000) / 1000;
      probability[k] = 1 / (1 + 2 ** -weight[k]);
    }
    const run = {
      dir: 'mem', ids, index: new Map(ids.map((id, i) => [id, i])), clusterOf, pairs: { left, right, weight, probability }, badPairRows: [],
      model: { format: 'recoupe-fellegi-sunter', version: 1, lambda: 1e-4, comparisons: [] } as unknown as Run['model'],
      summary: {} as Run['summary'], threshold: 0.9, thresholdWeight: Math.log2(9),
    } satisfies Run;
    const entityOf = new Map(ids.map((id, i) => [id, `e${i % 50_000}`]));
    const f = buildFigures(run, { truth: { kind: 'entities', entityOf }, rows: 100 });
    expect(f.evaluation!.curve.length).toBeLessThanOrEqual(300);
    expect(f.tables.nearest).toHaveLength(100);
    expect(f.tables.falsePositives).toHaveLength(100);
    expect(f.clusters.largest[0]).toMatchObject({ cluster: 'giant', size: 100_000 });
    expect(f.clusters.largest[0].members).toHaveLength(30);
    expect(f.clusters.over50).toBe(1);
    const html = renderHtml(f);
    expect(Buffer.byteLength(html)).toBeLessThan(1_000_000);
    // the cluster-size chart bins sizes (≤ 60 bins): the giant cluster's bar is visible, not 1 px of 100 000
    const sizes = html.slice(html.indexOf('<title>Cluster sizes</title>'));
    const widths = [...sizes.slice(0, sizes.indexOf('</svg>')).matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((x) => Number(x[1]));
    expect(widths.length).toBeGreaterThanOrEqual(2);
    for (const w of widths) expect(w).toBeGreaterThanOrEqual(5);
  });
});
