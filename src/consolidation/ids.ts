/**
 * Stable ids: a cluster keeps its id from one run to the next. A new cluster inherits the id of the
 * previous cluster it overlaps most; splits and merges are recorded (old id → new id) so that a
 * consumer following an id always finds where it went.
 */
import { createHash } from 'node:crypto';

export type IdChangeKind = 'split' | 'merge' | 'retired';

export interface IdChange {
  old_id: string;
  /** '' when the old cluster's members all left the référentiel. */
  new_id: string;
  kind: IdChangeKind;
}

export interface IdAssignment {
  ids: string[];
  changes: IdChange[];
}

/**
 * A new id from a cluster's smallest member id: the same input gives the same ids even on an empty store.
 *
 * @example
 *   mintId('dora--42') // 'rcp-…' (12 hex digits)
 */
export function mintId(seed: string, salt = 0): string {
  return `rcp-${createHash('sha1').update(salt ? `${seed}#${salt}` : seed).digest('hex').slice(0, 12)}`;
}

/**
 * @param clusters member ids of each new cluster
 * @param previous member id → the id of its cluster in the last publication
 * @param used every id ever published (never handed out again to a different place)
 * @example
 *   assignStableIds([['a', 'b'], ['c']], new Map([['a', 'rcp-1'], ['b', 'rcp-1'], ['c', 'rcp-1']]), new Set(['rcp-1']))
 *   // { ids: ['rcp-1', 'rcp-…'], changes: [{ old_id: 'rcp-1', new_id: 'rcp-…', kind: 'split' }] }
 */
export function assignStableIds(clusters: string[][], previous: Map<string, string>, used: Set<string>): IdAssignment {
  const overlaps: { c: number; old: string; n: number; min: string }[] = [];
  const mins = clusters.map((members) => members.reduce((a, b) => (b < a ? b : a)));
  clusters.forEach((members, c) => {
    const counts = new Map<string, number>();
    for (const m of members) {
      const old = previous.get(m);
      if (old !== undefined) counts.set(old, (counts.get(old) ?? 0) + 1);
    }
    for (const [old, n] of counts) overlaps.push({ c, old, n, min: mins[c] });
  });
  overlaps.sort((a, b) => b.n - a.n || (a.old < b.old ? -1 : a.old > b.old ? 1 : 0) || (a.min < b.min ? -1 : 1));
  const ids: (string | undefined)[] = new Array(clusters.length).fill(undefined);
  const taken = new Set<string>();
  for (const o of overlaps) {
    if (ids[o.c] !== undefined || taken.has(o.old)) continue;
    ids[o.c] = o.old;
    taken.add(o.old);
  }
  const handed = new Set<string>(taken);
  for (let c = 0; c < clusters.length; c++) {
    if (ids[c] !== undefined) continue;
    let salt = 0;
    let id = mintId(mins[c]);
    while (used.has(id) || handed.has(id)) id = mintId(mins[c], ++salt);
    ids[c] = id;
    handed.add(id);
  }
  // where did each old cluster's members go?
  const destinations = new Map<string, Set<string>>();
  for (const o of overlaps) {
    const set = destinations.get(o.old) ?? new Set<string>();
    set.add(ids[o.c]!);
    destinations.set(o.old, set);
  }
  const changes: IdChange[] = [];
  const olds = [...new Set(previous.values())].sort();
  for (const old of olds) {
    const dest = [...(destinations.get(old) ?? [])].sort();
    if (dest.length === 0) changes.push({ old_id: old, new_id: '', kind: 'retired' });
    else if (taken.has(old)) for (const d of dest) { if (d !== old) changes.push({ old_id: old, new_id: d, kind: 'split' }); }
    else for (const d of dest) changes.push({ old_id: old, new_id: d, kind: 'merge' });
  }
  return { ids: ids as string[], changes };
}
