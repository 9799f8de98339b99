/**
 * The synthetic corpus: a seeded stream of entities and the records producers publish for them,
 * written as schema v1 JSON Lines with the ground truth beside them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Service, Structure } from '../model/index.js';
import { Composition, countPairs } from './composition.js';
import { drawGroup, type Entity } from './entity.js';
import { loadGeo } from './geo.js';
import { renderStructure, type RenderContext } from './record.js';
import { Rng } from './rng.js';
import { renderServices, serviceEntityId } from './service.js';
import { ShuffleBuffer, LineFile } from './sink.js';
import { calibrateFill } from './sources.js';
import { SOURCES, type SourceSlug } from './targets.js';

/** Version of the generator's output: bump when the same seed would give different files. */
export const GENERATOR_VERSION = 'recoupe-synthetic/1';

/** The default reference day: no `date_maj` is later (fixed, so a seed gives the same files every day). */
export const DEFAULT_AS_OF = '2026-06-30';

export interface CorpusOptions {
  /** Number of real-world structures (entities). */
  entities: number;
  seed: string | number;
  /** Reference day, `YYYY-MM-DD` (default `DEFAULT_AS_OF`). */
  asOf?: string;
  /** Share of records carrying one deliberate schema defect (default 0.01). */
  defectRate?: number;
}

let fitted: Composition | undefined;

/**
 * The cluster-composition model, fitted once per process on whole groups: the structures that
 * share a building, a SIREN or a name (the hard negatives) have duplicates of their own, so the
 * source-pair weights are refitted until all entities together match the measured pair counts.
 */
export function fittedComposition(): Composition {
  if (fitted) return fitted;
  const geo = loadGeo();
  const comp = new Composition();
  for (let round = 0; round < 3; round++) {
    const seen = new Map<string, number>();
    let made = 0;
    for (let g = 0; made < 30000; g++) {
      const group = drawGroup(g, made, new Rng('composition-groups', `${round}:${g}`), geo, comp, 'fit');
      made += group.length;
      for (const e of group) countPairs(e.sources, seen);
    }
    comp.refit(seen);
  }
  fitted = comp;
  return comp;
}

/** One entity and every record published for it. */
export interface CorpusItem {
  entity: Entity;
  records: Array<{ structure: Structure; services: Array<{ service: Service; key: string }> }>;
}

/**
 * The corpus as a lazy, deterministic stream: entity after entity, in generation order.
 *
 * @example
 *   for (const { entity, records } of corpus({ entities: 100, seed: 1 })) console.log(entity.id, records.length);
 */
export function* corpus(opts: CorpusOptions): Generator<CorpusItem> {
  const n = opts.entities;
  if (!Number.isInteger(n) || n < 0) throw new Error(`entities must be a non-negative integer, got ${n}`);
  const asOf = opts.asOf ?? DEFAULT_AS_OF;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) throw new Error(`asOf must be a YYYY-MM-DD date, got ${asOf}`);
  const geo = loadGeo();
  const comp = fittedComposition();
  const ctx: RenderContext = {
    asOf,
    asOfMs: Date.parse(`${asOf}T00:00:00Z`),
    fill: calibrateFill(),
    defectRate: opts.defectRate ?? 0.01,
    counters: new Map(),
  };
  let made = 0;
  /** `mairie:<insee>` and `ccas:<insee>` already generated: one of each per commune. */
  const townHalls = new Set<string>();
  for (let g = 0; made < n; g++) {
    const rng = new Rng(opts.seed, `group:${g}`);
    const group = drawGroup(g, made, rng, geo, comp, opts.seed, townHalls);
    for (const entity of group) {
      if (made >= n) break;
      made++;
      const records = entity.sources.map((src) => {
        const structure = renderStructure(entity, src, rng, ctx);
        return { structure, services: renderServices(entity, src, structure, rng, ctx) };
      });
      yield { entity, records };
    }
  }
}

export interface GenerateOptions extends CorpusOptions {
  /** Output folder (created if missing). */
  out: string;
  /** Records shuffled within windows of this size (default 20,000); 0 keeps generation order. */
  shuffleWindow?: number;
  /** Called every `progressEvery` entities. */
  onProgress?: (entitiesDone: number) => void;
  progressEvery?: number;
}

export interface GenerateSummary {
  generator: string;
  seed: string | number;
  entities: number;
  asOf: string;
  defectRate: number;
  shuffleWindow: number;
  structures: number;
  services: number;
  bySource: Record<string, { structures: number; services: number }>;
  files: Record<string, string>;
}

/** The files `generateCorpus` writes, by role. */
export const CORPUS_FILES = {
  structures: 'structures.jsonl',
  services: 'services.jsonl',
  truth: 'truth.csv',
  servicesTruth: 'truth-services.csv',
  entities: 'entities.csv',
  manifest: 'manifest.json',
} as const;

const csv = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Writes a corpus to `out`: `structures.jsonl` and `services.jsonl` (schema v1), `truth.csv`
 * (`id,entity_id` for every structure), `truth-services.csv`, `entities.csv` (kind, group and
 * relation of every entity, for error analysis) and `manifest.json`. Streaming, bounded memory.
 *
 * @example
 *   await generateCorpus({ entities: 1000, seed: 42, out: 'out/corpus' });
 */
export async function generateCorpus(opts: GenerateOptions): Promise<GenerateSummary> {
  const window = opts.shuffleWindow ?? 20000;
  await mkdir(opts.out, { recursive: true });
  const path = (k: keyof typeof CORPUS_FILES) => join(opts.out, CORPUS_FILES[k]);
  const [sOut, vOut, tOut, tvOut, eOut] = await Promise.all([
    LineFile.open(path('structures')), LineFile.open(path('services')), LineFile.open(path('truth')),
    LineFile.open(path('servicesTruth')), LineFile.open(path('entities')),
  ]);
  await tOut.line('id,entity_id');
  await tvOut.line('id,entity_id,structure_id');
  await eOut.line('entity_id,kind,group_id,relation,code_insee,siren,siret,sources');
  const shuffleRng = new Rng(opts.seed, 'shuffle');
  const sBuf = new ShuffleBuffer<[string, string]>(window, shuffleRng);
  const vBuf = new ShuffleBuffer<[string, string]>(window, shuffleRng);
  const bySource: Record<string, { structures: number; services: number }> = {};
  for (const s of SOURCES) bySource[s] = { structures: 0, services: 0 };
  let done = 0;
  const every = opts.progressEvery ?? 100000;
  for (const { entity, records } of corpus(opts)) {
    const pe = eOut.line([entity.id, entity.kind.key, entity.group, entity.relation, entity.commune.code, entity.siren, entity.siret, entity.sources.join('|')].map(csv).join(','));
    if (pe) await pe;
    for (const { structure, services } of records) {
      const counts = bySource[structure.source as SourceSlug] as { structures: number; services: number };
      counts.structures++;
      const s: [string, string] = [JSON.stringify(structure), `${csv(structure.id)},${entity.id}`];
      const so = window > 0 ? sBuf.push(s) : s;
      if (so) {
        const p1 = sOut.line(so[0]);
        if (p1) await p1;
        const p2 = tOut.line(so[1]);
        if (p2) await p2;
      }
      for (const { service, key } of services) {
        counts.services++;
        const v: [string, string] = [JSON.stringify(service), `${csv(service.id)},${csv(serviceEntityId(entity, key))},${csv(service.structure_id)}`];
        const vo = window > 0 ? vBuf.push(v) : v;
        if (vo) {
          const p1 = vOut.line(vo[0]);
          if (p1) await p1;
          const p2 = tvOut.line(vo[1]);
          if (p2) await p2;
        }
      }
    }
    done++;
    if (opts.onProgress && done % every === 0) opts.onProgress(done);
  }
  for (const [json, truth] of sBuf.drain()) {
    await sOut.line(json);
    await tOut.line(truth);
  }
  for (const [json, truth] of vBuf.drain()) {
    await vOut.line(json);
    await tvOut.line(truth);
  }
  await Promise.all([sOut.close(), vOut.close(), tOut.close(), tvOut.close(), eOut.close()]);
  let structures = 0;
  let services = 0;
  for (const c of Object.values(bySource)) {
    structures += c.structures;
    services += c.services;
  }
  const summary: GenerateSummary = {
    generator: GENERATOR_VERSION,
    seed: opts.seed,
    entities: done,
    asOf: opts.asOf ?? DEFAULT_AS_OF,
    defectRate: opts.defectRate ?? 0.01,
    shuffleWindow: window,
    structures,
    services,
    bySource,
    files: { ...CORPUS_FILES },
  };
  await writeFile(path('manifest'), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}
