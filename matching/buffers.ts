/**
 * Typed arrays over SharedArrayBuffer: built once on the main thread, read by every worker
 * without a copy (structured clone of a SAB-backed view shares the memory).
 */

/** @example const ids = sharedInt32(1000); */
export const sharedInt32 = (n: number): Int32Array => new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n);
/** @example const lat = sharedFloat64(1000); */
export const sharedFloat64 = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(Math.max(1, n) * 8), 0, n);
/** @example const chars = sharedUint16(1000); */
export const sharedUint16 = (n: number): Uint16Array => new Uint16Array(new SharedArrayBuffer(Math.max(1, n) * 2), 0, n);

/** Copies a typed array into shared memory. */
export function toSharedInt32(a: ArrayLike<number>): Int32Array {
  const out = sharedInt32(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i];
  return out;
}

/**
 * Packs strings into shared memory (UTF-16 code units + offsets) so workers can rebuild them.
 *
 * @example
 *   const packed = packStrings(['a', 'bc']);
 *   unpackStrings(packed) // ['a', 'bc']
 */
export function packStrings(values: readonly string[]): { chars: Uint16Array; offsets: Int32Array } {
  let total = 0;
  for (const v of values) total += v.length;
  const chars = sharedUint16(total);
  const offsets = sharedInt32(values.length + 1);
  let p = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    for (let k = 0; k < v.length; k++) chars[p + k] = v.charCodeAt(k);
    p += v.length;
    offsets[i + 1] = p;
  }
  return { chars, offsets };
}

/** The strings packed by {@link packStrings}. */
export function unpackStrings(packed: { chars: Uint16Array; offsets: Int32Array }): string[] {
  const { chars, offsets } = packed;
  const n = offsets.length - 1;
  const out = new Array<string>(n);
  const CHUNK = 8192;
  for (let i = 0; i < n; i++) {
    const a = offsets[i], b = offsets[i + 1];
    if (b - a <= CHUNK) out[i] = String.fromCharCode.apply(null, chars.subarray(a, b) as unknown as number[]);
    else {
      let s = '';
      for (let k = a; k < b; k += CHUNK) s += String.fromCharCode.apply(null, chars.subarray(k, Math.min(b, k + CHUNK)) as unknown as number[]);
      out[i] = s;
    }
  }
  return out;
}

/**
 * `value` with every typed array in it (in nested objects and arrays) copied into shared memory,
 * the rest as it is: what a worker sends back then crosses without a copy, and its arrays do not
 * count against the receiving thread's heap (ArrayBuffers arriving on the main thread set off a
 * full collection of its heap every ~64 MB; shared memory does not).
 *
 * @example
 *   const part = toShared({ ids: new Int32Array(3), name: 'a' }); // part.ids.buffer: SharedArrayBuffer
 */
export function toShared<T>(value: T): T {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    if (value.buffer instanceof SharedArrayBuffer) return value;
    const a = value as unknown as Int32Array;
    const Ctor = a.constructor as new (buffer: SharedArrayBuffer, offset: number, length: number) => Int32Array;
    const out = new Ctor(new SharedArrayBuffer(Math.max(1, a.byteLength)), 0, a.length);
    out.set(a);
    return out as unknown as T;
  }
  if (Array.isArray(value)) return value.map(toShared) as unknown as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toShared(v);
    return out as T;
  }
  return value;
}
