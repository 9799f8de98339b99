/**
 * Reading match inputs and writing match outputs (clusters.csv, pairs.csv, model.json,
 * summary.json, errors.csv). Unreadable rows never disappear: they go to errors.csv.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { readRecords } from '../src/io/index.js';
import { writeErrorsCsv } from '../src/io/index.js';
import { errorRow, type ErrorRow } from '../src/model/index.js';
import { UsageError } from '../src/error.js';
import type { MatchResult } from './match.js';

export interface Inputs {
  records: Record<string, unknown>[];
  /** Input (file) index per record. */
  input: Int32Array;
  errors: ErrorRow[];
  files: { file: string; rows: number; errors: number }[];
}

/**
 * Reads every input file into memory, keeping which file each record came from.
 *
 * @example
 *   const { records, input, errors } = await readInputs(['a.jsonl', 'b.csv']);
 */
export async function readInputs(files: string[], opts: { delimiter?: string } = {}): Promise<Inputs> {
  const records: Record<string, unknown>[] = [];
  const inputOf: number[] = [];
  const errors: ErrorRow[] = [];
  const stats: Inputs['files'] = [];
  for (const [k, file] of files.entries()) {
    let rows = 0, errs = 0;
    try {
      for await (const ev of readRecords(file, { delimiter: opts.delimiter, trim: true })) {
        if (ev.kind === 'row') {
          records.push(ev.row);
          inputOf.push(k);
          rows++;
        } else {
          errors.push(ev.error);
          errs++;
        }
      }
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    stats.push({ file, rows, errors: errs });
  }
  return { records, input: Int32Array.from(inputOf), errors, files: stats };
}

const cell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

async function writeLines(path: string, header: string, count: number, line: (k: number) => string): Promise<void> {
  const out = createWriteStream(path);
  await once(out, 'open');
  let buf = header + '\n';
  for (let k = 0; k < count; k++) {
    buf += line(k) + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/**
 * Writes the outputs of a match run into a folder.
 *
 * @example
 *   await writeMatchOutputs('out/match', result, inputs.errors);
 */
export async function writeMatchOutputs(dir: string, result: MatchResult, errors: ErrorRow[], extra: Record<string, unknown> = {}): Promise<Record<string, string>> {
  const t0 = performance.now();
  await mkdir(dir, { recursive: true });
  const { ids, clusterOf, pairs } = result;
  const quoted = ids.map(cell);
  const paths = {
    clusters: join(dir, 'clusters.csv'), pairs: join(dir, 'pairs.csv'), model: join(dir, 'model.json'),
    summary: join(dir, 'summary.json'), errors: join(dir, 'errors.csv'),
  };
  await writeLines(paths.clusters, 'id,cluster_id', ids.length, (i) => `${quoted[i]},${clusterOf[i]}`);
  await writeLines(paths.pairs, 'left_id,right_id,match_weight,match_probability', pairs.left.length, (k) =>
    `${quoted[pairs.left[k]]},${quoted[pairs.right[k]]},${pairs.weight[k].toFixed(3)},${pairs.probability[k].toPrecision(6)}`);
  await writeFile(paths.model, JSON.stringify(result.model, null, 2) + '\n');
  const allErrors = [...errors];
  for (const i of result.missingIds)
    allErrors.push(errorRow({ source: '', id: ids[i], resource: 'record', field: 'id', rule: 'missing_id', message: `record has no id; matched as ${ids[i]}`, severity: 'warning', value: '' }));
  await writeErrorsCsv(paths.errors, allErrors);
  const t = result.summary.timingsMs;
  t.write = Math.round(performance.now() - t0);
  t.endToEnd = (t.read ?? 0) + (t.total ?? 0) + t.write;
  await writeFile(paths.summary, JSON.stringify({ ...extra, ...result.summary, errors: allErrors.length }, null, 2) + '\n');
  return paths;
}
