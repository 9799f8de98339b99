import { describe, expect, it } from 'vitest';
import { assignStableIds, mintId, duplicatesReport } from '../../src/consolidation/index.js';

describe('stable ids', () => {
  it('the same input gives the same ids on an empty store', () => {
    const a = assignStableIds([['b', 'a'], ['c']], new Map(), new Set());
    const b = assignStableIds([['c'], ['a', 'b']], new Map(), new Set());
    expect(a.ids).toEqual([mintId('a'), mintId('c')]);
    expect(b.ids).toEqual([mintId('c'), mintId('a')]);
  });
  it('a cluster keeps its id when a member is added or removed', () => {
    const prev = new Map([['a', 'X'], ['b', 'X'], ['c', 'Y']]);
    expect(assignStableIds([['a', 'b', 'n'], ['c']], prev, new Set(['X', 'Y'])).ids).toEqual(['X', 'Y']);
    expect(assignStableIds([['b'], ['c']], prev, new Set(['X', 'Y']))).toEqual({ ids: ['X', 'Y'], changes: [] });
  });
  it('a split keeps the id on the larger part and records old → new', () => {
    const prev = new Map([['a', 'X'], ['b', 'X'], ['c', 'X']]);
    const r = assignStableIds([['a', 'b'], ['c']], prev, new Set(['X']));
    expect(r.ids[0]).toBe('X');
    expect(r.changes).toEqual([{ old_id: 'X', new_id: r.ids[1], kind: 'split' }]);
  });
  it('a merge keeps the id of the larger overlap and records the absorbed id', () => {
    const prev = new Map([['a', 'X'], ['b', 'X'], ['c', 'Y']]);
    const r = assignStableIds([['a', 'b', 'c']], prev, new Set(['X', 'Y']));
    expect(r.ids).toEqual(['X']);
    expect(r.changes).toEqual([{ old_id: 'Y', new_id: 'X', kind: 'merge' }]);
  });
  it('a cluster whose members all left is retired, and its id is never handed out again', () => {
    const prev = new Map([['a', mintId('a')]]);
    const r = assignStableIds([['z']], prev, new Set([mintId('a'), mintId('z')]));
    expect(r.changes).toEqual([{ old_id: mintId('a'), new_id: '', kind: 'retired' }]);
    expect(r.ids[0]).not.toBe(mintId('z'));
    expect(r.ids[0]).toBe(mintId('z', 1));
  });
});

describe('duplicates report', () => {
  it('share of same-source duplicates and pairs per source pair', () => {
    const r = duplicatesReport([['dora', 'dora', 'emplois'], ['dora'], ['emplois', 'soliguide']]);
    expect(r.bySource).toEqual([
      { source: 'dora', structures: 3, with_same_source_duplicate: 2, share: 0.6667 },
      { source: 'emplois', structures: 2, with_same_source_duplicate: 0, share: 0 },
      { source: 'soliguide', structures: 1, with_same_source_duplicate: 0, share: 0 },
    ]);
    expect(r.bySourcePair).toEqual([
      { source_a: 'dora', source_b: 'emplois', clusters: 1, pairs: 2 },
      { source_a: 'emplois', source_b: 'soliguide', clusters: 1, pairs: 1 },
    ]);
  });
});
