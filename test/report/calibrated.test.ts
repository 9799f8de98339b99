import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { match, trainModel } from '../../matching/index.js';
import { readInputs, writeMatchOutputs } from '../../matching/inputs.js';
import { generateCorpus } from '../../src/generate/index.js';
import { readTruth } from '../../src/evaluation/index.js';
import { makeReport, renderHtml, type ReportFigures } from '../../src/report/index.js';

describe('report of a run with a model calibrated on labels', () => {
  let dir: string;
  let figures: ReportFigures;
  let html: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recoupe-report-cal-'));
    await generateCorpus({ entities: 1500, seed: 'report-a', out: join(dir, 'a') });
    await generateCorpus({ entities: 1500, seed: 'report-b', out: join(dir, 'b') });
    const truth = readTruth(join(dir, 'a', 'truth.csv'));
    if (truth.kind !== 'entities') throw new Error('entity truth expected');
    const model = await trainModel((await readInputs([join(dir, 'a', 'structures.jsonl')])).records, { threads: 1, calibrate: { entityOf: truth.entityOf } });
    const read = await readInputs([join(dir, 'b', 'structures.jsonl')]);
    await writeMatchOutputs(join(dir, 'run'), await match(read.records, { threads: 1, model }), read.errors);
    ({ figures } = await makeReport({ run: join(dir, 'run'), truth: join(dir, 'b', 'truth.csv'), input: [join(dir, 'b', 'structures.jsonl')], rows: 40 }));
    html = renderHtml(figures);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shows the calibration: scale, tuned threshold, prior shift, level and interaction terms', () => {
    const cal = figures.model.calibration!;
    expect(cal.scale).toBeGreaterThan(0);
    expect(cal.tuned!.threshold).toBe(figures.run.threshold);
    expect(cal.shift).not.toBeNull();
    expect(cal.levels.length).toBeGreaterThan(5);
    expect(cal.interactions.some((x) => x.comparisons === 'nom × adresse')).toBe(true);
    expect(html).toContain('Calibration on labels');
    expect(html).toMatch(/Tuned threshold 0\.\d+/);
  });

  it('has waterfalls, calibration terms included, that add up to the weights in pairs.csv', () => {
    const rows = [...figures.tables.nearest, ...(figures.tables.falsePositives ?? []), ...(figures.tables.falseNegatives ?? [])];
    let checked = 0;
    for (const r of rows) {
      if (r.weight === null) continue;
      const names = r.waterfall!.map((s) => s.name);
      expect(names).toContain('calibration scale');
      // no unexplained remainder: the named terms alone make the weight
      expect(names).not.toContain('engine rule');
      expect(Math.abs(r.waterfall!.reduce((s, x) => s + x.value, 0) - r.weight)).toBeLessThan(0.001);
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });
});
