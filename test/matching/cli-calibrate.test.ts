import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/generate/index.js';
import { fromRoot } from '../../src/paths.js';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', fromRoot('src', 'cli', 'index.ts'), ...args], { encoding: 'utf8', cwd: fromRoot() });

describe('recoupe train --calibrate, then match and explain with the model (as a user runs them)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'recoupe-cli-cal-'));
    await generateCorpus({ entities: 1500, seed: 'cli-a', out: join(dir, 'a') });
    await generateCorpus({ entities: 1500, seed: 'cli-b', out: join(dir, 'b') });
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains, prints the calibration and its tuned threshold; match uses both; explain shows the terms', () => {
    const model = join(dir, 'model.json');
    const t = cli('train', join(dir, 'a', 'structures.jsonl'), '--calibrate', join(dir, 'a', 'truth.csv'), '--out', model, '--threads', '1');
    expect(t.stderr).not.toMatch(/Error/);
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/model \(em\+logistic\) from \d+ records/);
    expect(t.stdout).toMatch(/calibrated on \d+ labelled candidate pairs \(\d+ matches\)/);
    expect(t.stdout).toMatch(/threshold 0\.\d+ \(highest F1 with precision ≥ 0\.98 on the labels/);
    expect(t.stdout).toMatch(/nom × adresse/);
    const saved = JSON.parse(readFileSync(model, 'utf8'));
    const tuned: number = saved.calibration.tuned.threshold;

    const out = join(dir, 'run');
    const m = cli('match', join(dir, 'b', 'structures.jsonl'), '--model', model, '--out', out, '--threads', '1', '--quiet');
    expect(m.status).toBe(0);
    expect(m.stdout).toMatch(new RegExp(`calibrated model: threshold ${tuned} \\(tuned on its labels\\); match share among candidate pairs`));
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.threshold).toBe(tuned);
    expect(typeof summary.calibration.shiftBits).toBe('number');
    const runModel = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    expect(runModel.calibration.shift.bits).toBe(summary.calibration.shiftBits);

    const pair = readFileSync(join(out, 'pairs.csv'), 'utf8').split('\n')[1].split(',');
    const e = cli('explain', pair[0], pair[1], '--input', join(dir, 'b', 'structures.jsonl'), '--model', model, '--threads', '1');
    expect(e.status).toBe(0);
    expect(e.stdout).toMatch(/Fellegi–Sunter weight [+-]\d+\.\d\d; calibrated on labels \(bits\):/);
    expect(e.stdout).toMatch(/ scale +× \d\.\d{3} of the Fellegi–Sunter weight/);
    expect(e.stdout).toMatch(/ prior +match share [\d.]+ % of candidate pairs/);
    expect(e.stdout).toMatch(new RegExp(`total weight ${Number(pair[2]) >= 0 ? '\\+' : '-'}${Math.abs(Number(pair[2])).toFixed(2)}`));

    // --threshold wins over the tuned one; --no-adapt-prior keeps the labels' share
    const m2 = cli('match', join(dir, 'b', 'structures.jsonl'), '--model', model, '--out', join(dir, 'run2'), '--threads', '1', '--quiet', '--threshold', '0.9', '--no-adapt-prior');
    expect(m2.status).toBe(0);
    expect(m2.stdout).toMatch(/calibrated model: threshold 0\.9; match share kept at the labels'/);
  });

  it('a labels file without non-matches among the candidate pairs is refused with the counts', () => {
    const ids = readFileSync(join(dir, 'a', 'truth.csv'), 'utf8').split('\n').slice(1, 3).map((l) => l.split(',')[0]);
    const labels = join(dir, 'labels.json');
    writeFileSync(labels, JSON.stringify([{ left: ids[0], right: ids[1], label: 'match' }]));
    const t = cli('train', join(dir, 'a', 'structures.jsonl'), '--calibrate', labels, '--out', join(dir, 'bad.json'), '--threads', '1');
    expect(t.status).not.toBe(0);
    expect(t.stderr).toMatch(/calibration needs labelled matches and non-matches among the candidate pairs.*; it found \d+ labelled match\(es\) and 0 non-match/);
  });

  it('--self-calibrate: train and match calibrate the estimated model on its own clusters; with --model or --calibrate it is refused', () => {
    const input = join(dir, 'a', 'structures.jsonl');
    const model = join(dir, 'self.json');
    const t = cli('train', input, '--self-calibrate', '--out', model, '--threads', '1');
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/model \(em\+self\) from \d+ records/);
    expect(t.stdout).toMatch(/calibrated on its own clusters at threshold 0\.45 \(3 rounds; after the first, clusters cut at 0\.6\): \d+ candidate pairs \(\d+ within a cluster\)/);
    expect(t.stdout).not.toMatch(/highest F1/);
    const out = join(dir, 'self-run');
    const m = cli('match', input, '--self-calibrate', '--out', out, '--threads', '2', '--quiet');
    expect(m.status).toBe(0);
    expect(m.stdout).toMatch(/model self-calibrated on its own clusters: threshold 0\.45;/);
    const runModel = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8'));
    const { shift: _, ...calibration } = runModel.calibration;
    expect(calibration).toEqual(JSON.parse(readFileSync(model, 'utf8')).calibration);
    // explain --self-calibrate gives the run's weight of a pair, and names what the calibration was fitted on
    const [left, right, weight] = readFileSync(join(out, 'pairs.csv'), 'utf8').split('\n')[1].split(',');
    const ex = cli('explain', left, right, '--input', input, '--self-calibrate', '--threads', '1', '--json');
    expect(ex.status).toBe(0);
    const e = JSON.parse(ex.stdout);
    expect(e.calibratedOn).toBe('clusters');
    expect(Math.abs(e.weight - Number(weight))).toBeLessThan(1e-3);
    expect(cli('explain', left, right, '--input', input, '--model', model, '--threads', '1').stdout).toMatch(/calibrated on its own clusters \(bits\)/);
    expect(cli('explain', left, right, '--input', input, '--model', model, '--self-calibrate').stderr).toMatch(/not with --model/);
    const both = cli('train', input, '--self-calibrate', '--calibrate', join(dir, 'a', 'truth.csv'), '--out', join(dir, 'x.json'));
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--self-calibrate or --calibrate FILE: one calibration, not both/);
    const withModel = cli('match', input, '--self-calibrate', '--model', model, '--out', join(dir, 'x'));
    expect(withModel.status).toBe(2);
    expect(withModel.stderr).toMatch(/--self-calibrate calibrates the model estimated from the inputs: not with --model/);
    // the built-in config self-calibrates without the flag; --no-self-calibrate keeps EM's model
    const dflt = cli('train', input, '--out', join(dir, 'default.json'), '--threads', '1');
    expect(dflt.stdout).toMatch(/model \(em\+self\) from \d+ records/);
    expect(JSON.parse(readFileSync(join(dir, 'default.json'), 'utf8')).calibration).toEqual(JSON.parse(readFileSync(model, 'utf8')).calibration);
    const plain = cli('train', input, '--no-self-calibrate', '--out', join(dir, 'plain.json'), '--threads', '1');
    expect(plain.stdout).toMatch(/model \(em\) from \d+ records/);
    expect(JSON.parse(readFileSync(join(dir, 'plain.json'), 'utf8')).calibration).toBeUndefined();
  });
});
