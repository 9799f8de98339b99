import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLabels, labelSets, mergeLabels, importLabels } from '../../src/review/index.js';
import { evaluatePairwise, readTruth } from '../../src/evaluation/index.js';
import { judgePairs, scoresAt, type Run } from '../../src/report/index.js';

const DI = 'fixtures/data-inclusion-labels/labels.json';
const tmp = () => mkdtempSync(join(tmpdir(), 'recoupe-labels-'));

describe("data·inclusion's labels.json", () => {
  it('loads all 203 rows, 201 distinct pairs once deduplicated; unsure joins distinct', async () => {
    const read = await readLabels(DI);
    expect(read.problems).toEqual([]);
    expect(read.labels).toHaveLength(203);
    expect(read.labels.filter((l) => l.label === 'unsure')).toHaveLength(8);
    const { matches, distinct } = labelSets(read.labels);
    expect(matches).toHaveLength(27);
    expect(distinct).toHaveLength(166 + 8);
  });

  it('counts an unsure pair that was merged as a false positive, as evaluate does', async () => {
    const { labels } = await readLabels(DI);
    const unsure = labels.find((l) => l.label === 'unsure')!;
    const match = labels.find((l) => l.label === 'match')!;
    // a run that merged the unsure pair (strong weight) and scored the match pair weakly
    const ids = [unsure.left, unsure.right, match.left, match.right];
    const run = {
      dir: 'mem', ids, index: new Map(ids.map((id, i) => [id, i])), clusterOf: ['c1', 'c1', 'c2', 'c3'],
      pairs: { left: Int32Array.of(0, 2), right: Int32Array.of(1, 3), weight: Float64Array.of(10, -2), probability: Float64Array.of(0.999, 0.2) },
      badPairRows: [], model: {} as Run['model'], summary: {} as Run['summary'], threshold: 0.9, thresholdWeight: Math.log2(9),
    } satisfies Run;
    const { matches, distinct } = labelSets(labels);
    const judged = judgePairs(run, { kind: 'labels', matches, distinct });
    // only the two pairs whose records are in the run are judged; the other 199 name absent records
    expect(judged.weight).toHaveLength(2);
    expect(judged.unknown).toBe(199);
    const atRun = scoresAt(judged, run.thresholdWeight);
    expect({ tp: atRun.tp, fp: atRun.fp, fn: atRun.fn }).toEqual({ tp: 0, fp: 1, fn: 1 });
    const e = evaluatePairwise(new Map(ids.map((id, i) => [id, run.clusterOf[i]])), readTruth(DI));
    expect({ tp: e.truePositives, fp: e.falsePositives, fn: e.falseNegatives }).toEqual({ tp: 0, fp: 1, fn: 1 });
  });

  it('reports unreadable entries instead of dropping them or crashing', async () => {
    const dir = tmp();
    const p = join(dir, 'labels.json');
    writeFileSync(p, JSON.stringify([{ left: 'a', right: 'b', label: 'match' }, { left: 'a', right: 'c', label: 'peut-être' }, { left: 'a', label: 'match' }]));
    const read = await readLabels(p);
    expect(read.labels).toHaveLength(1);
    expect(read.problems.map((x) => x.where)).toEqual([`${p}[1]`, `${p}[2]`]);
    expect(read.problems[0].message).toContain('peut-être');
    // merging into such a file would lose them: refused, file untouched
    const csv = join(dir, 'review.csv');
    writeFileSync(csv, 'left_id,right_id,label\nx,y,match\n');
    await expect(importLabels(csv, p)).rejects.toThrow(/unreadable entr/);
    expect(JSON.parse(readFileSync(p, 'utf8'))).toHaveLength(3);
  });
});

describe('merging labels', () => {
  it('deduplicates pairs regardless of order and keeps the latest decision', () => {
    const r = mergeLabels(
      [{ left: 'a', right: 'b', label: 'unsure' }, { left: 'c', right: 'd', label: 'distinct' }, { left: 'b', right: 'a', label: 'distinct' }],
      [{ left: 'b', right: 'a', label: 'match' }, { left: 'e', right: 'f', label: 'match' }, { left: 'd', right: 'c', label: 'distinct' }, { left: 'f', right: 'e', label: 'distinct' }],
    );
    expect(r.labels.map((l) => [l.left, l.right, l.label])).toEqual([['b', 'a', 'match'], ['d', 'c', 'distinct'], ['f', 'e', 'distinct']]);
    expect({ before: r.before, added: r.added, changed: r.changed, unchanged: r.unchanged }).toEqual({ before: 2, added: 1, changed: 1, unchanged: 1 });
  });

  it("imports Splink's clerical labels (score ≥ 0.5 is a match)", async () => {
    const into = join(tmp(), 'labels.json');
    const r = await importLabels('fixtures/febrl/fake_1000_labels.csv', into);
    expect(r.format).toBe('splink');
    expect(r.problems).toEqual([]);
    const lines = readFileSync('fixtures/febrl/fake_1000_labels.csv', 'utf8').trim().split('\n').slice(1);
    const expectedMatches = new Set(lines.filter((l) => Number(l.split(',')[4]) >= 0.5).map((l) => { const f = l.split(','); return [f[0], f[2]].sort().join('|'); }));
    const saved = JSON.parse(readFileSync(into, 'utf8')) as { left: string; right: string; label: string }[];
    expect(new Set(saved.filter((l) => l.label === 'match').map((l) => [l.left, l.right].sort().join('|')))).toEqual(expectedMatches);
    expect(saved.every((l) => Object.keys(l).join() === 'left,right,label')).toBe(true);
  });
});
