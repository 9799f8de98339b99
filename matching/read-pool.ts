/**
 * Reading JSON Lines inputs on worker threads: each worker parses whole lines of a byte range and
 * sends back only the values matching reads, so the main thread never parses the rest of a record
 * (descriptions, opening hours…). Rows, their order, their input index and the error rows are
 * those {@link readInputs} gives, reduced to the keys the config reads.
 */
import { open, stat } from 'node:fs/promises';
import { formatOf, head, sniffEncoding } from '../src/io/detect.js';
import { lineDecoder } from '../src/io/lines.js';
import { jsonLine } from '../src/io/jsonl.js';
import { readRecords } from '../src/io/read.js';
import type { Encoding } from '../src/io/types.js';
import type { ErrorRow } from '../src/model/index.js';
import type { MatchConfig } from './config/types.js';
import { dropCrowded, inputKeys, partsBuilder, planPrepare, type Prepared, type PreparePlan } from './columns.js';
import { dropCrowdedPooled } from './normalise-pool.js';
import { readInputs, type Inputs } from './inputs.js';
import { JoinedRecords } from './joined.js';
import { readPrepareRange, type RangeResult, type RangeTask } from './read-worker.js';
import { withPool, type EnginePool } from './engine-pool.js';
import type { NormalisedPart } from './columns.js';

/** Below this many bytes in all, worker start-up costs more than it saves: the inputs are read here. */
export const READ_POOL_MIN_BYTES = 16 << 20;

/**
 * Parts merged at a time, field by field ({@link PartsBuilder.appendAll}), but the last few: at
 * 1 M records (89 parts) eight at a time took 1.05–1.10 s against 1.8–2.0 s one by one in
 * isolation, and this thread's CPU time during the read fell by 0.2–0.4 s.
 */
const MERGE_GROUP = 8;

/** Bytes of a file per task. */
const RANGE_BYTES = 8 << 20;

/** Records looked at to resolve the config's column names (as {@link inputKeys} does). */
const SAMPLE_ROWS = 200;

export interface ReadPoolOptions {
  config: MatchConfig;
  threads: number;
  /** CSV delimiter, for inputs read on this thread. */
  delimiter?: string;
  /** Inputs smaller than this in all are read on this thread (default {@link READ_POOL_MIN_BYTES}). */
  minBytes?: number;
  /** Bytes of a file per worker task (default 8 MiB). */
  rangeBytes?: number;
  /** Worker threads to use, left open for the next stages (else a pool of its own, stopped at the end). */
  pool?: EnginePool;
}

/** Offsets in `[0, size]` where a line starts, about every `step` bytes, first 0 and last `size`. */
async function lineStarts(path: string, size: number, step: number): Promise<number[]> {
  const cuts = [0];
  const fh = await open(path, 'r');
  try {
    const window = Buffer.allocUnsafe(1 << 16);
    for (let at = step; at < size; ) {
      const { bytesRead } = await fh.read(window, 0, window.length, at - 1);
      if (bytesRead === 0) break;
      const nl = window.subarray(0, bytesRead).indexOf(0x0a);
      if (nl < 0) { at += bytesRead; continue; } // a line longer than the window
      const cut = at - 1 + nl + 1;
      if (cut >= size) break;
      if (cut > cuts[cuts.length - 1]) cuts.push(cut);
      at = cut + step;
    }
  } finally {
    await fh.close();
  }
  cuts.push(size);
  return cuts;
}

async function sampleRows(files: string[]): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (const file of files) {
    let k = 0;
    for await (const ev of readRecords(file)) {
      if (ev.kind === 'row') rows.push(ev.row);
      if (++k >= SAMPLE_ROWS) break;
    }
  }
  return rows;
}

/** What {@link readInputsPooled} gives: records as objects (read here) or as joined text columns (read on workers). */
export type PooledInputs = Omit<Inputs, 'records'> & { records: Inputs['records'] | JoinedRecords };

/**
 * {@link readInputs} with JSON Lines parsed on `threads` worker threads, each record reduced to the
 * keys `config` reads (ids included) and kept as joined text columns ({@link JoinedRecords}: no
 * object per record). Other formats, one thread or small inputs: read here, whole, as objects.
 *
 * @example
 *   const read = await readInputsPooled(['structures.jsonl'], { config: defaultConfig(), threads: 2 });
 *   const result = await match(read.records, { threads: 2 });
 */
export async function readInputsPooled(files: string[], options: ReadPoolOptions): Promise<PooledInputs> {
  const ranges = await rangeTasks(files, options);
  if (!ranges) return readInputs(files, { delimiter: options.delimiter });
  const { tasks, keys } = ranges;
  const results = await withPool(options.pool, options.threads, (workers) =>
    Promise.all(tasks.map(({ file: _, ...t }) => workers!.run<RangeResult>({ kind: 'read', ...t }))));
  return assemble(files, tasks, results, keys);
}

/**
 * The byte ranges of JSON Lines inputs worth reading on worker threads, with the keys matching
 * reads (resolved on the first records); null when they are to be read on this thread (another
 * format, one thread unless `oneThread`, small or unreadable inputs: the sequential reader gives
 * their message or error rows).
 */
async function rangeTasks(files: string[], options: ReadPoolOptions, oneThread = false): Promise<{ tasks: (RangeTask & { file: number })[]; keys: string[]; sample: Record<string, unknown>[] } | null> {
  if ((options.threads <= 1 && !oneThread) || files.some((f) => formatOf(f) !== 'jsonl')) return null;
  const sizes: number[] = [];
  for (const f of files) {
    const st = await stat(f).catch(() => null);
    if (!st?.isFile() || st.size === 0) return null;
    sizes.push(st.size);
  }
  if (sizes.reduce((a, b) => a + b, 0) < (options.minBytes ?? READ_POOL_MIN_BYTES)) return null;
  const sample = await sampleRows(files);
  const keys = inputKeys(sample, options.config);
  const encodings: Encoding[] = [];
  for (const f of files) encodings.push(sniffEncoding(await head(f)));
  const tasks: (RangeTask & { file: number })[] = [];
  for (const [k, path] of files.entries()) {
    // ranges of about rangeBytes, as many as a multiple of the threads: the last ones do not run
    // alone while the other threads wait
    const threads = Math.max(1, options.threads);
    const per = threads * Math.ceil(sizes[k] / (options.rangeBytes ?? RANGE_BYTES) / threads);
    const cuts = await lineStarts(path, sizes[k], Math.ceil(sizes[k] / per));
    for (let c = 0; c + 1 < cuts.length; c++) tasks.push({ file: k, path, encoding: encodings[k], start: cuts[c], end: cuts[c + 1], keys });
  }
  return { tasks, keys, sample };
}

/** What {@link readPreparedPooled} gives: the records' normalised columns instead of the records. */
export type PreparedInputs = Omit<Inputs, 'records'> & {
  prepared: Prepared;
  /** Milliseconds: reading and normalising on the workers, then the token tables on this thread. */
  timings: { read: number; normalise: number };
};

export interface ReadPrepareOptions extends ReadPoolOptions {
  /** Keep each record's input index in the columns (link mode). */
  link?: boolean;
  /** Records read and normalised so far (in record order), and the estimated total. */
  onProgress?: (done: number, total: number) => void;
}

/** What a worker returns for one range: its counts and error lines, and its records normalised. */
type ReadPrepareResult = Omit<RangeResult, 'columns'> & { part: NormalisedPart; threadId: number };

/**
 * Reads JSON Lines inputs and normalises their records on `threads` worker threads in one step:
 * each worker normalises the range it parsed, so the raw text never comes back to this thread
 * (and no record object is ever built here). With one thread the same ranges are read and
 * normalised here, one after the other. The columns, ids, input indexes and error rows are those
 * of {@link prepare} over {@link readInputs}. Null when the inputs are to be read whole (another
 * format, small or unreadable inputs: see {@link readInputsPooled}): read them with it and match
 * the records.
 *
 * @example
 *   const read = await readPreparedPooled(['structures.jsonl'], { config: defaultConfig(), threads: 2 });
 *   if (read) await matchPrepared(read.prepared, { threads: 2 });
 */
export async function readPreparedPooled(files: string[], options: ReadPrepareOptions): Promise<PreparedInputs | null> {
  const start = performance.now();
  const ranges = await rangeTasks(files, options, true);
  if (!ranges) return null;
  const { tasks, sample } = ranges;
  const plan = planPrepare(sample, options.config);
  if (options.threads <= 1) return readPreparedHere(files, tasks, plan, options, start);
  return withPool(options.pool, options.threads, async (workers) => {
    const pool = workers!;
    const running = tasks.map(({ file: _, ...t }) => {
      const r = pool.run<ReadPrepareResult>({ kind: 'read-prepare', ...t, plan });
      r.catch(() => undefined); // awaited in order below
      return r;
    });
    const { builder, results, merge } = partsMerger(plan, tasks, options.onProgress);
    for (let k = 0, group = 1; k < running.length; k += group) {
      // the last ones one by one: little is left to merge when the last range is read
      group = running.length - k > MERGE_GROUP + 2 * pool.threads ? MERGE_GROUP : 1;
      merge(await Promise.all(running.slice(k, k + group)));
    }
    const read = performance.now() - start;
    const { input, errors, files: stats } = inputsOf(files, tasks, results);
    // crowded points are found on the workers, a slice each, while this thread builds the token
    // tables (the columns are filled: sealing them takes views)
    const crowds = dropCrowdedPooled(pool, builder.seal());
    crowds.catch(() => undefined); // awaited below
    const prepared = builder.finish(options.link ? input : undefined);
    await crowds;
    return { prepared, input, errors, files: stats, timings: { read, normalise: performance.now() - start - read } };
  });
}

/**
 * {@link readPreparedPooled} on this thread: the workers' ranges read and normalised here one after
 * the other (each range's raw text dies with it; no record object is built), then merged as the
 * workers' parts are. The same result as on the workers, and as {@link prepare} over {@link readInputs}.
 */
function readPreparedHere(files: string[], tasks: (RangeTask & { file: number })[], plan: PreparePlan, options: ReadPrepareOptions, start: number): PreparedInputs {
  const { builder, results, merge } = partsMerger(plan, tasks, options.onProgress);
  for (const { file: _, ...task } of tasks) merge([readPrepareRange(task, plan)]);
  const read = performance.now() - start;
  const { input, errors, files: stats } = inputsOf(files, tasks, results);
  for (const job of builder.seal()) dropCrowded(job.lat, job.lon, job.km, job.records);
  const prepared = builder.finish(options.link ? input : undefined);
  return { prepared, input, errors, files: stats, timings: { read, normalise: performance.now() - start - read } };
}

/**
 * Merges the ranges' normalised parts, in order, into one {@link PartsBuilder}: its columns sized
 * from the first part, the ranges' counts and error lines kept, progress reported after each merge.
 */
function partsMerger(plan: PreparePlan, tasks: readonly RangeTask[], onProgress?: (done: number, total: number) => void) {
  const totalBytes = tasks.reduce((s, t) => s + t.end - t.start, 0);
  const builder = partsBuilder(plan);
  const results: Omit<RangeResult, 'columns'>[] = [];
  let bytes = 0;
  const merge = (done: readonly (Omit<RangeResult, 'columns'> & { part: NormalisedPart })[]): void => {
    if (!done.length) return;
    // the columns sized once, from the first range's records per byte (5 % spare; more still fit)
    if (!results.length) builder.reserve(Math.ceil((1.05 * done[0].part.rows * totalBytes) / Math.max(1, tasks[0].end - tasks[0].start)));
    builder.appendAll(done.map((d) => d.part));
    for (const { part: _, ...rest } of done) {
      const task = tasks[results.length];
      bytes += task.end - task.start;
      results.push(rest);
    }
    onProgress?.(builder.n, Math.max(builder.n, Math.round((builder.n * totalBytes) / Math.max(1, bytes))));
  };
  return { builder, results, merge };
}

/** Rows, input indexes and error rows from the ranges' results, in file and line order. */
function assemble(files: string[], tasks: (RangeTask & { file: number })[], results: RangeResult[], keys: string[]): PooledInputs {
  return { records: JoinedRecords.concat(keys, results), ...inputsOf(files, tasks, results) };
}

/** Input indexes, error rows and per-file counts from the ranges' results, in file and line order. */
function inputsOf(files: string[], tasks: (RangeTask & { file: number })[], results: Omit<RangeResult, 'columns'>[]): Omit<Inputs, 'records'> {
  const total = results.reduce((s, r) => s + r.rows, 0);
  const input = new Int32Array(total);
  const errors: ErrorRow[] = [];
  const stats = files.map((file) => ({ file, rows: 0, errors: 0 }));
  let p = 0, line = 0, file = -1;
  results.forEach((r, t) => {
    const task = tasks[t];
    if (task.file !== file) { file = task.file; line = 0; }
    input.fill(task.file, p, p + r.rows);
    p += r.rows;
    for (const b of r.bad) {
      // the error row as the sequential reader writes it, with the line's number in the file
      const ev = jsonLine(lineDecoder(task.encoding, line + b.at)(Buffer.from(b.bytes)), task.path, task.encoding, '');
      if (ev?.kind === 'error') errors.push(ev.error);
    }
    stats[task.file].rows += r.rows;
    stats[task.file].errors += r.bad.length;
    line += r.lines;
  });
  return { input, errors, files: stats };
}
