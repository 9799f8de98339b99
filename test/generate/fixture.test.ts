import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/generate/index.js';
import { fromRoot } from '../../src/paths.js';
import { tmp } from './helpers.js';

describe('fixtures/synthetic', () => {
  it('is exactly what `recoupe generate --entities 300 --seed 1` writes today (regenerate it after changing the generator)', async () => {
    const dir = tmp('fixture');
    await generateCorpus({ entities: 300, seed: '1', out: dir });
    const fixture = fromRoot('fixtures', 'synthetic');
    for (const f of readdirSync(dir)) {
      expect(readFileSync(join(fixture, f), 'utf8'), f).toBe(readFileSync(join(dir, f), 'utf8'));
    }
  });
});
