/** A match run of the restaurants set written to a temporary folder, as `recoupe match --out` does. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { match, loadConfig } from '../../matching/index.js';
import { readInputs, writeMatchOutputs } from '../../matching/inputs.js';

export const RESTAURANTS = {
  input: 'fixtures/restaurants/restaurantProfiles.csv',
  config: 'fixtures/configs/restaurants.json',
  truth: 'fixtures/restaurants/duplicates.csv',
};

export async function restaurantsRun(): Promise<string> {
  const dir = join(mkdtempSync(join(tmpdir(), 'recoupe-report-')), 'run');
  const read = await readInputs([RESTAURANTS.input]);
  const result = await match(read.records, { config: loadConfig(RESTAURANTS.config), threads: 1 });
  await writeMatchOutputs(dir, result, read.errors);
  return dir;
}
