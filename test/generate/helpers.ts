import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { generateCorpus, type GenerateSummary } from '../../src/generate/index.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary folder, removed when the test file is done. */
export const tmp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `recoupe-gen-${name}-`));
  made.push(d);
  return d;
};

export interface Loaded {
  dir: string;
  summary: GenerateSummary;
  structures: Array<Record<string, any>>;
  services: Array<Record<string, any>>;
  truth: Map<string, string>;
  entities: Array<Record<string, string>>;
}

export const jsonl = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, any>);

/** Simple CSV (the generator never writes commas inside these cells). */
export function csvRows(path: string): Array<Record<string, string>> {
  const [head, ...rows] = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const cols = (head as string).split(',');
  return rows.map((r) => {
    const cells = r.split(',');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}

const cache = new Map<string, Promise<Loaded>>();

/** Generates (once per test file) and loads a corpus. */
export function load(entities: number, seed: string | number, defectRate = 0.01): Promise<Loaded> {
  const key = `${entities}/${seed}/${defectRate}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const dir = tmp(`${seed}`);
      const summary = await generateCorpus({ entities, seed, out: dir, defectRate });
      const truth = new Map(csvRows(join(dir, 'truth.csv')).map((r) => [r.id as string, r.entity_id as string]));
      return {
        dir, summary, truth,
        structures: jsonl(join(dir, 'structures.jsonl')),
        services: jsonl(join(dir, 'services.jsonl')),
        entities: csvRows(join(dir, 'entities.csv')),
      };
    })();
    cache.set(key, p);
  }
  return p;
}
