/**
 * Comparison of two records: for each configured comparison, the index of the first level that
 * holds (0 = null: a value missing on either side; levels.length + 1 = none of the levels).
 * The levels of all comparisons are packed into one integer, the comparison pattern.
 */
import type { MatchConfig } from '../config/types.js';
import type { Columns, StringColumn, KeyColumn } from '../columns.js';
import { unpackStrings } from '../buffers.js';
import { jaroWinkler, levenshtein, haversineKm } from './similarity.js';
import { fold } from '../normalise/text.js';

/** Strings of a text field, unpacked once per thread. */
interface TextView {
  col: StringColumn; values: string[]; tokens: string[];
  /** Per token, a bit per character (code mod 32): a cheap bound on how alike two tokens can be. */
  masks?: Int32Array;
  /** The lowest token-similarity threshold any level asks of this field: below it, exactness is all that matters. */
  floor?: number;
}


export interface Comparator {
  /** Number of levels per comparison including null and else (the pattern radix). */
  radix: number[];
  stride: number[];
  /** The comparison pattern of records i and j. */
  pattern(i: number, j: number): number;
  /** The level of comparison c for records i and j. */
  level(c: number, i: number, j: number): number;
  /**
   * The comparisons whose level 1 (exactness) a term frequency adjusts ({@link termFrequencies}),
   * and for a pair at that level the larger frequency of its two values ({@link TermFrequency.maxOf}).
   * The workers record it with each candidate pair, so scoring reads it in pair order.
   */
  tf: (TermFrequency | null)[];
}

/** The value frequencies a comparison's term-frequency adjustment reads. */
export interface TermFrequency {
  ids: Int32Array;
  freq: Int32Array;
  /** The larger frequency of the two records' values, at least 1, for a pair at level 1 (where both have one). */
  maxOf(i: number, j: number): number;
}

/**
 * Per comparison, the frequencies its term-frequency adjustment reads, or null: only a comparison
 * marked `tf` whose first level is exactness on the field (or `tfField`) the frequencies count.
 *
 * @example
 *   termFrequencies(config, columns)[0]?.maxOf(3, 7) // how many records share the commoner value
 */
export function termFrequencies(config: MatchConfig, columns: Columns): (TermFrequency | null)[] {
  const adjusted = tfComparisons(config);
  return config.comparisons.map((c, k) => {
    if (!adjusted[k]) return null;
    const exactOn = c.levels[0]?.field ?? c.field;
    const on = c.tfField ?? c.field;
    const { ids, freq } = columns.fields[on] as KeyColumn | StringColumn;
    // exactness on the counted field itself (the built-in "nom"): at level 1 both records hold one
    // value, and one frequency is read (the comparison has just read both ids)
    if (exactOn === on && !c.levels[0].also?.length) return { ids, freq, maxOf: (i) => Math.max(freq[ids[i]], 1) };
    return { ids, freq, maxOf: (i, j) => Math.max(freq[ids[i]], freq[ids[j]], 1) };
  });
}

/**
 * Which comparisons a term frequency adjusts (those {@link termFrequencies} gives frequencies for),
 * from the config alone.
 *
 * @example
 *   tfComparisons(loadConfig()) // [true, false, …]: the name's exactness
 */
export function tfComparisons(config: MatchConfig): boolean[] {
  return config.comparisons.map((c) => {
    const exactOn = c.levels[0]?.field ?? c.field;
    return !!c.tf && !!c.levels[0]?.exact && (exactOn === c.field || exactOn === c.tfField);
  });
}

/** Unpacks level of comparison c from a pattern. */
export const levelOf = (pattern: number, stride: number[], radix: number[], c: number): number =>
  Math.floor(pattern / stride[c]) % radix[c];

const popcount = (x: number): number => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

/**
 * Whether two tokens can reach the near-spelling Jaro-Winkler (0.92) at all: characters of one
 * whose code (mod 32) the other lacks can never match, which caps the Jaro similarity, and the
 * prefix bonus adds at most 0.4 of the rest. Exact: it never rejects a pair that would pass.
 */
function mayBeNear(la: number, lb: number, ma: number, mb: number): boolean {
  const jaro = ((la - popcount(ma & ~mb)) / la + (lb - popcount(mb & ~ma)) / lb + 1) / 3;
  return jaro + 0.4 * (1 - jaro) >= NEAR_SPELLING;
}

/** Jaro-Winkler at or above which two tokens are spelled nearly alike. */
const NEAR_SPELLING = 0.92;

/** A bit per character code (mod 32) of each string. */
function charMasks(strings: readonly string[]): Int32Array {
  const out = new Int32Array(strings.length);
  for (let k = 0; k < strings.length; k++) {
    const s = strings[k];
    let m = 0;
    for (let i = 0; i < s.length; i++) m |= 1 << (s.charCodeAt(i) & 31);
    out[k] = m;
  }
  return out;
}

/**
 * Rarity-weighted token similarity (Dice over token weights); tokens spelled nearly alike
 * (Jaro-Winkler ≥ 0.92, 4+ letters) count at 80 %.
 */
export function tokenSimilarity(view: TextView, a: number, b: number): number {
  const { tokOff, tokIds, tokWeight } = view.col;
  const a0 = tokOff[a], a1 = tokOff[a + 1], b0 = tokOff[b], b1 = tokOff[b + 1];
  if (a0 === a1 || b0 === b1) return 0;
  let wa = 0, wb = 0, shared = 0;
  for (let k = b0; k < b1; k++) wb += tokWeight[tokIds[k]];
  let unmatchedA = 0;
  for (let k = a0; k < a1; k++) {
    const t = tokIds[k];
    const w = tokWeight[t];
    wa += w;
    let found = false;
    for (let q = b0; q < b1; q++) if (tokIds[q] === t) { found = true; break; }
    if (found) shared += w;
    else unmatchedA++;
  }
  // near-spellings add at most 0.8 × the weight of a's unmatched tokens: skip them when even
  // that stays under every level's threshold (most random pairs, for u)
  const bound = (2 * (shared + 0.8 * (wa - shared))) / (wa + wb);
  if (unmatchedA && shared < wa && bound >= (view.floor ?? 0)) {
    const masks = view.masks;
    for (let k = a0; k < a1; k++) {
      const t = tokIds[k];
      const ts = view.tokens[t];
      if (ts.length < 4) continue;
      let inB = false;
      for (let q = b0; q < b1; q++) if (tokIds[q] === t) { inB = true; break; }
      if (inB) continue;
      let best = 0, bestW = 0;
      const mt = masks ? masks[t] : 0;
      for (let q = b0; q < b1; q++) {
        const u = tokIds[q];
        const us = view.tokens[u];
        if (us.length < 4 || Math.abs(us.length - ts.length) > 3) continue;
        if (masks && !mayBeNear(ts.length, us.length, mt, masks[u])) continue;
        const s = jaroWinkler(ts, us);
        if (s > best) { best = s; bestW = tokWeight[u]; }
      }
      if (best >= NEAR_SPELLING) shared += 0.8 * Math.min(tokWeight[t], bestW);
    }
  }
  return (2 * shared) / (wa + wb);
}

/**
 * Builds the comparator for a config over shared columns (on the main thread or in a worker).
 *
 * @example
 *   const cmp = createComparator(prepared.columns, config);
 *   cmp.pattern(0, 1)
 */
export function createComparator(columns: Columns, config: MatchConfig): Comparator {
  const views = new Map<string, TextView>();
  const tokenFloor = (field: string): number => {
    let f = Infinity;
    for (const c of config.comparisons) for (const l of c.levels)
      if ((l.field ?? c.field) === field && l.tokens !== undefined) f = Math.min(f, l.tokens);
    return f === Infinity ? 0 : f;
  };
  const textView = (name: string): TextView => {
    let v = views.get(name);
    if (!v) {
      const col = columns.fields[name] as StringColumn;
      const tokens = unpackStrings({ chars: col.tokChars, offsets: col.tokOffsets });
      v = {
        col,
        values: unpackStrings({ chars: col.chars, offsets: col.offsets }),
        tokens, masks: charMasks(tokens),
        floor: tokenFloor(name),
      };
      views.set(name, v);
    }
    return v;
  };
  const radix = config.comparisons.map((c) => c.levels.length + 2);
  const stride: number[] = [];
  let s = 1;
  for (const r of radix) { stride.push(s); s *= r; }
  // the levels are compiled when a pair is first compared (the text fields' strings unpacked then:
  // 0.4 s at 1 M records), not before: a thread that only scores what the workers compared never does
  const comparator: Comparator = {
    radix, stride, tf: termFrequencies(config, columns),
    pattern(i, j) { compile(); return comparator.pattern(i, j); },
    level(c, i, j) { compile(); return comparator.level(c, i, j); },
  };
  const compile = () => Object.assign(comparator, compileLevels(columns, config, stride, textView));
  return comparator;
}

/**
 * The levels of a pair, as generated functions over the typed arrays: one per comparison (its
 * level: explain, training) and one for the whole pattern, every level inlined, the distance and
 * the token similarity of a comparison computed once. Both come from the same level conditions.
 * The pattern runs for every candidate pair (10 M at 1 M records), where a chain of small
 * closures per level cost about twice as much.
 */
function compileLevels(
  columns: Columns,
  config: MatchConfig,
  stride: number[],
  textView: (name: string) => TextView,
): Pick<Comparator, 'level' | 'pattern'> {
  const refs: unknown[] = [];
  const ref = (x: unknown): string => {
    let k = refs.indexOf(x);
    if (k < 0) k = refs.push(x) - 1;
    return `R[${k}]`;
  };
  const hav = ref(haversineKm);
  const present = (field: string): string => {
    const col = columns.fields[field];
    if (col.kind === 'point') { const lat = ref(col.lat); return `(${lat}[i] === ${lat}[i] && ${lat}[j] === ${lat}[j])`; }
    const ids = ref(col.ids);
    return `(${ids}[i] >= 0 && ${ids}[j] >= 0)`;
  };
  const body: string[] = ['let p = 0, d = 0, s = 0;'];
  const levelBodies: string[] = [];
  config.comparisons.forEach((c, k) => {
    const fieldsUsed = [...new Set([c.field, ...c.levels.map((l) => l.field ?? c.field)])];
    const conds = c.levels.map((spec) => {
      const field = spec.field ?? c.field;
      const col = columns.fields[field];
      const parts: string[] = [present(field)];
      if (col.kind === 'point') {
        parts.push(`(d < 0 ? (d = ${hav}(${ref(col.lat)}[i], ${ref(col.lon)}[i], ${ref(col.lat)}[j], ${ref(col.lon)}[j])) : d) <= ${spec.km}`);
      } else {
        const ids = ref(col.ids);
        if (spec.exact) parts.push(`${ids}[i] === ${ids}[j]`);
        if (spec.values !== undefined && col.kind === 'string') {
          const strings = unpackStrings({ chars: col.chars, offsets: col.offsets });
          const wanted = new Set(spec.values.map(fold));
          const ok = new Uint8Array(strings.length);
          for (let v = 0; v < strings.length; v++) if (wanted.has(strings[v])) ok[v] = 1;
          parts.push(`${ref(ok)}[${ids}[i]] === 1 && ${ref(ok)}[${ids}[j]] === 1`);
        }
        if (spec.maxFreq !== undefined) parts.push(`${ref(col.freq)}[${ids}[i]] <= ${spec.maxFreq} && ${ref(col.freq)}[${ids}[j]] <= ${spec.maxFreq}`);
        if (col.kind === 'string') {
          const view = textView(field);
          if (spec.sameNumber) { const num = ref(col.number); parts.push(`${num}[${ids}[i]] >= 0 && ${num}[${ids}[i]] === ${num}[${ids}[j]]`); }
          if (spec.tokens !== undefined) {
            const sim = ref((a: number, b: number) => (a === b ? 1 : tokenSimilarity(view, a, b)));
            parts.push(`(s < 0 ? (s = ${sim}(${ids}[i], ${ids}[j])) : s) >= ${spec.tokens}`);
          }
          if (spec.jw !== undefined) parts.push(`${ref(jaroWinkler)}(${ref(view.values)}[${ids}[i]], ${ref(view.values)}[${ids}[j]]) >= ${spec.jw}`);
          if (spec.lev !== undefined) {
            const lev = ref((a: string, b: string) => Math.abs(a.length - b.length) <= spec.lev! && levenshtein(a, b) <= spec.lev!);
            parts.push(`${lev}(${ref(view.values)}[${ids}[i]], ${ref(view.values)}[${ids}[j]])`);
          }
        }
      }
      for (const a of spec.also ?? []) { const o = ref((columns.fields[a] as KeyColumn | StringColumn).ids); parts.push(`${o}[i] >= 0 && ${o}[i] === ${o}[j]`); }
      if (spec.absent !== undefined) parts.push(`!${present(spec.absent)}`);
      return parts.join(' && ');
    });
    // a comparison's distance and token similarity are computed at most once per pair
    const any = fieldsUsed.map(present).join(' || ');
    body.push(`// ${c.name}`, 'd = -1; s = -1;', `if (${any}) {`);
    conds.forEach((cond, l) => body.push(`  ${l ? 'else ' : ''}if (${cond}) p += ${(l + 1) * stride[k]};`));
    body.push(`  else p += ${(c.levels.length + 1) * stride[k]};`, '}');
    levelBodies.push([`let d = -1, s = -1;`, `if (!(${any})) return 0;`, ...conds.map((cond, l) => `if (${cond}) return ${l + 1};`), `return ${c.levels.length + 1};`].join('\n'));
  });
  body.push('return p;');
  // generated from the validated config only
  const make = (name: string, code: string) => new Function('R', `return function ${name}(i, j) {\n${code}\n};`)(refs) as (i: number, j: number) => number;
  const levels = levelBodies.map((code, k) => make(`level${k}`, code));
  return { pattern: make('pattern', body.join('\n')), level: (c, i, j) => levels[c](i, j) };
}
