/**
 * recoupe's matching engine — public API.
 *
 * @example
 *   import { match, loadConfig } from './matching/index.js';
 *   const result = await match(records, { config: loadConfig('fixtures/configs/restaurants.json'), threads: 2 });
 *   console.log(result.summary.clusters, result.pairs.left.length);
 */
export { match, matchPrepared, trainModel, trainPrepared, explainPair } from './match.js';
export type { MatchOptions, MatchResult, MatchSummary, ScoredPairs, TrainOptions, Explanation } from './match.js';
export type { RecordsInput, EngineOptions } from './engine.js';
export { JoinedRecords } from './joined.js';
export { loadConfig, parseConfig, defaultConfig, configSchema } from './config/index.js';
export type { MatchConfig, FieldSpec, FieldType, BlockingRule, ComparisonSpec, LevelSpec, TrainingSpec } from './config/index.js';
export type { Model, ModelComparison, ModelLevel, Calibration } from './model/types.js';
export { assertModelFits } from './model/types.js';
export { fitCalibration, type CalibrationInput } from './model/calibrate.js';
export { probabilityOf, weightOf, priorShift } from './model/score.js';
export { defaultThreads } from './pool.js';

// Internals, for tests, benchmarks and the consolidation layer.
export { block, blockPrepared, planBlocking, planBlockingAsync, gatherBlocked } from './engine.js';
export type { BlockingPlan, Blocked } from './engine.js';
export { scoreBlocked } from './match.js';
export { runTasks } from './pool.js';
export type { Task, TaskResult } from './block/tasks.js';
export { prepare, inputKeys } from './columns.js';
export { cluster } from './cluster.js';
export { runEm } from './model/em.js';
export { estimateU, blockedU, trainEm, trainSupervised, totalPairs } from './model/train.js';
export { mulberry32 } from './model/random.js';
export { createComparator, tokenSimilarity } from './compare/comparator.js';
export { jaroWinkler, haversineKm, levenshtein } from './compare/similarity.js';
export * from './normalise/index.js';
