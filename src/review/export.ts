/**
 * The clerical review file: one row per pair with both records side by side (`left_<column>`,
 * `right_<column>` for every column of the input records; `left_record_id` for a column named id), the score, and an empty `label` column
 * to fill with match, distinct or unsure (`recoupe labels import` reads it back).
 */
import { writeCsv } from '../io/index.js';
import type { Run } from '../report/run.js';

export const REVIEW_COLUMNS = ['left_id', 'right_id', 'match_probability', 'match_weight', 'label', 'comment'] as const;

/** Record columns in order of first appearance, `source`/`id` first when present. */
function recordColumns(records: readonly Record<string, unknown>[], rows: number[]): string[] {
  const seen = new Set<string>();
  for (const i of rows) for (const k of Object.keys(records[i])) seen.add(k);
  return [...seen];
}

const text = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * Writes the review CSV for the selected pairs; returns its columns.
 *
 * @example
 *   await writeReview('review.csv', run, selectPairs(run, 'nearest', 200), records, recordIndex);
 */
export async function writeReview(
  path: string, run: Run, pairs: number[], records: readonly Record<string, unknown>[], recordIndex: Map<string, number>,
): Promise<{ columns: string[]; rows: number; missingRecords: number }> {
  const involved: number[] = [];
  let missingRecords = 0;
  for (const k of pairs) for (const id of [run.ids[run.pairs.left[k]], run.ids[run.pairs.right[k]]]) {
    const i = recordIndex.get(id);
    if (i === undefined) missingRecords++;
    else involved.push(i);
  }
  const cols = recordColumns(records, involved);
  // `left_<column>`, unless that collides with a review column (a record column named "id")
  const side = (s: 'left' | 'right', c: string) => ((REVIEW_COLUMNS as readonly string[]).includes(`${s}_${c}`) ? `${s}_record_${c}` : `${s}_${c}`);
  const columns = [...REVIEW_COLUMNS, ...cols.flatMap((c) => [side('left', c), side('right', c)])];
  const rows = pairs.map((k) => {
    const a = run.ids[run.pairs.left[k]], b = run.ids[run.pairs.right[k]];
    const ra = records[recordIndex.get(a) ?? -1] ?? {}, rb = records[recordIndex.get(b) ?? -1] ?? {};
    const row: Record<string, unknown> = {
      left_id: a, right_id: b, match_probability: run.pairs.probability[k], match_weight: run.pairs.weight[k], label: '', comment: '',
    };
    for (const c of cols) { row[side('left', c)] = text(ra[c]); row[side('right', c)] = text(rb[c]); }
    return row;
  });
  await writeCsv(path, rows, columns);
  return { columns, rows: rows.length, missingRecords };
}
