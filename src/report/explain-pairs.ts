/**
 * Waterfalls for many pairs at once: the records are normalised once (as `recoupe match` did, so
 * term frequencies are the run's), then each pair is compared and scored with the run's model —
 * no blocking, no training. `explainPair` in matching/ does the same for a single pair. The steps
 * always add up to the engine's weight: a rule beyond the sum (a veto cap) is its own step.
 */
import { prepare, type MatchConfig, type Model } from '../../matching/index.js';
import { createComparator } from '../../matching/index.js';
import { createScorer } from '../../matching/model/score.js';
import { levelWeight } from '../../matching/model/types.js';
import type { Step } from './svg/waterfall.js';

export interface PairExplainer {
  /** Prior and each comparison's contribution; undefined when an id is unknown. */
  steps(idA: string, idB: string): Step[] | undefined;
  /** Normalised values of the compared fields, side by side. */
  values(idA: string, idB: string): Record<string, [string, string]> | undefined;
  /** Record index by id. */
  index: Map<string, number>;
}

/**
 * Builds an explainer over the records of a run.
 *
 * @example
 *   const ex = pairExplainer(records, input, loadConfig('fixtures/configs/restaurants.json'), run.model);
 *   ex.steps('0', '1') // [{ name: 'prior', … }, { name: 'nom', detail: 'exact', value: 9.1 }, …]
 */
export function pairExplainer(records: readonly Record<string, unknown>[], inputOf: ArrayLike<number> | undefined, config: MatchConfig, model: Model): PairExplainer {
  const prepared = prepare(records, config, inputOf);
  const { columns } = prepared;
  const comparator = createComparator(columns, config);
  const scorer = createScorer(model, config, columns, comparator);
  const index = new Map<string, number>();
  prepared.ids.forEach((id, i) => { if (!index.has(id)) index.set(id, i); });
  const valueOf = (field: string, r: number): string => {
    const col = columns.fields[field];
    if (!col) return '';
    if (col.kind === 'point') return col.lat[r] === col.lat[r] ? `${col.lat[r]},${col.lon[r]}` : '';
    return col.ids[r] >= 0 ? prepared.values[field][col.ids[r]] : '';
  };
  return {
    index,
    steps(idA, idB) {
      const i = index.get(idA), j = index.get(idB);
      if (i === undefined || j === undefined) return undefined;
      const [x, y] = i < j ? [i, j] : [j, i];
      const steps: Step[] = [{ name: 'prior', detail: '', value: scorer.prior }];
      model.comparisons.forEach((c, k) => {
        const level = comparator.level(k, x, y);
        const l = c.levels[level];
        const tf = scorer.tfAdjustment(k, level, x, y);
        steps.push({ name: c.name, detail: l.label + (tf ? ` (tf ${tf >= 0 ? '+' : ''}${tf.toFixed(2)})` : ''), value: (level === 0 ? 0 : levelWeight(l)) + tf });
      });
      const pattern = comparator.pattern(x, y);
      steps.push(...scorer.calibrationTerms(pattern, scorer.fsWeight(pattern, x, y)));
      // the engine's own total: a rule beyond the sum (a veto capping the weight) shows as one more step
      const total = scorer.weight(pattern, x, y);
      const sum = steps.reduce((a, st) => a + st.value, 0);
      if (Math.abs(total - sum) > 1e-9) {
        const vetoes = config.comparisons.filter((c, k) => (c as { veto?: boolean }).veto && comparator.level(k, x, y) === comparator.radix[k] - 1).map((c) => c.name);
        steps.push({ name: vetoes.length ? 'veto' : 'engine rule', detail: vetoes.length ? `${vetoes.join(', ')} differ: capped` : 'weight capped', value: total - sum });
      }
      return steps;
    },
    values(idA, idB) {
      const i = index.get(idA), j = index.get(idB);
      if (i === undefined || j === undefined) return undefined;
      const out: Record<string, [string, string]> = {};
      for (const f of Object.keys(config.fields)) out[f] = [valueOf(f, i), valueOf(f, j)];
      return out;
    },
  };
}
