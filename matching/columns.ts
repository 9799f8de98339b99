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

class Interner {
  map = new Map<string, number>();
  values: string[] = [];
  id(v: string): number {
    let k = this.map.get(v);
    if (k === undefined) {
      k = this.values.length;
      this.map.set(v, k);
      this.values.push(v);
    }
    return k;
  }
}

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

function normaliser(spec: FieldSpec, names: Map<string, string>): (raw: string) => string {
  const name = (raw: string): string => {
    let v = names.get(raw);
    if (v === undefined) {
      v = normaliseName(raw);
      if (names.size < 500_000) names.set(raw, v);
    }
    return v;
  };
  switch (spec.type) {
    case 'name': return name;
    case 'kind': return (s) => kindOfName(name(s));
    case 'audience': return (s) => audienceOfName(name(s));
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

/**
 * Normalises records into shared columns according to the config.
 *
 * @example
 *   const p = prepare([{ id: 'a', nom: 'CCAS de Rennes' }], defaultConfig());
 *   p.values.nom[p.columns.fields.nom.ids[0]] // "ccas rennes"
 */
export function prepare(records: readonly Record<string, unknown>[], config: MatchConfig, inputOf?: ArrayLike<number>): Prepared {
  const n = records.length;
  const resolve = columnResolver(records, config.columns);
  const idKeys = resolve('id');
  const ids = new Array<string>(n);
  const missingIds: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = rawOf(records[i], idKeys);
    if (v) ids[i] = v;
    else {
      ids[i] = `row-${i + 1}`;
      missingIds.push(i);
    }
  }
  const input = sharedInt32(n);
  if (inputOf) for (let i = 0; i < n; i++) input[i] = inputOf[i];
  const fields: Record<string, FieldColumn> = {};
  const values: Record<string, string[]> = {};
  const names = new Map<string, string>();
  const caches = new Map<string, Map<string, string>>();
  for (const [name, spec] of Object.entries(config.fields)) {
    const sources = fromList(spec, name).map(resolve);
    if (spec.type === 'point') {
      const lat = sharedFloat64(n), lon = sharedFloat64(n);
      for (let i = 0; i < n; i++) {
        const a = Number.parseFloat(asText(records[i][sources[0][0]]).replace(',', '.'));
        const b = Number.parseFloat(asText(records[i][sources[1][0]]).replace(',', '.'));
        const ok = checkCoordinates(a, b, config.anywhere);
        lat[i] = ok ? ok[0] : NaN;
        lon[i] = ok ? ok[1] : NaN;
      }
      fields[name] = { kind: 'point', lat, lon };
      continue;
    }
    const base = normaliser(spec, names);
    const stripKeys = spec.strip ? resolve(spec.strip) : null;
    const interner = new Interner();
    const idsCol = sharedInt32(n);
    // one cache per field type: the name, its kind and its stripped form share normaliseName's work
    const cacheKey = `${spec.type}/${spec.country ?? ''}`;
    const cache = caches.get(cacheKey) ?? new Map<string, string>();
    caches.set(cacheKey, cache);
    for (let i = 0; i < n; i++) {
      let v = '';
      for (const keys of sources) {
        const raw = rawOf(records[i], keys);
        if (!raw) continue;
        let nv = cache.get(raw);
        if (nv === undefined) {
          nv = base(raw);
          if (cache.size < 500_000) cache.set(raw, nv);
        }
        if (nv && stripKeys) nv = stripWords(nv, fold(rawOf(records[i], stripKeys)));
        if (nv) { v = nv; break; }
      }
      idsCol[i] = v ? interner.id(v) : -1;
    }
    const freq = sharedInt32(interner.values.length);
    for (let i = 0; i < n; i++) if (idsCol[i] >= 0) freq[idsCol[i]]++;
    values[name] = interner.values;
    fields[name] = STRING_TYPES.has(spec.type)
      ? stringColumn(idsCol, freq, interner.values, n, spec.type === 'address')
      : { kind: 'key', ids: idsCol, freq };
  }
  return { columns: { n, input, fields }, ids, values, missingIds };
}

function stringColumn(ids: Int32Array, freq: Int32Array, vals: string[], n: number, address: boolean): StringColumn {
  const tokens = new Interner();
  const off: number[] = [0];
  const list: number[] = [];
  const numbers = new Interner();
  const number = sharedInt32(vals.length);
  for (let v = 0; v < vals.length; v++) {
    const seen = new Set<number>();
    for (const t of vals[v].split(' ')) if (t) seen.add(tokens.id(t));
    for (const t of seen) list.push(t);
    off.push(list.length);
    const hn = address ? houseNumber(vals[v]) : '';
    number[v] = hn ? numbers.id(hn) : -1;
  }
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
