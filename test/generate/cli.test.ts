import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/paths.js';
import { tmp } from './helpers.js';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', fromRoot('src', 'cli', 'index.ts'), ...args], { encoding: 'utf8', cwd: fromRoot() });

describe('recoupe generate', () => {
  it('writes the corpus and prints what it did, with the calibration when asked', () => {
    const out = tmp('cli');
    const r = cli('generate', '--entities', '800', '--seed', '3', '--out', out, '--check');
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/generated 800 entities \(seed 3\): \d+ structures, \d+ services/);
    expect(r.stdout).toMatch(/fill rate siret/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { entities: number; structures: number };
    expect(manifest.entities).toBe(800);
    const lines = readFileSync(join(out, 'structures.jsonl'), 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(manifest.structures);
  });

  it('refuses a bad option with a message naming it and exit code 2', () => {
    const r = cli('generate', '--entities', 'zero', '--out', tmp('cli-bad'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--entities must be an integer/);
    const r2 = cli('generate', '--entities', '10', '--out', tmp('cli-bad2'), '--as-of', '31/12/2025');
    expect(r2.status).toBe(2);
    expect(r2.stderr).toMatch(/--as-of/);
  });
});
