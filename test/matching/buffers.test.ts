import { describe, expect, it } from 'vitest';
import { toShared } from '../../matching/buffers.js';

describe('toShared', () => {
  it('copies every typed array of nested objects and arrays into shared memory, the rest as it is', () => {
    const shared = new Int32Array(new SharedArrayBuffer(8));
    const part = { rows: 3, out: [{ ids: Int32Array.of(1, -2, 3) }, { lat: Float64Array.of(45.5, 2.25), lon: null }], values: [['a', 'b'], null], ids: { text: 'x\ny', ends: Int32Array.of(1, 3).subarray(1) }, shared };
    const out = toShared(part);
    expect(out).toEqual(part);
    expect(out.out[0].ids!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(out.out[1].lat!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(out.out[1].lat).toBeInstanceOf(Float64Array);
    expect(Array.from(out.ids.ends)).toEqual([3]);
    expect(out.ids.ends.buffer).toBeInstanceOf(SharedArrayBuffer);
    // shared already: the same array; the input is not changed
    expect(out.shared).toBe(shared);
    expect(part.out[0].ids!.buffer).toBeInstanceOf(ArrayBuffer);
    expect(toShared(new Uint8Array(0)).length).toBe(0);
  });
});
