/** Evaluation of clusters against ground truth: pairwise precision, recall, F1. */
export { readTruth, truthFromIds, entitiesFromPairs, type Truth, type TruthFormat } from './truth.js';
export { evaluatePairwise, type Evaluation } from './pairwise.js';
export { readClusters } from './clusters.js';
