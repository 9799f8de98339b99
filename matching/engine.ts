/**
 * The shared pipeline up to scored-ready pairs: prepare columns, build blocking indexes, run the
 * pair-generation tasks (inline or on workers). Used by match, train and explain.
 */
import type { MatchConfig } from './config/types.js';
import { loadConfig, parseConfig } from './config/load.js';
import { countOf, prepare, type Prepared, type RecordSource } from './columns.js';
import { JoinedRecords } from './joined.js';
import { preparePooled } from './normalise-pool.js';
import { buildRule, skippedLabels, type RuleIndex, type RuleReport } from './block/index-build.js';
import { planTasks, type Task, type TaskResult } from './block/tasks.js';
import { copyGathered, type GatherPiece, type WorkerData } from './task-data.js';
import { createComparator, tfComparisons, type Comparator } from './compare/comparator.js';
import { IntNumbering } from './numbering.js';
import { sharedInt32 } from './buffers.js';
import { runTasks, estimateUPooled, defaultThreads, type Progress } from './pool.js';
import { EnginePool, withPool } from './engine-pool.js';

/**
 * Records as row objects, as columns (column name → array of values, all the same length), or as
 * joined text columns ({@link JoinedRecords}, what the JSON Lines reader's workers give).
 */
export type RecordsInput = readonly Record<string, unknown>[] | Readonly<Record<string, readonly unknown[]>> | JoinedRecords;

export interface EngineOptions {
  /** A config object, a path to a config JSON, or nothing for the data·inclusion default. */
  config?: MatchConfig | string | object;
  /** Worker threads for pair generation and comparison (default: available cores). */
  threads?: number;
  /** Input index per record: when given, only pairs across different inputs are made (link mode). */
  link?: ArrayLike<number>;
  /** Called as comparison tasks complete. */
  onProgress?: Progress;
  /** Called as each chunk of records normalised on the worker threads is merged (records done, records). */
  onNormaliseProgress?: Progress;
  /**
   * Worker threads to run every stage on, left open (see {@link EnginePool}); without it, a run
   * with 2 threads or more starts its own for its stages and stops it at the end.
   */
  pool?: EnginePool;
  /**
   * Also count u's levels over the seeded random pairs on the worker threads, behind the
   * comparisons (the result's `randomU`): set by match and train when they will estimate a model.
   */
  randomU?: boolean;
}

export interface Blocked {
  config: MatchConfig;
  prepared: Prepared;
  rules: RuleIndex[];
  reports: (RuleReport & { pairs: number; skippedNeighbourhoods: number })[];
  comparator: Comparator;
  left: Int32Array;
  right: Int32Array;
  pattern: Int32Array;
  /** Each pair's pattern as a number into `patterns`: the distinct patterns, in the order met. */
  patternId: Int32Array;
  patterns: Int32Array;
  /** How many pairs have each pattern: `histogram` by pattern number. */
  patternCounts: Float64Array;
  /** Pairs by pattern, in the order met. */
  histogram: Map<number, number>;
  /**
   * Per comparison whose term frequency adjusts its level 1, each pair's larger value frequency
   * when at that level, else 0 (recorded by the comparisons); null for the other comparisons.
   */
  tfMax: (Int32Array | null)[];
  /** u from the seeded random pairs, when counted on the worker threads ({@link EngineOptions.randomU}). */
  randomU?: number[][];
  threads: number;
  threadIds: number[];
  tasks: number;
  timings: Record<string, number>;
  /** The comparisons' {@link EnginePool.session} (their workers keep its comparator), when they ran on a pool. */
  session?: number;
}

/** Rows from column arrays. */
export function toRows(input: RecordsInput): readonly Record<string, unknown>[] {
  if (Array.isArray(input)) return input;
  if (input instanceof JoinedRecords) return input.rows();
  const cols = input as Readonly<Record<string, readonly unknown[]>>;
  const names = Object.keys(cols);
  const n = names.length ? cols[names[0]].length : 0;
  for (const c of names) if (cols[c].length !== n) throw new Error(`column "${c}" has ${cols[c].length} values, expected ${n}`);
  const rows = new Array<Record<string, unknown>>(n);
  for (let i = 0; i < n; i++) {
    const r: Record<string, unknown> = {};
    for (const c of names) r[c] = cols[c][i];
    rows[i] = r;
  }
  return rows;
}

/** Resolves the config option. */
export function resolveConfig(config: EngineOptions['config']): MatchConfig {
  if (config === undefined) return loadConfig();
  if (typeof config === 'string') return loadConfig(config);
  return parseConfig(config);
}

const now = () => performance.now();

/**
 * Everything before the comparisons: normalised columns, blocking indexes and the task list.
 * The same records and config always give the same tasks, so another process can rebuild a plan
 * and run a range of its tasks (the job runner's fan-out).
 */
export interface BlockingPlan {
  config: MatchConfig;
  prepared: Prepared;
  built: ReturnType<typeof buildRule>[];
  rules: RuleIndex[];
  tasks: Task[];
  threads: number;
  /** What the pair generator (inline or on workers) needs: shared columns, rules, config. */
  data: WorkerData;
  timings: Record<string, number>;
}

function checkedRows(records: RecordsInput, options: EngineOptions): RecordSource {
  // joined columns are normalised as they are: no row objects are built
  const rows = records instanceof JoinedRecords ? records : toRows(records);
  if (options.link && options.link.length !== countOf(rows))
    throw new Error(`link: ${options.link.length} input indexes for ${countOf(rows)} records`);
  return rows;
}

const threadsOf = (options: EngineOptions): number => Math.max(1, Math.floor(options.threads ?? defaultThreads()));

/**
 * Below this many records the blocking indexes are built on this thread when no pool is running
 * (starting workers for them costs more); with a running pool they are built on its workers.
 */
export const RULES_POOL_MIN_RECORDS = 200_000;

/**
 * Every rule's index, built on worker threads (one rule per task, over the shared columns) when a
 * pool is given or the input is large, on this thread otherwise: the same indexes either way.
 */
export async function buildRules(
  config: MatchConfig, prepared: Prepared, threads: number, minRecords = RULES_POOL_MIN_RECORDS, pool?: EnginePool,
): Promise<ReturnType<typeof buildRule>[]> {
  if (threads <= 1 || config.blocking.length < 2 || (!pool && prepared.columns.n < minRecords))
    return config.blocking.map((r) => buildRule(prepared.columns, r, config, prepared.values));
  return withPool(pool, threads, async (workers) => {
    const built = await Promise.all(config.blocking.map((rule) =>
      workers!.run<ReturnType<typeof buildRule>>({ kind: 'rule', columns: prepared.columns, rule, config })));
    built.forEach((b, k) => { b.report.largestSkipped = skippedLabels(prepared.columns, config.blocking[k], prepared.values, b.skipped); });
    return built;
  });
}

/** The blocking indexes and task list over prepared columns (normalised since `start`). */
function planFrom(config: MatchConfig, prepared: Prepared, options: EngineOptions, start: number, built?: ReturnType<typeof buildRule>[], blockIndexMs?: number): BlockingPlan {
  const timings: Record<string, number> = { normalise: now() - start - (blockIndexMs ?? 0) };
  const t = now();
  built ??= config.blocking.map((r) => buildRule(prepared.columns, r, config, prepared.values));
  const rules = built.map((b) => b.index);
  timings.blockIndex = blockIndexMs ?? now() - t;
  const tasks = planTasks(rules);
  const data: WorkerData = { columns: prepared.columns, rules, link: !!options.link, config };
  return { config, prepared, built, rules, tasks, threads: threadsOf(options), data, timings };
}

/**
 * Normalises and builds the blocking indexes; plans the pair-generation tasks without running them.
 * Normalisation runs on this thread (see {@link planBlockingAsync}).
 *
 * @example
 *   const plan = planBlocking(records, { threads: 1 });
 *   const { results, threadIds } = await runTasks(plan.data, plan.tasks, plan.threads);
 *   const b = gatherBlocked(plan, results, threadIds); // what block() returns
 */
export function planBlocking(records: RecordsInput, options: EngineOptions = {}): BlockingPlan {
  const t = now();
  const config = resolveConfig(options.config);
  const rows = checkedRows(records, options);
  return planFrom(config, prepare(rows, config, options.link), options, t);
}

/**
 * {@link planBlocking} with normalisation on `options.threads` worker threads: the same plan.
 *
 * @example
 *   const plan = await planBlockingAsync(records, { threads: 2 });
 *   plan.timings.normalise // ms
 */
export async function planBlockingAsync(records: RecordsInput, options: EngineOptions = {}): Promise<BlockingPlan> {
  const t = now();
  const config = resolveConfig(options.config);
  const rows = checkedRows(records, options);
  const onChunk = options.onNormaliseProgress && ((c: { start: number; count: number }) => options.onNormaliseProgress!(c.start + c.count, countOf(rows)));
  const prepared = await preparePooled(rows, config, options.link, threadsOf(options), { onChunk, pool: options.pool });
  const tb = now();
  const built = await buildRules(config, prepared, threadsOf(options), RULES_POOL_MIN_RECORDS, options.pool);
  return planFrom(config, prepared, options, t, built, now() - tb);
}

/**
 * Task results joined into the candidate pairs, in task order, one result at a time: a run adds
 * each as it arrives, so the main thread numbers the pairs' patterns while the workers still
 * compare. Only that: a result is kept as it came, and {@link PairGatherer.done} copies them all
 * into arrays of the exact size at the end. (Copying into arrays that grow as results come was
 * tried: at 1 M records the main thread's copies, and the collections their memory set off,
 * stalled it for 50–150 ms at a time, and the workers, two tasks queued each, waited for their
 * next task: the comparisons took 1–2 s longer.)
 *
 * @example
 *   const g = new PairGatherer(plan.config, plan.rules.length);
 *   for (const r of results) g.add(r);
 *   const pairs = g.done();
 */
export class PairGatherer {
  private size = 0;
  private readonly results: TaskResult[] = [];
  private readonly patternIds: Int32Array[] = [];
  private readonly adjusted: boolean[];
  private readonly numbering = new IntNumbering();
  readonly perRule: number[];
  readonly skipped: number[];

  /** `shared`: the pairs go into shared memory (the passes after the comparisons then read them on the worker threads). */
  constructor(private readonly config: MatchConfig, rules: number, private readonly shared = false) {
    this.adjusted = tfComparisons(config);
    this.perRule = new Array<number>(rules).fill(0);
    this.skipped = new Array<number>(rules).fill(0);
  }

  /** Appends one task's pairs (results must come in task order). */
  add(r: TaskResult): void {
    const n = r.left.length;
    this.adjusted.forEach((tf, c) => {
      if (tf && !r.tfMax[c]) throw new Error(`a task result of rule ${r.rule} lacks the term frequencies of comparison "${this.config.comparisons[c].name}" (made with another config?)`);
    });
    // (in shared memory when the results come from workers: ArrayBuffers would count against
    // this thread's heap and set off its full collections, see packResult)
    const patternId = this.shared ? sharedInt32(n) : new Int32Array(n);
    for (let k = 0; k < n; k++) patternId[k] = this.numbering.id(r.pattern[k]);
    this.results.push(r);
    this.patternIds.push(patternId);
    this.size += n;
    this.perRule[r.rule] += n;
    this.skipped[r.rule] += r.skipped;
  }

  /** The pairs added, in order, and their distinct patterns in the order met, with their counts. */
  done(): GatheredPairs {
    const out = this.allocate();
    copyGathered(this.pieces(0, this.results.length), out);
    return out;
  }

  /**
   * {@link done}, the copies made on `pool`'s workers, each its share of the results (pairs in
   * shared memory only: the results and the arrays they go into are then shared by every thread).
   * At 1 M records the copies, and the page faults of 0.25 GB of new arrays, were the main
   * thread's 0.7 s between the comparisons and training.
   */
  async doneOn(pool: EnginePool): Promise<GatheredPairs> {
    if (!this.shared || this.results.length < 2) return this.done();
    const out = this.allocate();
    const shares = Math.min(pool.threads, this.results.length);
    const at = this.offsets();
    const tasks: Promise<unknown>[] = [];
    for (let s = 0, from = 0; s < shares; s++) {
      // contiguous runs of results of about as many pairs each
      let to = from;
      const until = (this.size * (s + 1)) / shares;
      while (to < this.results.length && (s === shares - 1 || at[to] < until)) to++;
      if (to > from) tasks.push(pool.run({ kind: 'gather', pieces: this.pieces(from, to, at), out: { left: out.left, right: out.right, pattern: out.pattern, patternId: out.patternId, tfMax: out.tfMax } }));
      from = to;
    }
    await Promise.all(tasks);
    return out;
  }

  /** Where each result's pairs go: the pairs before it (the results' offsets, in order). */
  private offsets(): number[] {
    const at: number[] = [];
    let p = 0;
    for (const r of this.results) { at.push(p); p += r.left.length; }
    return at;
  }

  private pieces(from: number, to: number, at = this.offsets()): GatherPiece[] {
    const out: GatherPiece[] = [];
    for (let t = from; t < to; t++) {
      const r = this.results[t];
      out.push({ at: at[t], left: r.left, right: r.right, pattern: r.pattern, patternId: this.patternIds[t], tfMax: r.tfMax });
    }
    return out;
  }

  private allocate(): GatheredPairs {
    const n = this.size;
    const array = this.shared ? sharedInt32 : (size: number) => new Int32Array(size);
    const left = array(n), right = array(n), pattern = array(n), patternId = array(n);
    const tfMax = this.adjusted.map((tf) => (tf ? array(n) : null));
    return { left, right, pattern, patternId, patterns: this.numbering.keys(), patternCounts: this.numbering.counts(), tfMax };
  }
}

/** The candidate pairs a {@link PairGatherer} joins. */
export type GatheredPairs = Pick<Blocked, 'left' | 'right' | 'pattern' | 'patternId' | 'patterns' | 'patternCounts' | 'tfMax'>;

/**
 * Joins task results (in task order) into the candidate pairs of a plan, as {@link block} returns
 * them; or finishes a {@link PairGatherer} the results were added to as they came, with the
 * comparator already built for the plan, when given.
 *
 * @example
 *   const b = gatherBlocked(plan, results, [0]);
 */
export function gatherBlocked(
  plan: BlockingPlan, results: readonly TaskResult[], threadIds: number[], gathered?: PairGatherer, comparator?: Comparator,
  joined?: { pairs: GatheredPairs; start: number },
): Blocked {
  const { config, prepared, built, rules, timings } = plan;
  const t = joined?.start ?? now();
  let gatherer = gathered;
  if (!gatherer) {
    gatherer = new PairGatherer(config, rules.length);
    for (const r of results) gatherer.add(r);
  }
  const pairs = joined?.pairs ?? gatherer.done();
  const histogram = new Map<number, number>();
  for (let q = 0; q < pairs.patterns.length; q++) histogram.set(pairs.patterns[q], pairs.patternCounts[q]);
  const cmp = comparator ?? createComparator(prepared.columns, config);
  timings.gather = now() - t;
  return {
    config, prepared, rules,
    reports: built.map((b, k) => ({ ...b.report, pairs: gatherer.perRule[k], skippedNeighbourhoods: gatherer.skipped[k] })),
    comparator: cmp,
    ...pairs, histogram, threads: plan.threads, threadIds, tasks: plan.tasks.length, timings,
  };
}

/**
 * Normalises, blocks and compares: every candidate pair once, with its comparison pattern.
 *
 * @example
 *   const b = await block(records, { threads: 2 });
 *   b.left.length // candidate pairs
 */
export async function block(records: RecordsInput, options: EngineOptions = {}): Promise<Blocked> {
  return withPool(options.pool, threadsOf(options), async (pool) => {
    const opts = { ...options, pool };
    return runPlan(await planBlockingAsync(records, opts), opts);
  });
}

/**
 * {@link block} over records already normalised (by {@link readPreparedPooled}, which reads and
 * normalises on the worker threads), `normaliseMs` reported as the normalisation's time.
 *
 * @example
 *   const read = await readPreparedPooled(['structures.jsonl'], { config, threads: 2 });
 *   const b = await blockPrepared(read.prepared, { config, threads: 2 });
 */
export async function blockPrepared(prepared: Prepared, options: EngineOptions = {}, normaliseMs = 0): Promise<Blocked> {
  const config = resolveConfig(options.config);
  if (options.link && options.link.length !== prepared.columns.n)
    throw new Error(`link: ${options.link.length} input indexes for ${prepared.columns.n} records`);
  return withPool(options.pool, threadsOf(options), async (pool) => {
    const t = now();
    const built = await buildRules(config, prepared, threadsOf(options), RULES_POOL_MIN_RECORDS, pool);
    return runPlan(planFrom(config, prepared, options, t - normaliseMs, built, now() - t), { ...options, pool });
  });
}

/**
 * Runs a plan's comparisons (on `options.pool` when given) and, with `options.randomU`, u's
 * random pairs behind them on the same workers.
 */
async function runPlan(plan: BlockingPlan, options: EngineOptions): Promise<Blocked> {
  const t = now();
  const session = EnginePool.session();
  const pooled = plan.threads > 1 && plan.tasks.length > 1 ? options.pool : undefined;
  // with workers, their results' patterns are numbered as they come, in task order, on this
  // thread while they compare (a little work per result: it must stay free to hand them tasks)
  const gatherer = pooled ? new PairGatherer(plan.config, plan.rules.length, true) : undefined;
  // one comparator for the run: inline, the tasks run on it (it compiles its levels then); with
  // workers, this thread only reads its radix, strides and term frequencies
  const comparator = createComparator(plan.prepared.columns, plan.config);
  const compared = runTasks(plan.data, plan.tasks, plan.threads, options.onProgress, pooled, session, { comparator, inOrder: gatherer && ((r) => gatherer.add(r)) });
  const u = pooled && options.randomU && plan.config.training.u !== 'blocked' ? estimateUPooled(pooled, plan.data, session) : undefined;
  u?.catch(() => undefined); // awaited below
  const { results, threadIds } = await compared;
  plan.timings.compare = now() - t;
  const randomU = await u;
  if (u) plan.timings.randomU = now() - t - plan.timings.compare;
  // the results' copies into the joined arrays on the workers
  const start = now();
  const joined = gatherer && pooled ? { pairs: await gatherer.doneOn(pooled), start } : undefined;
  return { ...gatherBlocked(plan, results, threadIds, gatherer, comparator, joined), ...(randomU ? { randomU } : {}), ...(pooled ? { session } : {}) };
}
