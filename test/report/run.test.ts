import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRun } from '../../src/report/index.js';

function folder(pairs: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'recoupe-run-'));
  writeFileSync(join(dir, 'clusters.csv'), 'id,cluster_id\r\na,1\r\n"b,1",1\r\n"c ""quoted""\nline",2\r\n');
  writeFileSync(join(dir, 'pairs.csv'), pairs);
  writeFileSync(join(dir, 'model.json'), JSON.stringify({ format: 'recoupe-fellegi-sunter', version: 1, lambda: 0.01, comparisons: [] }));
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ threshold: 0.8 }));
  return dir;
}

describe('loading a run folder', () => {
  it('reads quoted ids (comma, quotes, line break) and CRLF files', async () => {
    const run = await loadRun(folder('left_id,right_id,match_weight,match_probability\na,"b,1",5.5,0.978\n"b,1","c ""quoted""\nline",-1.25,0.2965\n'));
    expect(run.ids).toEqual(['a', 'b,1', 'c "quoted"\nline']);
    expect(run.clusterOf).toEqual(['1', '1', '2']);
    expect([...run.pairs.left]).toEqual([0, 1]);
    expect([...run.pairs.right]).toEqual([1, 2]);
    expect([...run.pairs.weight]).toEqual([5.5, -1.25]);
    expect(run.threshold).toBe(0.8);
    expect(run.thresholdWeight).toBeCloseTo(2, 12);
  });

  it('keeps unreadable pair rows aside with their line and reason instead of failing', async () => {
    const run = await loadRun(folder('left_id,right_id,match_weight,match_probability\na,zzz,5,0.9\na,"b,1",abc,0.9\na,"b,1",3,0.88\n'));
    expect(run.pairs.weight.length).toBe(1);
    expect(run.badPairRows).toEqual([
      { line: 2, reason: 'id zzz is not in clusters.csv' },
      { line: 3, reason: 'unreadable weight/probability "abc", "0.9"' },
    ]);
  });

  it('names the missing file of a folder that is not a run', async () => {
    await expect(loadRun(mkdtempSync(join(tmpdir(), 'recoupe-empty-')))).rejects.toThrow(/summary\.json is missing: is this a folder written by recoupe match --out\?/);
  });
});
