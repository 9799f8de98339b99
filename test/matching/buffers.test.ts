import { describe, expect, it } from 'vitest';
import { packStrings, toShared, unpackStrings } from '../../matching/buffers.js';

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

describe('packStrings', () => {
  it('packs every code unit (accents, emoji, a lone surrogate, empty strings, values longer than a batch) and unpacks the same strings', () => {
    const long = 'é'.repeat(70_000) + 'x';
    const values = ['', 'mairie', 'crèche « les petits »', '😀 ok', 'a\ud800b', '', long, ...Array.from({ length: 30_000 }, (_, i) => `ccas ${i} — ${'ü'.repeat(i % 5)}`), ''];
    const packed = packStrings(values);
    expect(packed.chars.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(packed.offsets[values.length]).toBe(values.reduce((a, v) => a + v.length, 0));
    expect(unpackStrings(packed)).toEqual(values);
    expect(packed.chars[packed.offsets[4] + 1]).toBe(0xd800);
    expect(unpackStrings(packStrings([]))).toEqual([]);
  });
});
