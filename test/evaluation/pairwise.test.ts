import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluatePairwise, readClusters, readTruth, truthFromIds } from '../../src/evaluation/index.js';

const dir = mkdtempSync(join(tmpdir(), 'recoupe-eval-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
// predicted: {a,b,c} {d} {e,f}; truth: {a,b} {c,d} {e,f}
const clusters = readClusters(file('clusters.csv', 'id,cluster_id\na,0\nb,0\nc,0\nd,1\ne,2\nf,2\n'));

describe('pairwise evaluation', () => {
  it('reads id,entity_id truth and counts pairs', () => {
    const e = evaluatePairwise(clusters, readTruth(file('truth.csv', 'id,entity_id\na,1\nb,1\nc,2\nd,2\ne,3\nf,3\n')));
    expect([e.predictedPairs, e.truePairs, e.truePositives, e.falsePositives, e.falseNegatives]).toEqual([4, 3, 2, 2, 1]);
    expect(e.precision).toBe(0.5);
    expect(e.recall).toBeCloseTo(2 / 3);
    expect(e.f1).toBeCloseTo(4 / 7);
    expect(e.falsePositiveExamples).toEqual([['a', 'c'], ['b', 'c']]);
    expect(e.falseNegativeExamples).toEqual([['c', 'd']]);
  });

  it('reads a pipe-separated pairs file without header (restaurants duplicates.csv)', () => {
    const e = evaluatePairwise(clusters, readTruth(file('dups.csv', 'a|b\nc|d\ne|f\n')));
    expect([e.truePositives, e.falsePositives, e.falseNegatives]).toEqual([2, 2, 1]);
  });

  it('reads labels.json: only labelled pairs count, unsure counts as distinct', () => {
    const labels = [
      { left: 'a', right: 'b', label: 'match' },
      { left: 'c', right: 'd', label: 'match' },
      { left: 'a', right: 'c', label: 'unsure' },
      { left: 'e', right: 'f', label: 'distinct' },
      { left: 'd', right: 'e', label: 'distinct' },
      { left: 'x', right: 'a', label: 'match' },
    ];
    const e = evaluatePairwise(clusters, readTruth(file('labels.json', JSON.stringify(labels))));
    expect([e.truePositives, e.falsePositives, e.falseNegatives, e.unknownIds]).toEqual([1, 2, 1, 1]);
  });

  it('derives entities from ids (Febrl rec-N-org / rec-N-dup-k)', () => {
    const t = truthFromIds(['rec-1-org', 'rec-1-dup-0', 'rec-2-org'], /^rec-(\d+)/);
    const c = new Map([['rec-1-org', '0'], ['rec-1-dup-0', '0'], ['rec-2-org', '1']]);
    expect(evaluatePairwise(c, t).f1).toBe(1);
  });

  it('rejects a malformed labels file with a message naming the entry', () => {
    expect(() => readTruth(file('bad.json', '[{"left":"a","right":"b","label":"maybe"}]'))).toThrow(/\[0\]\.label must be match, distinct or unsure/);
  });
});
