/**
 * Labelled pairs in data·inclusion's labels.json format: `[{ "left", "right", "label" }]` with
 * label `match`, `distinct` or `unsure`. Read from that JSON, from a review CSV written by
 * `recoupe review` (columns left_id, right_id, label), or from Splink's clerical labels
 * (unique_id_l, unique_id_r, clerical_match_score: ≥ 0.5 is a match).
 */
import { readFileSync, existsSync } from 'node:fs';
import { readRecords } from '../io/index.js';
import { UsageError } from '../error.js';

export type LabelValue = 'match' | 'distinct' | 'unsure';
export interface Label { left: string; right: string; label: LabelValue; [extra: string]: unknown }

/** A row that could not be read as a label: reported, never dropped silently. */
export interface LabelProblem { where: string; message: string }

export interface LabelsRead {
  labels: Label[];
  /** Rows of a review CSV left without a decision. */
  unlabelled: number;
  problems: LabelProblem[];
  format: 'labels.json' | 'review' | 'splink';
}

const VALUES: Record<string, LabelValue> = {
  match: 'match', distinct: 'distinct', unsure: 'unsure',
  // what clerks type in a spreadsheet
  m: 'match', d: 'distinct', u: 'unsure', yes: 'match', no: 'distinct', '?': 'unsure',
  doublon: 'match', oui: 'match', non: 'distinct', different: 'distinct', incertain: 'unsure',
};

/**
 * Reads one label decision as typed by a person; undefined when it is not one.
 *
 * @example
 *   labelValue(' Match ') // 'match'
 */
export function labelValue(raw: unknown): LabelValue | undefined {
  return typeof raw === 'string' ? VALUES[raw.trim().toLowerCase()] : undefined;
}

/** The key of a pair regardless of order. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

function readJsonLabels(path: string): LabelsRead {
  let rows: unknown;
  try {
    rows = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UsageError(`labels ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(rows)) throw new UsageError(`labels ${path}: expected an array of {left, right, label}`);
  const labels: Label[] = [], problems: LabelProblem[] = [];
  rows.forEach((r, k) => {
    const o = (r ?? {}) as Record<string, unknown>;
    const label = labelValue(o.label);
    if (typeof o.left !== 'string' || typeof o.right !== 'string' || !o.left || !o.right)
      problems.push({ where: `${path}[${k}]`, message: 'left and right must be record ids' });
    else if (!label) problems.push({ where: `${path}[${k}]`, message: `label must be match, distinct or unsure, got ${JSON.stringify(o.label)}` });
    else if (o.left === o.right) problems.push({ where: `${path}[${k}]`, message: `left and right are the same record ${o.left}` });
    else labels.push({ ...o, left: o.left, right: o.right, label });
  });
  return { labels, unlabelled: 0, problems, format: 'labels.json' };
}

async function readCsvLabels(path: string): Promise<LabelsRead> {
  const labels: Label[] = [], problems: LabelProblem[] = [];
  let unlabelled = 0;
  let format: LabelsRead['format'] | undefined;
  for await (const ev of readRecords(path, { format: 'csv', trim: true })) {
    if (ev.kind === 'error') { problems.push({ where: `${path}:${ev.error.line ?? '?'}`, message: ev.error.message }); continue; }
    const r = ev.row;
    const where = `${path}:${ev.line}`;
    format ??= 'clerical_match_score' in r ? 'splink' : 'review';
    let left: unknown, right: unknown, label: LabelValue | undefined;
    if (format === 'splink') {
      left = r.unique_id_l; right = r.unique_id_r;
      const s = Number(r.clerical_match_score);
      if (r.clerical_match_score === '' || !Number.isFinite(s)) { problems.push({ where, message: `clerical_match_score must be a number, got ${JSON.stringify(r.clerical_match_score)}` }); continue; }
      label = s >= 0.5 ? 'match' : 'distinct';
    } else {
      left = r.left_id ?? r.left; right = r.right_id ?? r.right;
      if (r.label === undefined) throw new UsageError(`${path}: no label column (expected a review CSV with left_id, right_id, label, or Splink's labels)`);
      if (String(r.label ?? '').trim() === '') { unlabelled++; continue; }
      label = labelValue(r.label);
      if (!label) { problems.push({ where, message: `label must be match, distinct or unsure, got ${JSON.stringify(r.label)}` }); continue; }
    }
    const a = String(left ?? '').trim(), b = String(right ?? '').trim();
    if (!a || !b) { problems.push({ where, message: 'both record ids are needed' }); continue; }
    if (a === b) { problems.push({ where, message: `left and right are the same record ${a}` }); continue; }
    labels.push({ left: a, right: b, label });
  }
  return { labels, unlabelled, problems, format: format ?? 'review' };
}

/**
 * Reads labelled pairs from labels.json, a review CSV or Splink's labels CSV (by extension and header).
 *
 * @example
 *   const { labels, problems } = await readLabels('fixtures/data-inclusion-labels/labels.json');
 */
export async function readLabels(path: string): Promise<LabelsRead> {
  if (!existsSync(path)) throw new UsageError(`labels file ${path} does not exist`);
  return path.toLowerCase().endsWith('.json') ? readJsonLabels(path) : readCsvLabels(path);
}

/**
 * Deduplicates pairs regardless of order; the later decision wins, at the place of the first.
 *
 * @example
 *   dedupeLabels([{ left: 'a', right: 'b', label: 'distinct' }, { left: 'b', right: 'a', label: 'match' }])
 *   // [{ left: 'b', right: 'a', label: 'match' }]
 */
export function dedupeLabels(labels: Iterable<Label>): Label[] {
  // a Map keeps the insertion order of its first set: the first place, the last value
  const out = new Map<string, Label>();
  for (const l of labels) out.set(pairKey(l.left, l.right), l);
  return [...out.values()];
}

/**
 * Labels as evaluation sees them, as data·inclusion does: `unsure` counts as distinct.
 *
 * @example
 *   const { matches, distinct } = labelSets(labels);
 */
export function labelSets(labels: Iterable<Label>): { matches: [string, string][]; distinct: [string, string][] } {
  const matches: [string, string][] = [], distinct: [string, string][] = [];
  for (const l of dedupeLabels(labels)) (l.label === 'match' ? matches : distinct).push([l.left, l.right]);
  return { matches, distinct };
}
