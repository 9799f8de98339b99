/**
 * Trains the model shipped for small inputs (`models/data-inclusion.json`): a Fellegi–Sunter model
 * needs thousands of records to estimate its u probabilities and term frequencies, so a run on a
 * few dozen records (the demo fixtures, a new producer's first file) uses this one, trained on a
 * seeded synthetic corpus of 100,000 places with the default config.
 *
 *   npx tsx scripts/train-default-model.ts [--entities 100000] [--seed 11]
 *
 * `test/pipeline/default-model.test.ts` fails when the shipped model no longer fits the default
 * config (re-run this script then).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from '../src/generate/corpus.js';
import { readAll } from '../src/io/index.js';
import { trainModel } from '../matching/index.js';
import { fromRoot } from '../src/paths.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const entities = Number(arg('entities', '100000'));
const seed = arg('seed', '11');
const dir = mkdtempSync(join(tmpdir(), 'recoupe-model-'));
try {
  await generateCorpus({ entities, seed, out: dir, defectRate: 0 });
  const { rows } = await readAll(join(dir, 'structures.jsonl'));
  const model = await trainModel(rows, { threads: 1 });
  const out = fromRoot('models', 'data-inclusion.json');
  writeFileSync(out, `${JSON.stringify({ ...model, trainedOn: `recoupe generate --entities ${entities} --seed ${seed} --defect-rate 0 (${rows.length} structures)` }, null, 2)}\n`);
  console.log(`wrote ${out} (trained on ${rows.length} synthetic structures)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
