import { describe, it, expect, beforeAll } from 'vitest';
import { trainModel, loadConfig, type Model } from '../../matching/index.js';
import { readInputs } from '../../matching/inputs.js';
import { readLabels, labelSets } from '../../src/review/index.js';

const config = loadConfig('test/review/fixtures/fake_1000.config.json');
let records: Record<string, unknown>[];
let matches: [string, string][], distinct: [string, string][];
let em: Model;

const maxGap = (a: Model, b: Model) => {
  let gap = 0, where = '';
  a.comparisons.forEach((c, i) => c.levels.forEach((l, k) => {
    if (k === 0) return;
    const d = Math.abs(l.m - b.comparisons[i].levels[k].m);
    if (d > gap) { gap = d; where = `${c.name} ${l.label}`; }
  }));
  return { gap, where };
};

beforeAll(async () => {
  records = (await readInputs(['fixtures/febrl/fake_1000.csv'])).records;
  ({ matches, distinct } = labelSets((await readLabels('fixtures/febrl/fake_1000_labels.csv')).labels));
  em = await trainModel(records, { config, threads: 1 });
});

describe("supervised training on Splink's fake_1000 clerical labels", () => {
  it('reads 2 031 labelled matches and 1 145 distinct pairs', () => {
    expect(matches).toHaveLength(2031);
    expect(distinct).toHaveLength(1145);
  });

  it('recovers m within 0.08 of the EM estimate at every level', async () => {
    const sup = await trainModel(records, { config, threads: 1, labels: matches });
    expect(sup.training?.method).toBe('supervised');
    // the built-in self-calibration adds a logistic term on top; m is EM's
    expect(em.training?.method).toBe('em+self');
    const { gap, where } = maxGap(sup, em);
    expect(gap, `largest gap at ${where}`).toBeLessThan(0.08);
    // and u, estimated the same way in both, agrees exactly
    expect(sup.comparisons.map((c) => c.levels.map((l) => l.u))).toEqual(em.comparisons.map((c) => c.levels.map((l) => l.u)));
  });

  it('is far from EM when trained on the distinct pairs instead (the comparison can fail)', async () => {
    const wrong = await trainModel(records, { config, threads: 1, labels: distinct });
    expect(maxGap(wrong, em).gap).toBeGreaterThan(0.2);
  });
});
