import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { assertModelFits, defaultConfig, type Model } from '../../matching/index.js';
import { fromRoot } from '../../src/paths.js';

describe('the model shipped for small inputs', () => {
  const model = JSON.parse(readFileSync(fromRoot('models', 'data-inclusion.json'), 'utf8')) as Model & { trainedOn?: string };
  it('fits the default matching config (else: npm run train:default-model)', () => {
    expect(() => assertModelFits(model, defaultConfig())).not.toThrow();
  });
  it('says what it was trained on', () => {
    expect(model.trainedOn).toMatch(/recoupe generate --entities \d+ --seed \w+/);
  });
});
