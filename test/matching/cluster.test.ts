import { describe, expect, it } from 'vitest';
import { cluster } from '../../matching/index.js';

describe('clustering', () => {
  it('merges pairs above the threshold; the rest stay singletons', () => {
    const c = cluster(5, Int32Array.of(0, 1, 3), Int32Array.of(1, 2, 4), Float64Array.of(8, 6, -2), 0, { warnSize: 20, maxSize: 50 });
    expect(Array.from(c.clusterOf)).toEqual([0, 0, 0, 1, 2]);
    expect(c.histogram).toEqual({ 3: 1, 1: 2 });
  });

  it('splits a component above the limit by cutting its weakest edges, and warns', () => {
    // two chains of 30 records, strongly linked inside, joined by one weak edge
    const left: number[] = [], right: number[] = [], w: number[] = [];
    for (let i = 0; i < 29; i++) { left.push(i); right.push(i + 1); w.push(20); }
    for (let i = 30; i < 59; i++) { left.push(i); right.push(i + 1); w.push(20); }
    left.push(29); right.push(30); w.push(1); // weakest link
    const c = cluster(60, Int32Array.from(left), Int32Array.from(right), Float64Array.from(w), 0, { warnSize: 20, maxSize: 50 });
    expect(c.split).toEqual([60]);
    expect(c.count).toBe(2);
    expect(c.clusterOf[0]).toBe(c.clusterOf[29]);
    expect(c.clusterOf[30]).toBe(c.clusterOf[59]);
    expect(c.clusterOf[29]).not.toBe(c.clusterOf[30]);
    expect(c.warnings).toEqual([30, 30]);
  });
});
