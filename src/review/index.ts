/** Clerical review: export pairs to label, read labels back, merge them into labels.json. */
export { readLabels, dedupeLabels, labelSets, labelValue, pairKey, type Label, type LabelValue, type LabelsRead, type LabelProblem } from './labels.js';
export { mergeLabels, importLabels, type MergeResult } from './merge.js';
export { selectPairs, STRATEGIES, type Strategy } from './select.js';
export { writeReview, REVIEW_COLUMNS } from './export.js';
