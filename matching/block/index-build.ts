/**
 * Blocking indexes: for each rule, the blocks (records sharing a key) and, per record, the keys
 * it holds — both as CSR typed arrays in shared memory. Keys shared by more records than the
 * rule's maximum block size are skipped and reported, never enumerated.
 */
import KDBush from 'kdbush';
import type { BlockingRule, MatchConfig } from '../config/types.js';
import type { Columns, StringColumn, KeyColumn } from '../columns.js';
import { sharedFloat64, sharedInt32 } from '../buffers.js';

export interface KeyRuleIndex {
  kind: 'key';
  name: string;
  /** Active blocks: members of block b are members[blockOff[b] .. blockOff[b+1]) (ascending). */
  blockOff: Int32Array;
  members: Int32Array;
  /** Active keys of record i: keys[recOff[i] .. recOff[i+1]) (ascending block ids). */
  recOff: Int32Array;
  keys: Int32Array;
}

export interface SpatialRuleIndex {
  kind: 'spatial';
  name: string;
  /** The point field. */
  near: string;
  km: number;
  maxBlockSize: number;
  /**
   * KDBush over projected km coordinates, in shared memory. Its items are the points in the
   * order of the tree itself (item s is record rec[s]), so the neighbours a query finds lie close
   * together in every array below, not scattered over the records' columns (at 1 M records most
   * of the rule's time was waiting for those columns).
   */
  kd: ArrayBufferLike;
  /** Record of each item, and its projected coordinates. */
  rec: Int32Array;
  x: Float64Array;
  y: Float64Array;
  /** Latitude and longitude of each item (the point field's, for the distance). */
  lat: Float64Array;
  lon: Float64Array;
  /** The items in record order: item byRecord[k] is the k-th point-holding record (tasks are ranges of k). */
  byRecord: Int32Array;
  /** Rarest tokens of each value of the token field (or empty when no token field). */
  token?: { field: string; off: Int32Array; ids: Int32Array };
  /** The same tokens by item: those of record rec[s]'s value are ids[off[s] .. off[s + 1]) (none without a value). */
  itemTokens?: { off: Int32Array; ids: Int32Array };
}

export type RuleIndex = KeyRuleIndex | SpatialRuleIndex;

export interface RuleReport {
  name: string;
  blocks: number;
  /** Pairs the rule's blocks hold (before de-duplication across rules). */
  candidatePairs: number;
  skippedKeys: number;
  skippedRecords: number;
  largestSkipped: { key: string; size: number }[];
}

/** The `k` rarest tokens (lowest document frequency) of every value of a text field, CSR. */
export function rarestTokens(col: StringColumn, k: number): { off: Int32Array; ids: Int32Array } {
  const nv = col.tokOff.length - 1;
  // sized first, then filled: arrays grown by pushes were most of the blocking stage's page faults
  const off = sharedInt32(nv + 1);
  for (let v = 0; v < nv; v++) off[v + 1] = off[v] + Math.min(k, col.tokOff[v + 1] - col.tokOff[v]);
  const ids = sharedInt32(off[nv]);
  const buf: number[] = [];
  for (let v = 0; v < nv; v++) {
    buf.length = 0;
    for (let q = col.tokOff[v]; q < col.tokOff[v + 1]; q++) buf.push(col.tokIds[q]);
    buf.sort((a, b) => col.tokDf[a] - col.tokDf[b] || a - b);
    for (let q = 0, at = off[v]; at < off[v + 1]; q++, at++) ids[at] = buf[q];
  }
  return { off, ids };
}

/** A skipped key as numbers (the base key and, for a token rule, the token id; -1 when none). */
export interface SkippedKey {
  base: number;
  token: number;
  size: number;
}

/**
 * The readable labels of skipped keys ("75056 × missionlocale"): the values of the rule's field
 * (held by the main thread) and the token strings.
 *
 * @example
 *   skippedLabels(columns, rule, prepared.values, built.skipped)
 */
export function skippedLabels(columns: Columns, rule: BlockingRule, values: Record<string, string[]>, keys: readonly SkippedKey[]): { key: string; size: number }[] {
  const on = rule.on ?? [];
  const describe = (b: number) => {
    if (on.length === 0) return '*';
    if (on.length === 1) return values[on[0]]?.[b] ?? String(b);
    return `#${b}`;
  };
  return keys.map(({ base, token, size }) => {
    if (!rule.token || token < 0) return { key: describe(base), size };
    const tcol = columns.fields[rule.token] as StringColumn;
    return { key: `${describe(base)} × ${String.fromCharCode(...tcol.tokChars.subarray(tcol.tokOffsets[token], tcol.tokOffsets[token + 1]))}`, size };
  });
}

/**
 * Builds the index of one blocking rule (on the main thread or a worker: everything it reads and
 * writes is shared memory). Without `values`, the report's skipped keys are left unlabelled
 * (`largestSkipped` empty) and `skipped` gives them as numbers for {@link skippedLabels}.
 *
 * @example
 *   const { index, report } = buildRule(columns, config.blocking[0], config, values);
 */
export function buildRule(
  columns: Columns,
  rule: BlockingRule,
  config: MatchConfig,
  values?: Record<string, string[]>,
): { index: RuleIndex; report: RuleReport; skipped: SkippedKey[] } {
  const maxSize = rule.maxBlockSize ?? config.maxBlockSize;
  if (rule.near) return buildSpatial(columns, rule, maxSize);
  const n = columns.n;
  const on = (rule.on ?? []).map((f) => columns.fields[f] as KeyColumn | StringColumn);
  // 1. base key per record (interned combination of the `on` fields), -1 when any is missing
  let base: Int32Array;
  if (on.length === 0) base = new Int32Array(n);
  else if (on.length === 1) base = on[0].ids;
  else {
    base = new Int32Array(n);
    const map = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      let key = '';
      let ok = true;
      for (const c of on) {
        const v = c.ids[i];
        if (v < 0) { ok = false; break; }
        key += v + ',';
      }
      if (!ok) { base[i] = -1; continue; }
      let k = map.get(key);
      if (k === undefined) { k = map.size; map.set(key, k); }
      base[i] = k;
    }
  }
  // 2. keys per record: the base key, or (base, token) for each of the record's rarest tokens
  const recKeysOff = new Int32Array(n + 1);
  let keyList: Int32Array;
  const pairKey = new Map<number, number>();
  const keyParts: number[] = [];
  if (rule.token) {
    const tcol = columns.fields[rule.token] as StringColumn;
    const rt = rarestTokens(tcol, rule.rarest ?? 2);
    const ntok = tcol.tokDf.length + 1;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const b = base[i], v = tcol.ids[i];
      if (b >= 0 && v >= 0) total += rt.off[v + 1] - rt.off[v];
    }
    keyList = new Int32Array(total);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const b = base[i], v = tcol.ids[i];
      if (b >= 0 && v >= 0) {
        for (let q = rt.off[v]; q < rt.off[v + 1]; q++) {
          const code = b * ntok + rt.ids[q];
          let k = pairKey.get(code);
          if (k === undefined) { k = pairKey.size; pairKey.set(code, k); keyParts.push(b, rt.ids[q]); }
          keyList[m++] = k;
        }
      }
      recKeysOff[i + 1] = m;
    }
  } else {
    let m = 0;
    for (let i = 0; i < n; i++) { if (base[i] >= 0) m++; recKeysOff[i + 1] = m; }
    keyList = new Int32Array(m);
    m = 0;
    for (let i = 0; i < n; i++) if (base[i] >= 0) keyList[m++] = base[i];
  }
  const nKeys = rule.token ? pairKey.size : (keyList.length ? Math.max(...sampleMax(keyList)) + 1 : 0);
  // 3. block sizes, active keys (2..maxSize), skipped keys
  const size = new Int32Array(nKeys);
  for (let q = 0; q < keyList.length; q++) size[keyList[q]]++;
  const blockOf = new Int32Array(nKeys).fill(-1);
  let nBlocks = 0, candidatePairs = 0, skippedKeys = 0, skippedRecords = 0;
  const skipped: { key: number; size: number }[] = [];
  for (let k = 0; k < nKeys; k++) {
    const s = size[k];
    if (s < 2) continue;
    if (s > maxSize) { skippedKeys++; skippedRecords += s; skipped.push({ key: k, size: s }); continue; }
    blockOf[k] = nBlocks++;
    candidatePairs += (s * (s - 1)) / 2;
  }
  const blockOff = sharedInt32(nBlocks + 1);
  for (let k = 0; k < nKeys; k++) if (blockOf[k] >= 0) blockOff[blockOf[k] + 1] = size[k];
  for (let b = 0; b < nBlocks; b++) blockOff[b + 1] += blockOff[b];
  const members = sharedInt32(blockOff[nBlocks]);
  const fill = new Int32Array(nBlocks);
  const recOff = sharedInt32(n + 1);
  let activeCount = 0;
  for (let i = 0; i < n; i++) {
    for (let q = recKeysOff[i]; q < recKeysOff[i + 1]; q++) if (blockOf[keyList[q]] >= 0) activeCount++;
    recOff[i + 1] = activeCount;
  }
  const keys = sharedInt32(activeCount);
  for (let i = 0; i < n; i++) {
    let p = recOff[i];
    for (let q = recKeysOff[i]; q < recKeysOff[i + 1]; q++) {
      const b = blockOf[keyList[q]];
      if (b < 0) continue;
      keys[p++] = b;
      members[blockOff[b] + fill[b]++] = i; // i ascending: members sorted
    }
    keys.subarray(recOff[i], p).sort();
  }
  skipped.sort((a, b) => b.size - a.size);
  const largest: SkippedKey[] = skipped.slice(0, 5).map((s) =>
    rule.token ? { base: keyParts[2 * s.key], token: keyParts[2 * s.key + 1], size: s.size } : { base: s.key, token: -1, size: s.size });
  return {
    index: { kind: 'key', name: rule.name, blockOff, members, recOff, keys },
    report: {
      name: rule.name, blocks: nBlocks, candidatePairs, skippedKeys, skippedRecords,
      largestSkipped: values ? skippedLabels(columns, rule, values, largest) : [],
    },
    skipped: largest,
  };
}

function sampleMax(a: Int32Array): number[] {
  let m = -1;
  for (let i = 0; i < a.length; i++) if (a[i] > m) m = a[i];
  return [m];
}

function buildSpatial(columns: Columns, rule: BlockingRule, maxSize: number): { index: SpatialRuleIndex; report: RuleReport; skipped: SkippedKey[] } {
  const col = columns.fields[rule.near!];
  if (col.kind !== 'point') throw new Error(`blocking rule ${rule.name}: ${rule.near} is not a point field`);
  const recs: number[] = [];
  for (let i = 0; i < columns.n; i++) if (col.lat[i] === col.lat[i]) recs.push(i);
  const P = recs.length;
  const px = new Float64Array(P), py = new Float64Array(P);
  // the tree's own order: a first tree over the points in record order sorts them
  const first = new KDBush(Math.max(1, P), 64, Float64Array);
  for (let k = 0; k < P; k++) {
    const i = recs[k];
    px[k] = col.lon[i] * Math.cos((col.lat[i] * Math.PI) / 180) * 111.32;
    py[k] = col.lat[i] * 110.574;
    first.add(px[k], py[k]);
  }
  if (!P) first.add(0, 0);
  first.finish();
  // items in that order, in shared memory; the tree built again over them keeps it (near enough)
  const rec = sharedInt32(P), byRecord = sharedInt32(P);
  const x = sharedFloat64(P), y = sharedFloat64(P), lat = sharedFloat64(P), lon = sharedFloat64(P);
  const kd = new KDBush(Math.max(1, P), 64, Float64Array, SharedArrayBuffer);
  for (let s = 0; s < P; s++) {
    const k = first.ids[s];
    const i = recs[k];
    rec[s] = i;
    byRecord[k] = s;
    x[s] = px[k];
    y[s] = py[k];
    lat[s] = col.lat[i];
    lon[s] = col.lon[i];
    kd.add(x[s], y[s]);
  }
  if (!P) kd.add(0, 0);
  kd.finish();
  let token: SpatialRuleIndex['token'];
  let itemTokens: SpatialRuleIndex['itemTokens'];
  if (rule.token) {
    const tcol = columns.fields[rule.token] as StringColumn;
    token = { field: rule.token, ...rarestTokens(tcol, rule.rarest ?? 3) };
    const off = sharedInt32(P + 1);
    for (let s = 0; s < P; s++) {
      const v = tcol.ids[rec[s]];
      off[s + 1] = off[s] + (v >= 0 ? token.off[v + 1] - token.off[v] : 0);
    }
    const ids = sharedInt32(off[P]);
    for (let s = 0; s < P; s++) {
      const v = tcol.ids[rec[s]];
      if (v >= 0) ids.set(token.ids.subarray(token.off[v], token.off[v + 1]), off[s]);
    }
    itemTokens = { off, ids };
  }
  return {
    index: {
      kind: 'spatial', name: rule.name, near: rule.near!, km: rule.km!, maxBlockSize: maxSize, kd: kd.data,
      rec, x, y, lat, lon, byRecord, token, itemTokens,
    },
    report: { name: rule.name, blocks: P, candidatePairs: 0, skippedKeys: 0, skippedRecords: 0, largestSkipped: [] },
    skipped: [],
  };
}
