/**
 * Records held column by column: per key, every record's value as text joined into one string
 * with the end offset of each. The JSON Lines reader's workers return their ranges this way;
 * normalisation slices a chunk of a column without ever building a record object, so a million
 * records cost a few dozen strings instead of a million objects and twenty million small strings.
 */
import type { JoinedStrings } from './task-data.js';

const EMPTY: JoinedStrings = { text: '', ends: new Int32Array(0) };

/**
 * Records as joined text columns (values as {@link asText} writes them: trimmed, '' when absent).
 *
 * @example
 *   const r = JoinedRecords.concat(['id', 'nom'], [{ rows: 2, columns: [{ text: 'ab', ends: Int32Array.of(1, 2) }, { text: 'XY', ends: Int32Array.of(1, 2) }] }]);
 *   r.value('nom', 1) // "Y"
 *   r.rows()          // [{ id: 'a', nom: 'X' }, { id: 'b', nom: 'Y' }]
 */
export class JoinedRecords {
  private readonly byKey: Map<string, JoinedStrings>;

  constructor(readonly n: number, readonly keys: readonly string[], columns: readonly JoinedStrings[]) {
    if (columns.length !== keys.length) throw new Error(`${columns.length} columns for ${keys.length} keys`);
    for (const [k, c] of columns.entries()) {
      if (c.ends.length !== n) throw new Error(`column "${keys[k]}" has ${c.ends.length} values, expected ${n}`);
    }
    this.byKey = new Map(keys.map((k, i) => [k, columns[i]]));
  }

  /** Joins the parts (ranges read in order) of the same keys into one column per key. */
  static concat(keys: readonly string[], parts: readonly { rows: number; columns: readonly JoinedStrings[] }[]): JoinedRecords {
    const n = parts.reduce((s, p) => s + p.rows, 0);
    const columns = keys.map((_, k): JoinedStrings => {
      const ends = new Int32Array(n);
      const texts: string[] = [];
      let at = 0, base = 0;
      for (const p of parts) {
        const c = p.columns[k];
        for (let i = 0; i < p.rows; i++) ends[at + i] = base + c.ends[i];
        at += p.rows;
        base += c.text.length;
        texts.push(c.text);
      }
      return { text: texts.join(''), ends };
    });
    return new JoinedRecords(n, keys, columns);
  }

  /** The value of `key` for record i ('' when the key is not held). */
  value(key: string, i: number): string {
    const c = this.byKey.get(key);
    if (!c) return '';
    return c.text.slice(i > 0 ? c.ends[i - 1] : 0, c.ends[i]);
  }

  /** Records [start, end) as objects holding every key (for the APIs that want rows). */
  rows(start = 0, end = this.n): Record<string, unknown>[] {
    const out = new Array<Record<string, unknown>>(end - start);
    for (let i = start; i < end; i++) {
      const r: Record<string, unknown> = {};
      for (const k of this.keys) r[k] = this.value(k, i);
      out[i - start] = r;
    }
    return out;
  }

  /**
   * The values of records [start, end) for a raw column: one key's values as they are, several
   * keys' non-empty values joined by a space (as normalisation reads a record).
   */
  joined(keys: readonly string[], start: number, end: number): JoinedStrings {
    if (keys.length === 1) {
      const c = this.byKey.get(keys[0]) ?? EMPTY;
      if (c === EMPTY) return { text: '', ends: new Int32Array(end - start) };
      const a = start > 0 ? c.ends[start - 1] : 0;
      const ends = c.ends.slice(start, end);
      if (a) for (let i = 0; i < ends.length; i++) ends[i] -= a;
      return { text: c.text.slice(a, end > start ? c.ends[end - 1] : a), ends };
    }
    const ends = new Int32Array(end - start);
    let text = '';
    for (let i = start; i < end; i++) {
      text += this.raw1(keys, i);
      ends[i - start] = text.length;
    }
    return { text, ends };
  }

  /** The raw strings of records [start, end) for a raw column (see {@link joined}). */
  raw(keys: readonly string[], start: number, end: number): string[] {
    const out = new Array<string>(end - start);
    for (let i = start; i < end; i++) out[i - start] = this.raw1(keys, i);
    return out;
  }

  private raw1(keys: readonly string[], i: number): string {
    if (keys.length === 1) return this.value(keys[0], i);
    let out = '';
    for (const k of keys) {
      const v = this.value(k, i);
      if (v) out = out ? out + ' ' + v : v;
    }
    return out;
  }
}
