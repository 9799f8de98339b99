/**
 * The threshold-tuning report: figures from a match run (+ truth or labels, + input records) and
 * their rendering as one self-contained HTML file.
 */
import { basename } from 'node:path';
import { loadConfig } from '../../matching/index.js';
import { readInputs } from '../../matching/inputs.js';
import { readTruth, type Truth } from '../evaluation/index.js';
import { readLabels, labelSets, type LabelProblem } from '../review/labels.js';
import { UsageError } from '../error.js';
import { loadRun, type Run } from './run.js';
import { pairExplainer, type PairExplainer } from './explain-pairs.js';
import { buildFigures } from './build.js';
import type { ReportFigures } from './figures.js';

export { loadRun, type Run } from './run.js';
export { buildFigures } from './build.js';
export { renderHtml, CHART_TITLES } from './html.js';
export { sweep, scoresAt, type Sweep, type SweepPoint } from './sweep.js';
export { judgePairs, type JudgedPairs } from './truth-pairs.js';
export type { ReportFigures, PairRow } from './figures.js';

export interface ReportInputs {
  run: string;
  truth?: string;
  labels?: string;
  input?: string[];
  config?: string;
  rows?: number;
  minPrecision?: number;
}

/**
 * Reads a truth file or a labels file (labels.json, review CSV, Splink CSV) as a Truth.
 *
 * @example
 *   const { truth } = await loadJudgement({ labels: 'labels.json' });
 */
export async function loadJudgement(o: { truth?: string; labels?: string }): Promise<{ truth?: Truth; source?: string; problems: LabelProblem[] }> {
  if (o.truth && o.labels) throw new UsageError('give --truth or --labels, not both');
  if (o.truth) return { truth: readTruth(o.truth), source: o.truth, problems: [] };
  if (o.labels) {
    const read = await readLabels(o.labels);
    const { matches, distinct } = labelSets(read.labels);
    return { truth: { kind: 'labels', matches, distinct }, source: o.labels, problems: read.problems };
  }
  return { problems: [] };
}

/**
 * Everything `recoupe report` computes.
 *
 * @example
 *   const { figures, run } = await makeReport({ run: 'out/match', truth: 'fixtures/restaurants/duplicates.csv' });
 */
export async function makeReport(o: ReportInputs): Promise<{ run: Run; figures: ReportFigures; problems: LabelProblem[]; inputErrors: number }> {
  const run = await loadRun(o.run);
  const j = await loadJudgement(o);
  let explainer: PairExplainer | undefined;
  let sourceOf: ((id: string) => string | undefined) | undefined;
  let inputErrors = 0;
  if (o.input?.length) {
    const config = loadConfig(o.config);
    const read = await readInputs(o.input);
    inputErrors = read.errors.length;
    explainer = pairExplainer(read.records, read.input, config, run.model);
    const names = read.files.map((f) => basename(f.file).replace(/\.[^.]+$/, ''));
    sourceOf = (id) => {
      const i = explainer!.index.get(id);
      if (i === undefined) return undefined;
      const s = read.records[i].source;
      return typeof s === 'string' && s ? s : names[read.input[i]];
    };
  }
  const figures = buildFigures(run, { truth: j.truth, truthSource: j.source, explainer, sourceOf, rows: o.rows, minPrecision: o.minPrecision });
  return { run, figures, problems: j.problems, inputErrors };
}
