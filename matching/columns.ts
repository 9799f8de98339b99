/**
 * Normalisation of input records into column-oriented, interned, shared typed arrays: the only
 * form of the data the blocking, comparison and scoring stages (and the workers) ever see.
 */
import type { FieldSpec, MatchConfig } from './config/types.js';
import { STRING_TYPES } from './config/types.js';
import {
  asText, fold, normaliseName, normaliseAddress, houseNumber, normalisePhone, normaliseSiret, sirenOf,
  normaliseEmail, registrableDomain, normaliseInsee, normalisePostcode, checkCoordinates, kindOfName, audienceOfName,
} from './normalise/index.js';
import { packStrings, sharedFloat64, sharedInt32, toSharedInt32 } from './buffers.js';
import { splitStrings, type ChunkMessage, type JoinedStrings } from './task-data.js';
import { JoinedRecords } from './joined.js';
import { StringNumbering } from './numbering.js';
import KDBush from 'kdbush';

/** Records as normalisation reads them: objects, or columns of joined text (the JSON Lines reader's). */
export type RecordSource = readonly Record<string, unknown>[] | JoinedRecords;

/** Number of records of a source. */
export const countOf = (records: RecordSource): number => (records instanceof JoinedRecords ? records.n : records.length);

/** The first records of a source as objects (to resolve the config's column names). */
const sampleOf = (records: RecordSource, k = 200): readonly Record<string, unknown>[] =>
  records instanceof JoinedRecords ? records.rows(0, Math.min(k, records.n)) : records;

/** An exact-valued field: one interned id per record (-1 = missing). */
export interface KeyColumn {
  kind: 'key';
  ids: Int32Array;
  /** Records holding each value id. */
  freq: Int32Array;
}

/** A text field: interned values, their tokens (with rarity weights) and house numbers. */
export interface StringColumn {
  kind: 'string';
  ids: Int32Array;
  freq: Int32Array;
  chars: Uint16Array;
  offsets: Int32Array;
  /** Tokens of value v: tokIds[tokOff[v] .. tokOff[v+1]) (distinct). */
  tokOff: Int32Array;
  tokIds: Int32Array;
  /** Records containing each token. */
  tokDf: Int32Array;
  /** ln(n / df) per token. */
  tokWeight: Float64Array;
  /** House number (interned) per value, -1 when none. */
  number: Int32Array;
  /** The token strings, packed. */
  tokChars: Uint16Array;
  tokOffsets: Int32Array;
}

export interface PointColumn {
  kind: 'point';
  lat: Float64Array;
  lon: Float64Array;
}

export type FieldColumn = KeyColumn | StringColumn | PointColumn;

/** Everything workers need, all in shared memory. */
export interface Columns {
  n: number;
  /** Input (file) index per record, for link mode. */
  input: Int32Array;
  fields: Record<string, FieldColumn>;
}

/** Main-thread companions of {@link Columns}: ids and readable normalised values. */
export interface Prepared {
  columns: Columns;
  ids: string[];
  values: Record<string, string[]>;
  /** Records whose id was missing (given a generated id). */
  missingIds: number[];
}

/**
 * The tokens (and, for addresses, house numbers) of a string field's distinct values, in value
 * order: extended as values are interned, so the main thread tokenises each part's new values
 * while the workers still read, and the token ids are those of one pass over the final values.
 */
class ValueTokens {
  readonly tokens = new StringNumbering();
  readonly off: number[] = [0];
  readonly list: number[] = [];
  readonly numbers = new StringNumbering();
  readonly number: number[] = [];
  constructor(readonly address: boolean) {}
  /** Tokenises the values not seen yet (those after the last call). */
  extend(values: readonly string[]): void {
    for (let v = this.number.length; v < values.length; v++) {
      const seen = new Set<number>();
      for (const t of values[v].split(' ')) if (t) seen.add(this.tokens.id(t));
      for (const t of seen) this.list.push(t);
      this.off.push(this.list.length);
      const hn = this.address ? houseNumber(values[v]) : '';
      this.number.push(hn ? this.numbers.id(hn) : -1);
    }
  }

  /** What a worker sends of its part's values' tokens (see {@link PartTokens}). */
  part(): PartTokens {
    return {
      off: Int32Array.from(this.off), list: Int32Array.from(this.list), tokens: this.tokens.values, hashes: this.tokens.hashes(),
      number: Int32Array.from(this.number), numbers: this.numbers.values,
    };
  }

  /**
   * Appends the tokens of a part's new values, tokenised on its worker: `remap` gives each of the
   * part's values its number here, those from `before` on being new, met in the part's order. The
   * token and house-number numbers are those {@link extend} gives: a token met first in a new value
   * is numbered when that value is, in order (an older value's tokens are all numbered already).
   */
  appendPart(part: PartTokens, remap: Int32Array, before: number): void {
    const tokens = new Int32Array(part.tokens.length).fill(-1);
    const numbers = new Int32Array(part.numbers.length).fill(-1);
    for (let k = 0; k < remap.length; k++) {
      if (remap[k] < before) continue;
      for (let e = part.off[k]; e < part.off[k + 1]; e++) {
        const t = part.list[e];
        if (tokens[t] < 0) tokens[t] = this.tokens.id(part.tokens[t], part.hashes[t]);
        this.list.push(tokens[t]);
      }
      this.off.push(this.list.length);
      const hn = part.number[k];
      if (hn >= 0 && numbers[hn] < 0) numbers[hn] = this.numbers.id(part.numbers[hn]);
      this.number.push(hn >= 0 ? numbers[hn] : -1);
    }
  }
}

/**
 * The tokens of a part's values, tokenised where the part was normalised (see {@link ValueTokens}):
 * value k's distinct tokens are `tokens[list[off[k] .. off[k+1])]`, its house number
 * `numbers[number[k]]` (-1: none); `hashes` are the tokens' {@link stringHash}es.
 */
export interface PartTokens {
  off: Int32Array;
  list: Int32Array;
  tokens: string[];
  hashes: Int32Array;
  number: Int32Array;
  numbers: string[];
}

/** A {@link ValueTokens} per string field, none for the others. */
const valueTokensOf = (plan: PreparePlan): (ValueTokens | null)[] =>
  plan.fields.map(({ spec }) => (STRING_TYPES.has(spec.type) ? new ValueTokens(spec.type === 'address') : null));


const fromList = (spec: FieldSpec, name: string): string[] =>
  spec.from === undefined ? [name] : Array.isArray(spec.from) ? spec.from : [spec.from];

/** Drops the words of `strip` (e.g. the commune) from a normalised value, unless nothing would remain. */
function stripWords(value: string, strip: string): string {
  if (!strip) return value;
  const words = strip.split(' ');
  const tokens = value.split(' ');
  const kept = tokens.filter((t) => !words.includes(t));
  return kept.length === tokens.length ? value : kept.length ? kept.join(' ') : value;
}

/** The normaliser of a field type that is not read from a name (see {@link NAME_TYPES}). */
function normaliser(spec: FieldSpec): (raw: string) => string {
  switch (spec.type) {
    case 'name': return normaliseName;
    case 'kind': return (s) => kindOfName(normaliseName(s));
    case 'audience': return (s) => audienceOfName(normaliseName(s));
    case 'address': return normaliseAddress;
    case 'text': case 'string': return fold;
    case 'digits': return (s) => s.replace(/\D+/g, '');
    case 'phone': {
      // short service numbers (3949, 115) are shared by unrelated places: no identity for matching
      const c = spec.country ?? 'FR';
      return (s) => {
        const p = normalisePhone(s, c);
        return p.startsWith('+') ? p : '';
      };
    }
    case 'siret': return normaliseSiret;
    case 'siren': return (s) => {
      const d = s.replace(/[\s.\-]/g, '');
      if (/^\d{9}$/.test(d)) return d;
      return sirenOf(normaliseSiret(d));
    };
    case 'email': return normaliseEmail;
    case 'domain': return registrableDomain;
    case 'insee': return normaliseInsee;
    case 'postcode': return normalisePostcode;
    case 'exact': return (s) => s.trim().toLowerCase();
    case 'point': throw new Error('point fields have no string normaliser');
  }
}

/** Resolves logical column names to the actual keys of the records (tolerating padded headers). */
function columnResolver(records: readonly Record<string, unknown>[], mapping: MatchConfig['columns']) {
  const actual = new Map<string, string>();
  const limit = Math.min(records.length, 200);
  for (let i = 0; i < limit; i++) for (const k of Object.keys(records[i])) {
    const t = k.trim();
    if (!actual.has(t)) actual.set(t, k);
    if (!actual.has(t.toLowerCase())) actual.set(t.toLowerCase(), k);
  }
  const keyOf = (col: string) => actual.get(col) ?? actual.get(col.trim()) ?? actual.get(col.trim().toLowerCase()) ?? col;
  return (logical: string): string[] => {
    const m = mapping[logical];
    const cols = m === undefined ? [logical] : Array.isArray(m) ? m : [m];
    return cols.map(keyOf);
  };
}

/**
 * The input keys that {@link prepare} reads for this config (record ids, every field's columns and
 * strip columns): a record reduced to them prepares to the same columns. The job runner's fan-out
 * stores records reduced this way for the worker processes that rebuild the plan.
 *
 * @example
 *   const keys = inputKeys(records, config);
 *   const slim = records.map((r) => Object.fromEntries(keys.filter((k) => k in r).map((k) => [k, r[k]])));
 */
export function inputKeys(records: readonly Record<string, unknown>[], config: MatchConfig): string[] {
  const resolve = columnResolver(records, config.columns);
  const logical = new Set<string>(['id']);
  for (const [name, spec] of Object.entries(config.fields)) {
    for (const l of fromList(spec, name)) logical.add(l);
    if (spec.strip) logical.add(spec.strip);
  }
  const keys = new Set<string>();
  for (const l of logical) {
    const m = config.columns[l];
    for (const c of m === undefined ? [l] : Array.isArray(m) ? m : [m]) keys.add(c);
    for (const k of resolve(l)) keys.add(k);
  }
  return [...keys].sort();
}

function rawOf(rec: Record<string, unknown>, keys: string[]): string {
  if (keys.length === 1) return asText(rec[keys[0]]);
  let out = '';
  for (const k of keys) {
    const v = asText(rec[k]);
    if (v) out = out ? out + ' ' + v : v;
  }
  return out;
}

/** How one field is read: its spec and the raw columns (see {@link PreparePlan}) it comes from. */
export interface FieldPlan {
  name: string;
  spec: FieldSpec;
  /** Raw column per source, first non-empty wins (a point: latitude, longitude). */
  sources: number[];
  /** Raw column of the words to strip, -1 when none. */
  strip: number;
}

/** What normalisation reads from the records: the id keys and each distinct raw column. */
export interface PreparePlan {
  idKeys: string[];
  /** The record keys joined into each raw column (see rawOf). */
  raw: string[][];
  fields: FieldPlan[];
  anywhere: boolean;
}

/**
 * Resolves a config against the records' keys: which raw columns normalisation reads, once each.
 *
 * @example
 *   const plan = planPrepare(records, defaultConfig());
 *   plan.raw[plan.fields[0].sources[0]] // ["nom"]
 */
export function planPrepare(records: RecordSource, config: MatchConfig): PreparePlan {
  const resolve = columnResolver(sampleOf(records), config.columns);
  const raw: string[][] = [];
  const index = new Map<string, number>();
  const column = (keys: string[]): number => {
    const k = JSON.stringify(keys);
    let c = index.get(k);
    if (c === undefined) {
      c = raw.push(keys) - 1;
      index.set(k, c);
    }
    return c;
  };
  const fields = Object.entries(config.fields).map(([name, spec]): FieldPlan => {
    const sources = fromList(spec, name).map(resolve);
    // a point reads the first key of each of its columns
    const used = spec.type === 'point' ? sources.slice(0, 2).map((keys) => [keys[0]]) : sources;
    return { name, spec, sources: used.map(column), strip: spec.strip ? column(resolve(spec.strip)) : -1 };
  });
  return { idKeys: resolve('id'), raw, fields, anywhere: !!config.anywhere };
}

/** Where a chunk's fields go: shared id columns (chunk-local value ids until merged) or coordinates. */
export type FieldOutput = { ids: Int32Array } | { lat: Float64Array; lon: Float64Array };

/**
 * Records [start, start + count) as normalisation reads them: the raw strings of each raw column,
 * with the shared outputs to write (a worker gets it as a ChunkMessage, see task-data.ts).
 */
export interface Chunk {
  start: number;
  count: number;
  fields: FieldPlan[];
  anywhere: boolean;
  raw: string[][];
  out: FieldOutput[];
}

/** Per field, the chunk's normalised values in order of first occurrence (null for a point). */
export type ChunkValues = (string[] | null)[];

function normalisePoint(chunk: Chunk, field: FieldPlan, out: { lat: Float64Array; lon: Float64Array }): void {
  const lats = chunk.raw[field.sources[0]], lons = chunk.raw[field.sources[1]];
  for (let i = 0, p = chunk.start; i < chunk.count; i++, p++) {
    const ok = checkCoordinates(Number.parseFloat(lats[i].replace(',', '.')), Number.parseFloat(lons[i].replace(',', '.')), chunk.anywhere);
    out.lat[p] = ok ? ok[0] : NaN;
    out.lon[p] = ok ? ok[1] : NaN;
  }
}

/** Field types read from a name: one normaliseName call per distinct name serves all of them. */
const NAME_TYPES: Partial<Record<string, (name: string) => string>> = {
  name: (v) => v, kind: kindOfName, audience: audienceOfName,
};

/**
 * What normalising one chunk shares between its fields: each raw column's distinct strings (and
 * each record's index into them), and each distinct string normalised once per field type.
 * Nothing outlives the chunk: values that repeat across chunks (communes, networks) are
 * normalised once per chunk, unique ones (names, addresses) once.
 */
class ChunkWork {
  private distincts = new Map<number, { values: string[]; idx: Int32Array }>();
  private normalised = new Map<string, string[]>();
  constructor(private readonly chunk: Chunk) {}

  distinct(col: number): { values: string[]; idx: Int32Array } {
    let d = this.distincts.get(col);
    if (!d) {
      const raw = this.chunk.raw[col];
      // a table on typed arrays, not a Map: a chunk's Map of ~10,000 strings is a fresh
      // large-object allocation (new pages) in every chunk, and slower to fill
      const index = new StringNumbering();
      const idx = new Int32Array(raw.length);
      for (let i = 0; i < raw.length; i++) idx[i] = index.id(raw[i]);
      this.distincts.set(col, (d = { values: index.values, idx }));
    }
    return d;
  }

  /** The distinct strings of raw column `col`, normalised as `spec` says ('' for an empty one). */
  values(col: number, spec: FieldSpec): string[] {
    const fromName = NAME_TYPES[spec.type];
    const key = fromName ? `${col}/name` : `${col}/${spec.type}/${spec.country ?? ''}`;
    let out = this.normalised.get(key);
    if (!out) {
      const f = fromName ? normaliseName : normaliser(spec);
      out = this.distinct(col).values.map((r) => (r ? f(r) : ''));
      this.normalised.set(key, out);
    }
    if (!fromName || spec.type === 'name') return out;
    const derivedKey = `${col}/${spec.type}`;
    let derived = this.normalised.get(derivedKey);
    if (!derived) {
      derived = out.map((v) => (v ? fromName(v) : ''));
      this.normalised.set(derivedKey, derived);
    }
    return derived;
  }
}

function normaliseValues(chunk: Chunk, field: FieldPlan, ids: Int32Array, work: ChunkWork): StringNumbering {
  const { spec } = field;
  const interner = new StringNumbering();
  const sources = field.sources.map((c) => ({ norm: work.values(c, spec), idx: work.distinct(c).idx }));
  const at = chunk.start;
  if (sources.length === 1 && field.strip < 0) {
    // the value depends on the raw string only: intern each distinct one once, in record order
    const { norm, idx } = sources[0];
    const local = new Int32Array(norm.length).fill(-2);
    for (let i = 0; i < chunk.count; i++) {
      const k = idx[i];
      let id = local[k];
      if (id === -2) local[k] = id = norm[k] ? interner.id(norm[k]) : -1;
      ids[at + i] = id;
    }
    return interner;
  }
  // the commune, folded once per distinct commune of the chunk
  const strip = field.strip >= 0 ? work.distinct(field.strip) : null;
  const words = strip ? strip.values.map(fold) : [];
  for (let i = 0; i < chunk.count; i++) {
    let v = '';
    for (const { norm, idx } of sources) {
      let nv = norm[idx[i]];
      if (nv && strip) nv = stripWords(nv, words[strip.idx[i]]);
      if (nv) { v = nv; break; }
    }
    ids[at + i] = v ? interner.id(v) : -1;
  }
  return interner;
}

/**
 * Normalises one chunk: writes each field's chunk-local value ids (or coordinates) into the shared
 * outputs and returns the local values. Runs on the main thread or on a worker alike.
 *
 * @example
 *   const chunk = builder.chunk(0, builder.n);
 *   builder.merge(chunk, normaliseChunk(chunk));
 */
export function normaliseChunk(chunk: Chunk): ChunkValues {
  return normaliseFields(chunk).map((values) => values?.values ?? null);
}

/** {@link normaliseChunk}, each field's values with their hashes (null for a point). */
function normaliseFields(chunk: Chunk): (StringNumbering | null)[] {
  const work = new ChunkWork(chunk);
  return chunk.fields.map((field, f) => {
    const out = chunk.out[f];
    if ('lat' in out) {
      normalisePoint(chunk, field, out);
      return null;
    }
    return normaliseValues(chunk, field, out.ids, work);
  });
}

/** A point field's coordinates (shared memory) and its crowd rule: see {@link dropCrowded}. */
export interface CrowdJob {
  lat: Float64Array;
  lon: Float64Array;
  km: number;
  records: number;
}

/**
 * One slice of a {@link CrowdJob}: the points whose projected x (km, see {@link crowdedPoints})
 * is in `[from, to)`, a band from west to east.
 */
export type CrowdSlice = CrowdJob & { from: number; to: number };

/** A point's x in km, in the plane where crowds are counted (an equirectangular projection). */
const crowdX = (lat: number, lon: number): number => lon * Math.cos((lat * Math.PI) / 180) * 111.32;

/** Points of a job sampled to place the slices' bounds. */
const CROWD_SAMPLE = 4096;

/**
 * The slices of crowd jobs to count on `threads` threads at once, then {@link dropCrowdedSlices}:
 * `threads` bands of about as many points each (bounds at the quantiles of a sample), so that
 * each thread indexes its own band's points and their neighbours, not all of them.
 *
 * @example
 *   const slices = crowdSlices(builder.crowdJobs(), 2);
 */
export function crowdSlices(jobs: readonly CrowdJob[], threads: number): CrowdSlice[] {
  return jobs.flatMap((job) => {
    const n = job.lat.length, step = Math.max(1, Math.floor(n / CROWD_SAMPLE));
    const xs: number[] = [];
    for (let i = 0; i < n; i += step) if (job.lat[i] === job.lat[i]) xs.push(crowdX(job.lat[i], job.lon[i]));
    xs.sort((a, b) => a - b);
    const bounds = [-Infinity];
    for (let k = 1; k < threads; k++) bounds.push(xs.length ? xs[Math.floor((k * xs.length) / threads)] : Infinity);
    bounds.push(Infinity);
    return bounds.slice(1).map((to, k): CrowdSlice => ({ ...job, from: bounds[k], to }));
  });
}

/** Reads as missing the crowded points each slice found ({@link crowdedPoints}), in the slices' coordinates. */
export function dropCrowdedSlices(slices: readonly CrowdSlice[], crowded: readonly Int32Array[]): void {
  slices.forEach(({ lat, lon }, k) => { for (const i of crowded[k]) lat[i] = lon[i] = NaN; });
}

/** Builds {@link Prepared} from chunks normalised anywhere, merged in record order. */
export interface ColumnBuilder {
  n: number;
  /** The chunk of records [start, end): their raw strings, read on this thread. */
  chunk(start: number, end: number): Chunk;
  /** The same chunk for a worker: its raw strings joined per column. */
  message(start: number, end: number): ChunkMessage;
  /** Interns a chunk's values (chunks in record order) and turns its local ids into global ones. */
  merge(chunk: Pick<Chunk, 'start' | 'count'>, values: ChunkValues): void;
  /** Frequencies and token tables, once every chunk is merged. */
  /**
   * Frequencies and token tables, once every chunk is merged. With `crowd: false` the crowded
   * points (see {@link dropCrowded}) are left to the caller, who gets them from {@link crowdJobs}.
   */
  finish(options?: { crowd?: boolean }): Prepared;
  /** The point fields whose crowded points are to be dropped, over the shared coordinates. */
  crowdJobs(): CrowdJob[];
}

function readRaw(records: RecordSource, keys: string[], start: number, end: number): string[] {
  if (records instanceof JoinedRecords) return records.raw(keys, start, end);
  const col = new Array<string>(end - start);
  for (let i = start; i < end; i++) col[i - start] = rawOf(records[i], keys);
  return col;
}

/** {@link readRaw} joined in the same pass: each string is touched once (memory-bound at 1 M records). */
function readJoined(records: RecordSource, keys: string[], start: number, end: number): JoinedStrings {
  if (records instanceof JoinedRecords) return records.joined(keys, start, end);
  const ends = new Int32Array(end - start);
  let text = '';
  for (let i = start; i < end; i++) {
    text += rawOf(records[i], keys);
    ends[i - start] = text.length;
  }
  return { text, ends };
}

function readIds(records: RecordSource, idKeys: string[]): { ids: string[]; missingIds: number[] } {
  const n = countOf(records);
  const raw = records instanceof JoinedRecords ? records.raw(idKeys, 0, n) : null;
  const ids = new Array<string>(n);
  const missingIds: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = raw ? raw[i] : rawOf((records as readonly Record<string, unknown>[])[i], idKeys);
    if (v) ids[i] = v;
    else {
      ids[i] = `row-${i + 1}`;
      missingIds.push(i);
    }
  }
  return { ids, missingIds };
}

/**
 * Numbers local values in the global dictionary (with their hashes when given) and rewrites the
 * local ids as global ones (the identity for the first chunk); returns each local value's number.
 */
function mergeValues(numbering: StringNumbering, local: readonly string[], ids: Int32Array, start: number, count: number, hashes?: Int32Array): Int32Array {
  const identity = numbering.size === 0;
  const remap = new Int32Array(local.length);
  if (hashes) for (let k = 0; k < local.length; k++) remap[k] = numbering.id(local[k], hashes[k]);
  else for (let k = 0; k < local.length; k++) remap[k] = numbering.id(local[k]);
  if (!identity) for (let p = start; p < start + count; p++) if (ids[p] >= 0) ids[p] = remap[ids[p]];
  return remap;
}

/**
 * The main-thread side of normalisation: ids, shared outputs, and the merge of chunks in record
 * order, so chunk-local dictionaries give the ids (first occurrence order) of a single pass.
 *
 * @example
 *   const b = columnBuilder(records, config);
 *   const chunk = b.chunk(0, b.n);
 *   b.merge(chunk, normaliseChunk(chunk));
 *   const prepared = b.finish();
 */
export function columnBuilder(records: RecordSource, config: MatchConfig, inputOf?: ArrayLike<number>): ColumnBuilder {
  const n = countOf(records);
  const plan = planPrepare(records, config);
  const out = plan.fields.map((f): FieldOutput =>
    f.spec.type === 'point' ? { lat: sharedFloat64(n), lon: sharedFloat64(n) } : { ids: sharedInt32(n) });
  const interners = plan.fields.map(() => new StringNumbering());
  const tokenised = valueTokensOf(plan);
  const part = { fields: plan.fields, anywhere: plan.anywhere, out };
  const chunk = (start: number, end: number): Chunk =>
    ({ ...part, start, count: end - start, raw: plan.raw.map((keys) => readRaw(records, keys, start, end)) });
  const message = (start: number, end: number): ChunkMessage =>
    ({ ...part, start, count: end - start, raw: plan.raw.map((keys) => readJoined(records, keys, start, end)) });
  const merge = (c: Pick<Chunk, 'start' | 'count'>, values: ChunkValues): void => values.forEach((local, f) => {
    const o = out[f];
    if (local && 'ids' in o) mergeValues(interners[f], local, o.ids, c.start, c.count);
    tokenised[f]?.extend(interners[f].values);
  });
  const crowdJobs = (): CrowdJob[] => crowdJobsOf(plan, out);
  const finish = (options: { crowd?: boolean } = {}): Prepared =>
    assemble(n, plan, out, interners, readIds(records, plan.idKeys), inputOf, options, tokenised);
  return { n, chunk, message, merge, finish, crowdJobs };
}

const crowdJobsOf = (plan: PreparePlan, out: FieldOutput[]): CrowdJob[] => plan.fields.flatMap(({ spec }, f) => {
  const o = out[f];
  return 'lat' in o && spec.crowd ? [{ lat: o.lat, lon: o.lon, km: spec.crowd.km, records: spec.crowd.records }] : [];
});

/** Frequencies and token tables over merged outputs: the {@link Prepared} of every builder. */
function assemble(
  n: number, plan: PreparePlan, out: FieldOutput[], interners: StringNumbering[], idsOf: { ids: string[]; missingIds: number[] },
  inputOf: ArrayLike<number> | undefined, options: { crowd?: boolean }, tokenised: (ValueTokens | null)[],
): Prepared {
  const input = sharedInt32(n);
  if (inputOf) for (let i = 0; i < n; i++) input[i] = inputOf[i];
  const fields: Record<string, FieldColumn> = {};
  const values: Record<string, string[]> = {};
  plan.fields.forEach(({ name, spec }, f) => {
    const o = out[f];
    if ('lat' in o) {
      if (spec.crowd && options.crowd !== false) dropCrowded(o.lat, o.lon, spec.crowd.km, spec.crowd.records);
      fields[name] = { kind: 'point', lat: o.lat, lon: o.lon };
      return;
    }
    const vals = interners[f].values;
    const freq = sharedInt32(vals.length);
    for (let i = 0; i < n; i++) if (o.ids[i] >= 0) freq[o.ids[i]]++;
    values[name] = vals;
    fields[name] = STRING_TYPES.has(spec.type)
      ? stringColumn(o.ids, freq, vals, n, tokenised[f]!)
      : { kind: 'key', ids: o.ids, freq };
  });
  return { columns: { n, input, fields }, ids: idsOf.ids, values, missingIds: idsOf.missingIds };
}

/**
 * One contiguous part of the records normalised where it was read (a JSON Lines range on a
 * worker): its own outputs with part-local value ids, its values, and its raw ids.
 */
export interface NormalisedPart {
  rows: number;
  out: FieldOutput[];
  values: ChunkValues;
  /** Per field, the {@link stringHash} of each value (null for a point). */
  hashes: (Int32Array | null)[];
  /** Per string field, its values' tokens (null for the other fields). */
  tokens: (PartTokens | null)[];
  /** The raw id of each row ('' when missing), as {@link PreparePlan.idKeys} reads it. */
  ids: JoinedStrings;
}

/**
 * Normalises records held as joined text columns (`keys`, one column each) into a part with
 * its own (non-shared) outputs: what a reading worker sends back instead of the raw text.
 *
 * @example
 *   const part = normalisePart(plan, ['id', 'nom'], columns, 2);
 */
export function normalisePart(plan: PreparePlan, keys: readonly string[], columns: readonly JoinedStrings[], rows: number): NormalisedPart {
  const records = new JoinedRecords(rows, keys, columns);
  const out = plan.fields.map((f): FieldOutput =>
    f.spec.type === 'point' ? { lat: new Float64Array(rows), lon: new Float64Array(rows) } : { ids: new Int32Array(rows) });
  const raw = plan.raw.map((k) => records.raw(k, 0, rows));
  const fields = normaliseFields({ fields: plan.fields, anywhere: plan.anywhere, start: 0, count: rows, raw, out });
  // the values come with their hashes and tokens, so the thread that merges the parts reads no
  // value's characters again (numbering them there was most of the merge's time)
  const tokens = valueTokensOf(plan).map((vt, f) => {
    if (!vt) return null;
    vt.extend(fields[f]!.values);
    return vt.part();
  });
  return {
    rows, out, values: fields.map((v) => v?.values ?? null), hashes: fields.map((v) => v?.hashes() ?? null), tokens,
    ids: records.joined(plan.idKeys, 0, rows),
  };
}

/** Builds {@link Prepared} from parts normalised elsewhere, appended in record order. */
export interface PartsBuilder {
  /** Records appended so far. */
  readonly n: number;
  /** Interns the next part's values and copies its outputs into the shared columns (which grow by doubling). */
  append(part: NormalisedPart): void;
  /**
   * {@link append} for the next parts, in order, field by field: each field's numbering is its own,
   * so the ids are the same, and one field's tables stay in cache while its values of every part
   * are numbered (at 1 M records numbering 89 parts this way took half the time of part by part).
   */
  appendAll(parts: readonly NormalisedPart[]): void;
  /**
   * Makes room for `rows` records in all (an estimate: more parts still fit, the columns growing):
   * the shared columns are then allocated once, not doubled as the parts come.
   */
  reserve(rows: number): void;
  /** The shared columns, once every part is appended: the crowd jobs then run on them. */
  seal(): CrowdJob[];
  /** Frequencies and token tables, after {@link seal} (crowded points left to the caller, as seal's jobs). */
  finish(inputOf?: ArrayLike<number>): Prepared;
}

/**
 * A {@link PartsBuilder}: the same {@link Prepared} as {@link prepare} gives for the records of
 * the parts in order (value ids in first-occurrence order, generated ids for missing ones).
 *
 * @example
 *   const b = partsBuilder(plan);
 *   for (const part of parts) b.append(part);
 *   const jobs = b.seal(); jobs.forEach((j) => dropCrowded(j.lat, j.lon, j.km, j.records));
 *   const prepared = b.finish();
 */
export function partsBuilder(plan: PreparePlan): PartsBuilder {
  const interners = plan.fields.map(() => new StringNumbering());
  const tokenised = valueTokensOf(plan);
  // of each part only its ids are kept: its outputs are copied as it comes, its values interned
  const parts: Pick<NormalisedPart, 'rows' | 'ids'>[] = [];
  let n = 0;
  // the shared columns, `capacity` rows each; sealed, views of their first n rows
  let capacity = 0;
  let columns: FieldOutput[] = [];
  let out: FieldOutput[] | null = null;
  const reserve = (rows: number) => {
    if (rows <= capacity && columns.length) return;
    columns = plan.fields.map((f, k): FieldOutput => {
      const old = columns[k];
      if (f.spec.type === 'point') {
        const lat = sharedFloat64(rows), lon = sharedFloat64(rows);
        if (old && 'lat' in old) { lat.set(old.lat.subarray(0, n)); lon.set(old.lon.subarray(0, n)); }
        return { lat, lon };
      }
      const ids = sharedInt32(rows);
      if (old && 'ids' in old) ids.set(old.ids.subarray(0, n));
      return { ids };
    });
    capacity = rows;
  };
  const appendAll = (more: readonly NormalisedPart[]): void => {
    if (out) throw new Error('partsBuilder: append after seal');
    plan.fields.forEach((_, f) => {
      for (const part of more) {
        const local = part.values[f], o = part.out[f];
        if (!local || !('ids' in o)) continue;
        const before = interners[f].size;
        const remap = mergeValues(interners[f], local, o.ids, 0, part.rows, part.hashes[f] ?? undefined);
        const tokens = part.tokens[f];
        if (tokens) tokenised[f]!.appendPart(tokens, remap, before);
        else tokenised[f]?.extend(interners[f].values);
      }
    });
    for (const part of more) {
      if (n + part.rows > capacity) reserve(Math.max(2 * capacity, n + part.rows, 1024));
      columns.forEach((o, f) => {
        const p = part.out[f];
        if ('lat' in o && 'lat' in p) { o.lat.set(p.lat, n); o.lon.set(p.lon, n); }
        else if ('ids' in o && 'ids' in p) o.ids.set(p.ids, n);
      });
      parts.push({ rows: part.rows, ids: part.ids });
      n += part.rows;
    }
  };
  return {
    get n() { return n; },
    reserve(rows) {
      if (out) throw new Error('partsBuilder: reserve after seal');
      reserve(rows);
    },
    append: (part) => appendAll([part]),
    appendAll,
    seal() {
      reserve(n);
      out = columns.map((o): FieldOutput => ('lat' in o ? { lat: o.lat.subarray(0, n), lon: o.lon.subarray(0, n) } : { ids: o.ids.subarray(0, n) }));
      return crowdJobsOf(plan, out);
    },
    finish(inputOf) {
      if (!out) throw new Error('partsBuilder: finish before seal');
      const ids = new Array<string>(n);
      const missingIds: number[] = [];
      let at = 0;
      for (const part of parts) {
        const raw = splitStrings(part.ids);
        for (let i = 0; i < part.rows; i++, at++) {
          if (raw[i]) ids[at] = raw[i];
          else {
            ids[at] = `row-${at + 1}`;
            missingIds.push(at);
          }
        }
      }
      parts.length = 0;
      return assemble(n, plan, out, interners, { ids, missingIds }, inputOf, { crowd: false }, tokenised);
    },
  };
}

/**
 * Reads as missing every point that `records` or more other points share within `km` (a town
 * centre's or a postcode's geocoding): counted on the whole input, in place.
 *
 * @example
 *   dropCrowded(lat, lon, 0.025, 5)
 */
export function dropCrowded(lat: Float64Array, lon: Float64Array, km: number, records: number): number {
  const crowded = crowdedPoints(lat, lon, km, records);
  for (const i of crowded) lat[i] = lon[i] = NaN;
  return crowded.length;
}

/**
 * The records whose point `records` or more other points (of all records) share within `km`, in
 * record order, among the points whose projected x is in `[from, to)` (km; all by default):
 * {@link dropCrowded}'s, without writing. Bands of x can be counted on several threads at once:
 * each indexes the points of its band and of a margin around it (every neighbour of its points).
 *
 * @example
 *   crowdedPoints(lat, lon, 0.025, 5, -Infinity, 120) // the points west of x = 120 km
 */
export function crowdedPoints(lat: Float64Array, lon: Float64Array, km: number, records: number, from = -Infinity, to = Infinity): Int32Array {
  const n = lat.length;
  // twice the radius around the band: a neighbour is at most km away in x (the margin covers rounding)
  const lo = from - 2 * km, hi = to + 2 * km;
  const recs: number[] = [], xs: number[] = [];
  for (let i = 0; i < n; i++) {
    if (lat[i] !== lat[i]) continue;
    const x = crowdX(lat[i], lon[i]);
    if (x >= lo && x < hi) {
      recs.push(i);
      xs.push(x);
    }
  }
  // a point of the band has all its neighbours here: with this few, none has enough
  if (recs.length <= records) return new Int32Array(0);
  const y = new Float64Array(recs.length);
  const kd = new KDBush(recs.length, 64, Float64Array);
  for (let k = 0; k < recs.length; k++) {
    y[k] = lat[recs[k]] * 110.574;
    kd.add(xs[k], y[k]);
  }
  kd.finish();
  const crowded: number[] = [];
  const near: number[] = []; // the neighbours' ids, written over at each query (counted, not kept)
  for (let k = 0; k < recs.length; k++) {
    const x = xs[k];
    if (x >= from && x < to && kd.withinInto(x, y[k], km, near) - 1 >= records) crowded.push(recs[k]);
  }
  return Int32Array.from(crowded);
}

/** Records per chunk on the single-thread path (bounds the raw strings held at once). */
const CHUNK = 1 << 16;

/**
 * Normalises records into shared columns according to the config.
 *
 * @example
 *   const p = prepare([{ id: 'a', nom: 'CCAS de Rennes' }], defaultConfig());
 *   p.values.nom[p.columns.fields.nom.ids[0]] // "ccas rennes"
 */
export function prepare(records: RecordSource, config: MatchConfig, inputOf?: ArrayLike<number>): Prepared {
  const builder = columnBuilder(records, config, inputOf);
  for (let start = 0; start < builder.n; start += CHUNK) {
    const chunk = builder.chunk(start, Math.min(builder.n, start + CHUNK));
    builder.merge(chunk, normaliseChunk(chunk));
  }
  return builder.finish();
}

function stringColumn(ids: Int32Array, freq: Int32Array, vals: string[], n: number, vt: ValueTokens): StringColumn {
  vt.extend(vals);
  const { tokens, off, list } = vt;
  const number = toSharedInt32(vt.number);
  const tokOff = toSharedInt32(off);
  const tokIds = toSharedInt32(list);
  const tokDf = sharedInt32(tokens.values.length);
  for (let v = 0; v < vals.length; v++) for (let k = tokOff[v]; k < tokOff[v + 1]; k++) tokDf[tokIds[k]] += freq[v];
  const tokWeight = sharedFloat64(tokens.values.length);
  for (let t = 0; t < tokDf.length; t++) tokWeight[t] = Math.log((n + 1) / (tokDf[t] + 0.5));
  const packed = packStrings(vals);
  const tokPacked = packStrings(tokens.values);
  return {
    kind: 'string', ids, freq, chars: packed.chars, offsets: packed.offsets, tokOff, tokIds, tokDf, tokWeight, number,
    tokChars: tokPacked.chars, tokOffsets: tokPacked.offsets,
  };
}
