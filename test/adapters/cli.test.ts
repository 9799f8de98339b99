import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../../src/paths.js';
import { ADAPTERS, SOURCE_SLUGS } from '../../adapters/index.js';

describe('recoupe import', () => {
  it('lists in --help the slugs of the adapters, in their order (adapters/slugs.ts, read without loading the adapters)', () => {
    expect(SOURCE_SLUGS).toEqual(ADAPTERS.map((a) => a.slug));
  });

  it('--all writes the three files per source and prints the counting identity', () => {
    const out = mkdtempSync(join(tmpdir(), 'recoupe-import-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', fromRoot('src', 'cli', 'index.ts'), 'import', '--all',
        '--from', fromRoot('fixtures', 'sources'), '--out', out, '--today', '2026-06-01'], { encoding: 'utf8', cwd: fromRoot('') });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      for (const slug of SOURCE_SLUGS) {
        for (const f of ['structures.jsonl', 'services.jsonl', 'errors.csv']) expect(existsSync(join(out, slug, f)), `${slug}/${f}`).toBe(true);
      }
      expect(run.stdout).toMatch(/^soliguide: 10 raw rows = 6 imported \+ 3 dropped by rule \+ 1 rejected → 6 structures, 11 services$/m);
      expect(run.stdout).toMatch(/unmapped +1 +category = "pet_care"/);
      const doraStructures = readFileSync(join(out, 'dora', 'structures.jsonl'), 'utf8').trim().split('\n');
      expect(doraStructures).toHaveLength(7);
      expect(readFileSync(join(out, 'dora', 'errors.csv'), 'utf8').split('\n')[0]).toBe('source,id,resource,field,rule,severity,message,value,file,line');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('refuses an unknown source with a usage error (exit 2)', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', fromRoot('src', 'cli', 'index.ts'), 'import', '--source', 'nope',
      '--from', fromRoot('fixtures', 'sources'), '--out', tmpdir()], { encoding: 'utf8', cwd: fromRoot('') });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown source "nope"/);
  });
});
