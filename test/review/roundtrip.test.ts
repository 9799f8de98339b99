import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAll } from '../../src/io/index.js';
import { writeCsv } from '../../src/io/index.js';
import { readInputs } from '../../matching/inputs.js';
import { readTruth } from '../../src/evaluation/index.js';
import { loadRun, type Run } from '../../src/report/index.js';
import { selectPairs, writeReview, importLabels, readLabels } from '../../src/review/index.js';
import { restaurantsRun, RESTAURANTS } from '../report/restaurants-run.js';

let run: Run;
let records: Record<string, unknown>[];
let index: Map<string, number>;
beforeAll(async () => {
  run = await loadRun(await restaurantsRun());
  records = (await readInputs([RESTAURANTS.input])).records;
  index = new Map(records.map((r, i) => [String(r.id), i]));
});

describe('clerical review', () => {
  it('picks the pairs nearest the threshold, the most uncertain, or a seeded random sample', () => {
    const dist = (k: number, t: number) => Math.abs(run.pairs.weight[k] - t);
    const nearest = selectPairs(run, 'nearest', 20);
    const rest = [...run.pairs.weight.keys()].filter((k) => !nearest.includes(k));
    expect(Math.max(...nearest.map((k) => dist(k, run.thresholdWeight)))).toBeLessThanOrEqual(Math.min(...rest.map((k) => dist(k, run.thresholdWeight))));
    const uncertain = selectPairs(run, 'uncertain', 20);
    const restU = [...run.pairs.weight.keys()].filter((k) => !uncertain.includes(k));
    expect(Math.max(...uncertain.map((k) => dist(k, 0)))).toBeLessThanOrEqual(Math.min(...restU.map((k) => dist(k, 0))));
    const r1 = selectPairs(run, 'random', 30, { seed: 5 }), r2 = selectPairs(run, 'random', 30, { seed: 5 }), r3 = selectPairs(run, 'random', 30, { seed: 6 });
    expect(r1).toEqual(r2);
    expect(r1).not.toEqual(r3);
    expect(new Set(r1).size).toBe(30);
  });

  it('exports both records side by side, and importing the filled file round-trips to labels.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'recoupe-review-'));
    const csv = join(dir, 'review.csv');
    const chosen = selectPairs(run, 'nearest', 40);
    const w = await writeReview(csv, run, chosen, records, index);
    expect(w.rows).toBe(40);
    expect(w.missingRecords).toBe(0);
    const rows = (await readAll(csv)).rows as Record<string, string>[];
    expect(rows).toHaveLength(40);
    expect(new Set(w.columns).size).toBe(w.columns.length);
    expect(w.columns.slice(0, 8)).toEqual(['left_id', 'right_id', 'match_probability', 'match_weight', 'label', 'comment', 'left_record_id', 'right_record_id']);
    for (const r of rows) {
      expect(r.label).toBe('');
      expect(r.left_name).toBe(String(records[index.get(r.left_id)!].name));
      expect(r.right_addr).toBe(String(records[index.get(r.right_id)!].addr));
      expect(r.left_record_id).toBe(r.left_id);
    }
    // a clerk fills the labels from the truth, leaves the last 5 rows empty
    const truth = readTruth(RESTAURANTS.truth);
    if (truth.kind !== 'entities') throw new Error('entities truth expected');
    const same = (a: string, b: string) => truth.entityOf.get(a) !== undefined && truth.entityOf.get(a) === truth.entityOf.get(b);
    rows.forEach((r, k) => { r.label = k >= 35 ? '' : k === 0 ? 'unsure' : same(r.left_id, r.right_id) ? 'match' : 'distinct'; });
    await writeCsv(csv, rows, Object.keys(rows[0]), { delimiter: ';' }); // saved back by a spreadsheet, semicolons
    const into = join(dir, 'labels.json');
    const first = await importLabels(csv, into);
    expect({ added: first.added, unlabelled: first.unlabelled, problems: first.problems }).toEqual({ added: 35, unlabelled: 5, problems: [] });
    const saved = (await readLabels(into)).labels;
    expect(saved.map((l) => [l.left, l.right, l.label])).toEqual(rows.slice(0, 35).map((r) => [r.left_id, r.right_id, r.label]));

    // second round: the unsure pair decided (columns swapped), one bad label, nothing duplicated
    const second = join(dir, 'review2.csv');
    writeFileSync(second, `left_id,right_id,label\n${rows[0].right_id},${rows[0].left_id},Match\n${rows[1].left_id},${rows[1].right_id},maybe\n`);
    const again = await importLabels(second, into);
    expect({ changed: again.changed, added: again.added }).toEqual({ changed: 1, added: 0 });
    expect(again.problems).toHaveLength(1);
    expect(again.problems[0].message).toContain('maybe');
    const after = JSON.parse(readFileSync(into, 'utf8')) as { left: string; right: string; label: string }[];
    expect(after).toHaveLength(35);
    expect(after[0]).toEqual({ left: rows[0].right_id, right: rows[0].left_id, label: 'match' });
    expect(after[1].label).toBe(rows[1].label);
  });
});
