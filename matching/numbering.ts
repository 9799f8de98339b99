/**
 * Dense numbers for int32 keys, in the order first met: an open-addressing hash table on typed
 * arrays (grown at half full). Numbering the comparison patterns of 10 M candidate pairs this way
 * takes a fraction of what a Map's get and set per pair take.
 */
export class IntNumbering {
  /** Number of distinct keys met. */
  size = 0;
  private keyOf = new Int32Array(1024);
  private countOf = new Float64Array(1024);
  private slots = new Int32Array(2048).fill(-1);

  /**
   * The number of `key` (a new one, the next, when first met); counts the meeting.
   *
   * @example
   *   const n = new IntNumbering(); n.id(70); n.id(5); n.id(70) // 0, 1, 0
   */
  id(key: number): number {
    const mask = this.slots.length - 1;
    for (let s = IntNumbering.hash(key) & mask; ; s = (s + 1) & mask) {
      const q = this.slots[s];
      if (q < 0) {
        const added = this.push(key);
        this.slots[s] = added;
        if (this.size * 2 > this.slots.length) this.rehash();
        return added;
      }
      if (this.keyOf[q] === key) { this.countOf[q]++; return q; }
    }
  }

  /** The keys, by number. */
  keys(): Int32Array {
    return this.keyOf.slice(0, this.size);
  }

  /** How many times each key was met, by number. */
  counts(): Float64Array {
    return this.countOf.slice(0, this.size);
  }

  private static hash(key: number): number {
    const h = Math.imul(key, 0x9e3779b1);
    return h ^ (h >>> 16);
  }

  private push(key: number): number {
    if (this.size === this.keyOf.length) {
      const keys = new Int32Array(this.size * 2), counts = new Float64Array(this.size * 2);
      keys.set(this.keyOf);
      counts.set(this.countOf);
      this.keyOf = keys;
      this.countOf = counts;
    }
    const q = this.size++;
    this.keyOf[q] = key;
    this.countOf[q] = 1;
    return q;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let q = 0; q < this.size; q++) {
      let s = IntNumbering.hash(this.keyOf[q]) & mask;
      while (this.slots[s] >= 0) s = (s + 1) & mask;
      this.slots[s] = q;
    }
  }
}

/**
 * A string's 32-bit hash (FNV-1a over its UTF-16 code units, then murmur3's finaliser so the low
 * bits a table's mask keeps are well mixed). The same on every thread: a worker hashes the values
 * it sends, and the thread that numbers them does not read their characters again.
 *
 * @example
 *   stringHash('ccas rennes') === stringHash('ccas ' + 'rennes') // true
 */
export function stringHash(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Dense numbers for strings, in the order first met (the values by number in {@link values}): an
 * open-addressing table of numbers on typed arrays, keyed by {@link stringHash}, where the strings
 * are compared only when their hashes are equal. Given the hashes (computed where the strings were
 * made, e.g. on a worker), numbering two million new strings takes a fifth of a Map's get and set.
 */
export class StringNumbering {
  /** The strings, by number. */
  readonly values: string[] = [];
  private hashOf = new Int32Array(1024);
  private slots = new Int32Array(2048).fill(-1);

  get size(): number {
    return this.values.length;
  }

  /**
   * The number of `value` (the next one when first met). `hash` must be `stringHash(value)`.
   *
   * @example
   *   const n = new StringNumbering(); n.id('a'); n.id('b'); n.id('a') // 0, 1, 0
   */
  id(value: string, hash = stringHash(value)): number {
    const slots = this.slots, mask = slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const q = slots[s];
      if (q < 0) {
        const added = this.values.length;
        if (added === this.hashOf.length) {
          const grown = new Int32Array(added * 2);
          grown.set(this.hashOf);
          this.hashOf = grown;
        }
        this.values.push(value);
        this.hashOf[added] = hash;
        slots[s] = added;
        if (this.values.length * 2 > slots.length) this.rehash();
        return added;
      }
      if (this.hashOf[q] === hash && this.values[q] === value) return q;
    }
  }

  /** The hashes of the strings, by number (a copy). */
  hashes(): Int32Array {
    return this.hashOf.slice(0, this.values.length);
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let q = 0; q < this.values.length; q++) {
      let s = this.hashOf[q] & mask;
      while (this.slots[s] >= 0) s = (s + 1) & mask;
      this.slots[s] = q;
    }
  }
}
