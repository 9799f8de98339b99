/**
 * Pair generation: a task is a range of blocks of one rule (or a range of points of a spatial
 * rule). Each candidate pair is produced exactly once, by the first rule (in config order) that
 * covers it and, within a token rule, by the first block the two records share.
 */
import KDBush from 'kdbush';
import type { Columns, PointColumn, StringColumn } from '../columns.js';
import { levelOf, type Comparator } from '../compare/comparator.js';
import { haversineKm } from '../compare/similarity.js';
import type { KeyRuleIndex, RuleIndex, SpatialRuleIndex } from './index-build.js';
import { sharedInt32 } from '../buffers.js';

export interface Task {
  rule: number;
  from: number;
  to: number;
}

/** What a task returns: pairs (left < right), their comparison patterns, and guard counts. */
export interface TaskResult {
  rule: number;
  left: Int32Array;
  right: Int32Array;
  pattern: Int32Array;
  /**
   * Per comparison whose term frequency adjusts its level 1 (null for the others): each pair's
   * larger value frequency when at that level, else 0 ({@link Comparator.tf}).
   */
  tfMax: (Int32Array | null)[];
  /** Spatial neighbourhoods larger than the max block size, skipped. */
  skipped: number;
}

/** Splits every rule into tasks of roughly `targetPairs` candidate pairs. */
export function planTasks(rules: readonly RuleIndex[], targetPairs = 20_000, pointsPerTask = 4_000): Task[] {
  const tasks: Task[] = [];
  rules.forEach((r, rule) => {
    if (r.kind === 'spatial') {
      const n = r.rec.length;
      for (let a = 0; a < n; a += pointsPerTask) tasks.push({ rule, from: a, to: Math.min(n, a + pointsPerTask) });
      return;
    }
    const nb = r.blockOff.length - 1;
    let start = 0, acc = 0;
    for (let b = 0; b < nb; b++) {
      const s = r.blockOff[b + 1] - r.blockOff[b];
      acc += (s * (s - 1)) / 2;
      if (acc >= targetPairs) {
        tasks.push({ rule, from: start, to: b + 1 });
        start = b + 1;
        acc = 0;
      }
    }
    if (start < nb) tasks.push({ rule, from: start, to: nb });
  });
  return tasks;
}

/** Whether item `o` holds one of the tokens ids[t0 .. t1) (the tokens of the item being searched from). */
function sharesAny(t: { off: Int32Array; ids: Int32Array }, t0: number, t1: number, o: number): boolean {
  const b0 = t.off[o], b1 = t.off[o + 1];
  for (let a = t0; a < t1; a++) for (let b = b0; b < b1; b++) if (t.ids[a] === t.ids[b]) return true;
  return false;
}

/**
 * Every key rule's keys of each record side by side: the keys of record i for the key rule of
 * slot q (key rules numbered in config order) are keys[off[i·R + q] .. off[i·R + q + 1]),
 * ascending, R the number of key rules. Testing whether two records share a key of any earlier rule
 * then reads one or two cache lines per record, not two per rule (at 1 M records, waiting for
 * those reads was a fifth of the comparisons' time).
 */
export interface KeyTable {
  rules: number;
  off: Int32Array;
  keys: Int32Array;
}

const keyRulesOf = (rules: readonly RuleIndex[]): KeyRuleIndex[] => rules.filter((r): r is KeyRuleIndex => r.kind === 'key');

/**
 * An empty {@link KeyTable} for `n` records (shared memory), to fill with {@link fillKeyTable}
 * (slices of records on several threads at once).
 *
 * @example
 *   const table = keyTableFor(rules, n);
 *   fillKeyTable(rules, table, 0, n);
 */
export function keyTableFor(rules: readonly RuleIndex[], n: number): KeyTable {
  const key = keyRulesOf(rules);
  let total = 0;
  for (const r of key) total += r.recOff[n];
  return { rules: key.length, off: sharedInt32(n * key.length + 1), keys: sharedInt32(total) };
}

/** Fills the records `[from, to)` of a {@link keyTableFor} table. */
export function fillKeyTable(rules: readonly RuleIndex[], table: KeyTable, from: number, to: number): void {
  const key = keyRulesOf(rules);
  const R = key.length, { off, keys } = table;
  // the keys of the records before `from`, of every rule
  let m = 0;
  for (const r of key) m += r.recOff[from];
  for (let i = from; i < to; i++) {
    for (let q = 0; q < R; q++) {
      off[i * R + q] = m;
      const r = key[q];
      for (let a = r.recOff[i], e = r.recOff[i + 1]; a < e; a++) keys[m++] = r.keys[a];
    }
  }
  if (to * R < off.length) off[to * R] = m;
}

/** Data a pair generator needs (all shared memory). */
export interface EngineData {
  columns: Columns;
  rules: RuleIndex[];
  link: boolean;
  /** The rules' {@link KeyTable}, filled (built by the runner when absent). */
  keyTable?: KeyTable;
}

/**
 * Builds the task runner over shared data and a comparator. A task's result is views of arrays the
 * runner keeps: valid until its next task (pack it, see packResult, or copy it before).
 *
 * @example
 *   const run = createTaskRunner(data, comparator);
 *   for (const t of planTasks(data.rules)) packed.push(packResult(run(t), 0));
 */
export function createTaskRunner(data: EngineData, comparator: Comparator): (task: Task) => TaskResult {
  const { columns, rules, link } = data;
  const input = columns.input;
  const kds = rules.map((r) => (r.kind === 'spatial' ? KDBush.from(r.kd) : null));
  let table = data.keyTable;
  if (!table) {
    table = keyTableFor(rules, columns.n);
    fillKeyTable(rules, table, 0, columns.n);
  }
  const R = table.rules, off = table.off, keys = table.keys;
  // each rule's slot in the table (-1 for a spatial rule)
  const slot = new Int32Array(rules.length).fill(-1);
  for (let q = 0, k = 0; q < rules.length; q++) if (rules[q].kind === 'key') slot[q] = k++;
  /** The first key of the rule in slot `q` that records i and j share (ascending), or -1. */
  const firstCommon = (q: number, i: number, j: number): number => {
    let a = off[i * R + q], b = off[j * R + q];
    const ea = off[i * R + q + 1], eb = off[j * R + q + 1];
    while (a < ea && b < eb) {
      const x = keys[a], y = keys[b];
      if (x === y) return x;
      if (x < y) a++;
      else b++;
    }
    return -1;
  };
  const shareToken = (t: NonNullable<SpatialRuleIndex['token']>, i: number, j: number): boolean => {
    const ids = (columns.fields[t.field] as StringColumn).ids;
    const vi = ids[i], vj = ids[j];
    if (vi < 0 || vj < 0) return false;
    for (let a = t.off[vi]; a < t.off[vi + 1]; a++)
      for (let b = t.off[vj]; b < t.off[vj + 1]; b++) if (t.ids[a] === t.ids[b]) return true;
    return false;
  };
  const spatialHit = (r: SpatialRuleIndex, i: number, j: number): boolean => {
    const p = columns.fields[r.near] as PointColumn;
    if (p.lat[i] !== p.lat[i] || p.lat[j] !== p.lat[j]) return false;
    if (r.token && !shareToken(r.token, i, j)) return false;
    return haversineKm(p.lat[i], p.lon[i], p.lat[j], p.lon[j]) <= r.km;
  };
  const coveredBefore = (rule: number, i: number, j: number): boolean => {
    for (let q = 0; q < rule; q++) {
      const r = rules[q];
      if (r.kind === 'key' ? firstCommon(slot[q], i, j) >= 0 : spatialHit(r, i, j)) return true;
    }
    return false;
  };

  const { tf, stride, radix } = comparator;
  const tfComps = tf.flatMap((t, c) => (t ? [c] : []));

  // a task's pairs are written into arrays the runner keeps (grown by doubling), and its result is
  // views of them: JS arrays grown pair by pair, then copied, were a tenth of a run's page faults
  let cap = 0;
  let left = new Int32Array(0), right = new Int32Array(0), pattern = new Int32Array(0);
  let tfOut = tfComps.map(() => new Int32Array(0));
  const grow = () => {
    const size = Math.max(1 << 14, 2 * cap);
    const grown = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    left = grown(left);
    right = grown(right);
    pattern = grown(pattern);
    tfOut = tfOut.map(grown);
    cap = size;
  };

  return (task: Task): TaskResult => {
    const r = rules[task.rule];
    let n = 0;
    let skipped = 0;
    const emit = (i: number, j: number) => {
      if (n === cap) grow();
      left[n] = i;
      right[n] = j;
      const p = comparator.pattern(i, j);
      pattern[n] = p;
      // the records' values are at hand here, in the worker: scoring reads the frequency in pair order
      for (let q = 0; q < tfComps.length; q++) tfOut[q][n] = levelOf(p, stride, radix, tfComps[q]) === 1 ? tf[tfComps[q]]!.maxOf(i, j) : 0;
      n++;
    };
    if (r.kind === 'key') {
      const own = slot[task.rule];
      for (let b = task.from; b < task.to; b++) {
        const m0 = r.blockOff[b], m1 = r.blockOff[b + 1];
        for (let a = m0; a < m1; a++) {
          const i = r.members[a];
          for (let c = a + 1; c < m1; c++) {
            const j = r.members[c];
            if (link && input[i] === input[j]) continue;
            if (firstCommon(own, i, j) !== b) continue;
            if (task.rule > 0 && coveredBefore(task.rule, i, j)) continue;
            emit(i, j);
          }
        }
      }
    } else {
      const kd = kds[task.rule]!;
      const { rec, lat, lon, itemTokens } = r;
      const search = r.km * 1.05;
      // the points found, then the records that pass, in record order: the tests read the items'
      // own arrays (neighbours lie close together there), the records' columns only for the pairs kept
      const found: number[] = [];
      const hits: number[] = [];
      for (let k = task.from; k < task.to; k++) {
        const s = r.byRecord[k];
        const i = rec[s];
        const count = kd.withinInto(r.x[s], r.y[s], search, found);
        if (count - 1 > r.maxBlockSize) { skipped++; continue; }
        const t0 = itemTokens ? itemTokens.off[s] : 0, t1 = itemTokens ? itemTokens.off[s + 1] : 0;
        // no token to share: no pair (as spatialHit)
        if (itemTokens && t0 === t1) continue;
        const lati = lat[s], loni = lon[s];
        hits.length = 0;
        for (let q = 0; q < count; q++) {
          const o = found[q];
          const j = rec[o];
          if (j <= i) continue;
          if (itemTokens && !sharesAny(itemTokens, t0, t1, o)) continue;
          if (haversineKm(lati, loni, lat[o], lon[o]) > r.km) continue;
          hits.push(j);
        }
        if (hits.length > 1) hits.sort((a, b) => a - b);
        for (const j of hits) {
          if (link && input[i] === input[j]) continue;
          if (task.rule > 0 && coveredBefore(task.rule, i, j)) continue;
          emit(i, j);
        }
      }
    }
    const tfMax = tf.map((t) => null as Int32Array | null);
    tfComps.forEach((c, q) => { tfMax[c] = tfOut[q].subarray(0, n); });
    return { rule: task.rule, left: left.subarray(0, n), right: right.subarray(0, n), pattern: pattern.subarray(0, n), tfMax, skipped };
  };
}
