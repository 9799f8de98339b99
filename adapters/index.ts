/**
 * The source adapters: a registry by slug, and in-process import functions for the pipeline.
 *
 * @example
 *   import { importSource, importAll, SOURCE_SLUGS } from '../adapters/index.js';
 *   const dora = await importSource('dora', 'fixtures/sources/dora');
 *   const all = await importAll('fixtures/sources');
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { error } from '../src/error.js';
import type { Adapter, ImportResult } from './types.js';
import type { ImportOptions } from './context.js';
import { runAdapter } from './run.js';
import { SOURCE_SLUGS } from './slugs.js';
import { dora } from './dora.js';
import { emploisDeLinclusion } from './emplois-de-linclusion.js';
import { soliguide } from './soliguide.js';
import { mediationNumerique } from './mediation-numerique.js';
import { franceTravail } from './france-travail.js';
import { cd35 } from './cd35.js';
import { monenfant } from './monenfant.js';
import { finess } from './finess.js';
import { actionLogement } from './action-logement.js';
import { fredo } from './fredo.js';
import { maBoussoleAidants } from './ma-boussole-aidants.js';
import { mesAides } from './mes-aides.js';
import { agefiph } from './agefiph.js';
import { carifOref } from './carif-oref.js';
import { reseauAlpha } from './reseau-alpha.js';

export type { Adapter, AdapterEvent, ImportResult, Origin, SourceFile, DroppedCount, UnmappedCount } from './types.js';
export { ImportContext, type ImportOptions } from './context.js';
export { runAdapter } from './run.js';
export { catalogueAdapter, readMapping, type CatalogueMapping } from './catalogue.js';

/** Every producer adapter, in the order `--all` imports them. */
export const ADAPTERS: readonly Adapter[] = [
  dora,
  emploisDeLinclusion,
  soliguide,
  mediationNumerique,
  franceTravail,
  cd35,
  monenfant,
  finess,
  actionLogement,
  fredo,
  maBoussoleAidants,
  mesAides,
  agefiph,
  carifOref,
  reseauAlpha,
];

/** The producer slugs `importAll` knows (listed in `slugs.ts`, which the CLI reads without loading the adapters). */
export { SOURCE_SLUGS };

/**
 * The adapter of a slug, or undefined.
 *
 * @example
 *   getAdapter('dora')?.files.map((f) => f.name) // ['structures.json', 'services.json']
 */
export function getAdapter(slug: string): Adapter | undefined {
  return ADAPTERS.find((a) => a.slug === slug);
}

/**
 * Imports one producer's folder (the files of `getAdapter(slug).files`).
 *
 * @example
 *   const { structures, services, errors, dropped, unmapped, rawRows } = await importSource('soliguide', 'in/soliguide');
 */
export async function importSource(slug: string, dir: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const adapter = getAdapter(slug);
  if (!adapter) throw error(`unknown source "${slug}" (known: ${SOURCE_SLUGS.join(', ')})`);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw error(`${dir} is not a folder`);
  return runAdapter(adapter, dir, opts);
}

/**
 * Imports every `<fromDir>/<slug>/` folder that exists, in registry order.
 *
 * @example
 *   const results = await importAll('fixtures/sources');
 *   results.map((r) => [r.source, r.structures.length])
 */
export async function importAll(fromDir: string, opts: ImportOptions = {}): Promise<ImportResult[]> {
  if (!existsSync(fromDir) || !statSync(fromDir).isDirectory()) throw error(`${fromDir} is not a folder`);
  const results: ImportResult[] = [];
  for (const a of ADAPTERS) {
    const dir = join(fromDir, a.slug);
    if (existsSync(dir) && statSync(dir).isDirectory()) results.push(await runAdapter(a, dir, opts));
  }
  return results;
}
