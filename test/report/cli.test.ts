import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restaurantsRun, RESTAURANTS } from './restaurants-run.js';

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

let run: string;
const dir = mkdtempSync(join(tmpdir(), 'recoupe-cli-'));
beforeAll(async () => { run = await restaurantsRun(); });

describe('recoupe review → labels import → tune → report', () => {
  it('a label round moves the threshold with evidence', () => {
    const review = join(dir, 'review.csv'), labels = join(dir, 'labels.json');
    const r = cli('review', '--run', run, '--input', RESTAURANTS.input, '--config', RESTAURANTS.config, '--out', review, '--n', '60', '--strategy', 'nearest', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ pairs: 60, recordsNotFound: 0 });
    // label from the truth
    const dup = new Set(readFileSync(RESTAURANTS.truth, 'utf8').trim().split('\n').map((l) => l.trim().split('|').sort().join('|')));
    const [head, ...lines] = readFileSync(review, 'utf8').trim().split('\n');
    const filled = lines.map((l) => {
      const f = l.split(',');
      f[4] = dup.has([f[0], f[1]].sort().join('|')) ? 'match' : 'distinct';
      return f.join(',');
    });
    writeFileSync(review, [head, ...filled].join('\n') + '\n');
    const imp = cli('labels', 'import', review, '--into', labels, '--json');
    expect(imp.code, imp.err).toBe(0);
    expect(JSON.parse(imp.out)).toMatchObject({ added: 60, after: 60, problems: [] });
    const t = cli('tune', '--labels', labels, '--run', run, '--json');
    expect(t.code, t.err).toBe(0);
    const tune = JSON.parse(t.out);
    expect(tune.judged).toBe(60);
    expect(tune.recommended.f1).toBeGreaterThanOrEqual(tune.current.f1);
    expect(tune.recommended.probability).toBeGreaterThan(0);
    expect(tune.recommended.probability).toBeLessThan(1);
  });

  it('report writes the HTML and prints the same figures as JSON', () => {
    const out = join(dir, 'report.html');
    const r = cli('report', '--run', run, '--truth', RESTAURANTS.truth, '--out', out, '--json');
    expect(r.code, r.err).toBe(0);
    const f = JSON.parse(r.out);
    expect(f.evaluation.positives).toBe(112);
    expect(statSync(out).size).toBeGreaterThan(10_000);
    expect(readFileSync(out, 'utf8')).toContain(`max F1 ${f.evaluation.bestF1.f1.toFixed(3)}`);
  });

  it('names the problem on bad input, exit 2', () => {
    const r = cli('tune', '--run', join(dir, 'nope'), '--labels', 'fixtures/data-inclusion-labels/labels.json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/summary\.json is missing/);
    const t = cli('tune', '--run', run, '--labels', 'fixtures/data-inclusion-labels/labels.json');
    expect(t.code).toBe(2);
    expect(t.err).toMatch(/none of the labelled pairs names two records of the run/);
  });
});
