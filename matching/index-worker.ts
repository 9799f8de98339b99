/**
 * Worker entry (piscina) for the blocking indexes: builds one rule's index over the shared
 * columns and returns it (its arrays are shared memory: nothing is copied back). The skipped
 * keys come back as numbers; the main thread, which holds the values, labels them.
 */
import { buildRule, type SkippedKey, type RuleIndex, type RuleReport } from './block/index-build.js';
import type { BlockingRule, MatchConfig } from './config/types.js';
import type { Columns } from './columns.js';

export interface RuleTask {
  columns: Columns;
  rule: BlockingRule;
  config: MatchConfig;
}

export default function buildRuleTask(task: RuleTask): { index: RuleIndex; report: RuleReport; skipped: SkippedKey[] } {
  return buildRule(task.columns, task.rule, task.config);
}
