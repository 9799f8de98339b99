/**
 * recoupe's public API: a flat barrel of what a program embedding recoupe needs. The engine
 * (`recoupe/matching`), the adapters (`recoupe/adapters`) and the other parts also have their own
 * entry points.
 *
 * @example
 *   import { runConsolidation, validate, readRecords } from 'recoupe';
 *   const report = await runConsolidation({ from: 'sources', out: 'out' });
 */
export * from './model/index.js';
export * from './io/index.js';
export { runConsolidation, readPipelineConfig, type ConsolidateOptions, type ConsolidateReport, type SourceCounts } from './pipeline/consolidate.js';
export { validateFiles, type ValidationSummary, type FileSummary } from './pipeline/validate-files.js';
export { consolidate, consolidationConfig, DEFAULT_CONSOLIDATION, type ConsolidateInput, type ConsolidateOutput, type ConsolidationConfig, type ConsolidatedStructure } from './consolidation/index.js';
export { openDb, Store, type Db, type OpenOptions } from './store/index.js';
export { exportTables, FORMATS, type ExportFormat } from './export/index.js';
export { generateCorpus, corpus, type GenerateOptions, type GenerateSummary } from './generate/corpus.js';
export { match, trainModel, explainPair, loadConfig, defaultConfig } from '../matching/index.js';
export { importSource, importAll, ADAPTERS, SOURCE_SLUGS } from '../adapters/index.js';
export { error, UsageError } from './error.js';
