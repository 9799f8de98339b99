/**
 * The synthetic corpus generator: seeded, streaming, calibrated on the national pipeline's
 * figures, with ground truth.
 *
 * @example
 *   import { generateCorpus } from './src/generate/index.js';
 *   await generateCorpus({ entities: 10_000, seed: 7, out: 'out/corpus' });
 */
export { corpus, generateCorpus, CORPUS_FILES, DEFAULT_AS_OF, GENERATOR_VERSION } from './corpus.js';
export type { CorpusItem, CorpusOptions, GenerateOptions, GenerateSummary } from './corpus.js';
export { measureCorpus, compareToTargets } from './stats.js';
export type { CorpusStats, TargetCheck } from './stats.js';
export * from './targets.js';
export { Rng, Alias, Weighted, hashSeed } from './rng.js';
export { loadGeo, deName } from './geo.js';
export type { Commune, Geo } from './geo.js';
export { KINDS } from './kinds.js';
export type { Kind } from './kinds.js';
export type { Entity, Relation } from './entity.js';
export { PROFILES, calibrateFill } from './sources.js';
export { luhnComplete, siret as makeSiret } from './identifiers.js';
