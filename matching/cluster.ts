/**
 * Clustering: connected components over pairs at or above the threshold (union-find on typed
 * arrays), then guards — a component above `maxSize` is rebuilt from its strongest edges with a
 * size cap, which cuts its weakest links; components above `warnSize` are reported.
 *
 * With `minAverage` (average linkage, the built-in config's 0.3) the components are built from the
 * strongest pair down, and a pair at or above the threshold joins two groups only when the mean
 * match probability over every pair between them reaches `minAverage` — a pair that was never
 * scored, or scored below 1 %, counts 0. Two records alone join as before (their one pair is the
 * mean); a chain of pairs no longer joins two groups that one strong pair links and everything else
 * tells apart.
 */
import { probabilityOf } from './model/score.js';

export interface ClusterLimits {
  warnSize: number;
  maxSize: number;
  /** Average linkage: the mean probability over all pairs between two groups needed to join them (0 or absent: connected components). */
  minAverage?: number;
}

export interface ClusterResult {
  /** Cluster number per record (0-based, numbered by each cluster's first record). */
  clusterOf: Int32Array;
  count: number;
  /** size → number of clusters */
  histogram: Record<string, number>;
  /** Components that were split because they exceeded maxSize (their size before splitting). */
  split: number[];
  /** Clusters larger than warnSize after splitting (their sizes). */
  warnings: number[];
  /** Average linkage: pairs at or above the threshold that did not join their two groups (their mean was below minAverage). */
  refused: number;
}

class UnionFind {
  parent: Int32Array;
  size: Int32Array;
  /** `n` singletons, in `parent` and `size` when given (work arrays of n, overwritten). */
  constructor(n: number, parent: Int32Array = new Int32Array(n), size: Int32Array = new Int32Array(n)) {
    this.parent = parent;
    this.size = size.fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]];
      x = p[x];
    }
    return x;
  }
  union(a: number, b: number, cap = Infinity): boolean {
    let ra = this.find(a), rb = this.find(b);
    if (ra === rb) return false;
    if (this.size[ra] + this.size[rb] > cap) return false;
    if (this.size[ra] < this.size[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
    return true;
  }
}

/**
 * The work arrays of the clusterings of one set of pairs (`left` their key: self-calibration's
 * rounds and the final clustering cluster the same pairs), reused rather than allocated anew each
 * time: every 64 MB of new array memory sets off a full collection of the main thread's heap, and
 * new memory costs this VM its page faults. Only arrays a result does not keep; each is as long as
 * the longest asked for, and lent as a view of the length asked.
 */
const workArrays = new WeakMap<Int32Array, Map<string, Int32Array>>();

function work(left: Int32Array, name: string, length: number): Int32Array {
  let arrays = workArrays.get(left);
  if (!arrays) workArrays.set(left, (arrays = new Map()));
  let a = arrays.get(name);
  if (!a || a.length < length) arrays.set(name, (a = new Int32Array(length)));
  return a.subarray(0, length);
}

/**
 * Clusters n records given scored pairs.
 *
 * Only the pairs a clustering reads (those at or above the threshold, and with average linkage
 * those it counts in a mean) and the records they name take part: they are gathered once, their
 * records numbered densely in record order, and the union-find, the guards and average linkage
 * run on those numbers (at 1 M records, 0.19 M of 10.4 M candidate pairs, and per-record arrays a
 * fifth as long). The numbering keeps the records' order, so every step is the one it would be on
 * the records themselves: the same clusters.
 *
 * @example
 *   const c = cluster(4, Int32Array.of(0, 2), Int32Array.of(1, 3), Float64Array.of(10, -3), 0, { warnSize: 20, maxSize: 50 });
 *   c.clusterOf // Int32Array [0, 0, 1, 2]
 */
export function cluster(
  n: number,
  left: Int32Array,
  right: Int32Array,
  weight: Float64Array,
  minWeight: number,
  limits: ClusterLimits,
): ClusterResult {
  // one pass over every pair: those average linkage counts (at or above LINK_FLOOR), among them those kept
  const counted = atLeast(weight, limits.minAverage ? Math.min(minWeight, LINK_FLOOR_WEIGHT) : minWeight);
  const C = counted.length;
  // the records they name, numbered densely in record order (-1: in no such pair, a singleton)
  // the pairs, gathered once, then on those numbers
  const local = work(left, 'local', n).fill(-1);
  const l = new Int32Array(C), r = new Int32Array(C), w = new Float64Array(C);
  for (let q = 0; q < C; q++) {
    const k = counted[q];
    const a = (l[q] = left[k]), b = (r[q] = right[k]);
    w[q] = weight[k];
    local[a] = 0; local[b] = 0;
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (local[i] === 0) local[i] = m++;
  let keptCount = 0;
  for (let q = 0; q < C; q++) {
    l[q] = local[l[q]]; r[q] = local[r[q]];
    if (w[q] >= minWeight) keptCount++;
  }
  let uf = new UnionFind(m, work(left, 'parent', m), work(left, 'size', m));
  const kept = new Int32Array(keptCount);
  for (let q = 0, c = 0; q < C; q++) if (w[q] >= minWeight) { kept[c++] = q; uf.union(l[q], r[q]); }
  const split: number[] = [];
  const big = new Set<number>();
  for (let i = 0; i < m; i++) if (uf.parent[i] === i && uf.size[i] > limits.maxSize) { big.add(i); split.push(uf.size[i]); }
  let refused = 0;
  if (limits.minAverage) {
    const linked = averageLinkage(m, l, r, w, kept, limits.minAverage, limits.maxSize, left);
    uf = linked.uf;
    refused = linked.refused;
  } else if (big.size) {
    // Rebuild oversize components: strongest edges first, never letting a part exceed maxSize.
    const edges = strongestFirst(kept.filter((q) => big.has(uf.find(l[q]))), m, l, r, w);
    const inBig = new Uint8Array(m);
    for (let i = 0; i < m; i++) if (big.has(uf.find(i))) inBig[i] = 1;
    for (let i = 0; i < m; i++) if (inBig[i]) { uf.parent[i] = i; uf.size[i] = 1; }
    for (const q of edges) uf.union(l[q], r[q], limits.maxSize);
  }
  const clusterOf = new Int32Array(n);
  // cluster number per root, in order of each cluster's first record; then sizes, counted
  const rootId = work(left, 'rootId', m).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const j = local[i];
    if (j < 0) { clusterOf[i] = count++; continue; }
    const root = uf.find(j);
    if (rootId[root] < 0) rootId[root] = count++;
    clusterOf[i] = rootId[root];
  }
  const sizes = new Int32Array(count);
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, ++sizes[clusterOf[i]]);
  const bySize = new Int32Array(largest + 1);
  const warnings: number[] = [];
  for (let c = 0; c < count; c++) {
    const s = sizes[c];
    bySize[s]++;
    if (s > limits.warnSize) warnings.push(s);
  }
  const histogram: Record<string, number> = {};
  for (let s = 1; s <= largest; s++) if (bySize[s]) histogram[s] = bySize[s];
  return { clusterOf, count, histogram, split, warnings, refused };
}

/** Pairs scored below this probability count 0 in a mean (they would add less than 1 % each). */
export const LINK_FLOOR = 0.01;
const LINK_FLOOR_WEIGHT = Math.log2(LINK_FLOOR / (1 - LINK_FLOOR));

/** The indexes of the weights at or above `min`, ascending (one pass; the array grows as it fills). */
function atLeast(weight: Float64Array, min: number): Int32Array {
  let out = new Int32Array(1 << 16);
  let q = 0;
  for (let k = 0; k < weight.length; k++) {
    if (!(weight[k] >= min)) continue;
    if (q === out.length) { const grown = new Int32Array(out.length * 2); grown.set(out); out = grown; }
    out[q++] = k;
  }
  return out.subarray(0, q);
}

/**
 * Average linkage over the pairs `kept` (those at or above the threshold), strongest first, each
 * group capped at `maxSize`: a pair joins its two groups when the mean probability over all pairs
 * between them (every pair of `left`/`right`, those below {@link LINK_FLOOR} or never scored
 * counting 0) is at least `minAverage`. The mean is summed over the smaller group's pairs, so a
 * test costs the pairs of at most `maxSize` / 2 records. `n` records; `key` keys the work arrays.
 */
function averageLinkage(
  n: number, left: Int32Array, right: Int32Array, weight: Float64Array, kept: Int32Array, minAverage: number, maxSize: number, key: Int32Array,
): { uf: UnionFind; refused: number } {
  // every pair worth counting (those below LINK_FLOOR left out), both ways, as compressed rows:
  // record → (other record, probability)
  const degree = work(key, 'degree', n + 1).fill(0);
  let m = 0;
  for (let k = 0; k < weight.length; k++) {
    if (weight[k] >= LINK_FLOOR_WEIGHT) { degree[left[k] + 1]++; degree[right[k] + 1]++; m += 2; }
  }
  for (let i = 0; i < n; i++) degree[i + 1] += degree[i];
  const other = new Int32Array(m), prob = new Float64Array(m), fill = work(key, 'fill', n);
  fill.set(degree.subarray(0, n));
  for (let k = 0; k < weight.length; k++) {
    if (weight[k] < LINK_FLOOR_WEIGHT) continue;
    const p = probabilityOf(weight[k]);
    other[fill[left[k]]] = right[k]; prob[fill[left[k]]++] = p;
    other[fill[right[k]]] = left[k]; prob[fill[right[k]]++] = p;
  }
  const uf = new UnionFind(n, work(key, 'linkParent', n), work(key, 'linkSize', n));
  // members of a group as a circular list through next[]
  const next = work(key, 'next', n);
  for (let i = 0; i < n; i++) next[i] = i;
  const order = strongestFirst(kept, n, left, right, weight);
  let refused = 0;
  for (let o = 0; o < order.length; o++) {
    const k = order[o];
    let ra = uf.find(left[k]), rb = uf.find(right[k]);
    if (ra === rb) continue;
    const sa = uf.size[ra], sb = uf.size[rb];
    if (sa + sb > maxSize) continue;
    if (sa > 1 || sb > 1) {
      if (sa > sb) [ra, rb] = [rb, ra];
      let sum = 0;
      let i = ra;
      do {
        for (let e = degree[i]; e < degree[i + 1]; e++) if (uf.find(other[e]) === rb) sum += prob[e];
        i = next[i];
      } while (i !== ra);
      if (sum < minAverage * sa * sb) { refused++; continue; }
    }
    // join the lists, then the sets
    const t = next[ra]; next[ra] = next[rb]; next[rb] = t;
    uf.union(ra, rb);
  }
  return { uf, refused };
}

/**
 * The pairs `kept` (indexes into left/right/weight) strongest first: by weight descending, then
 * left record, then right record ascending — the order a sort with that comparator gives, by
 * stable radix passes of 11 bits (right, left, then the weight's rank among the distinct weights):
 * a comparator sort cost 0.2 s and its garbage, and passes with a bucket per record as much.
 *
 * @example
 *   strongestFirst(Int32Array.of(0, 1, 2), 3, Int32Array.of(0, 0, 1), Int32Array.of(2, 1, 2), Float64Array.of(1, 5, 5)) // [1, 2, 0]
 */
export function strongestFirst(kept: Int32Array, n: number, left: Int32Array, right: Int32Array, weight: Float64Array): Int32Array {
  const K = kept.length;
  // the distinct weights, ascending (a typed array's own sort), and each kept pair's rank from the strongest
  const distinct = new Float64Array(K);
  for (let q = 0; q < K; q++) distinct[q] = weight[kept[q]];
  distinct.sort();
  let D = 0;
  for (let q = 0; q < K; q++) if (D === 0 || distinct[q] !== distinct[D - 1]) distinct[D++] = distinct[q];
  // the sort keys, by position in kept
  const rank = new Int32Array(K), l = new Int32Array(K), r = new Int32Array(K);
  for (let q = 0; q < K; q++) {
    const k = kept[q];
    const w = weight[k];
    let lo = 0, hi = D - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid] < w) lo = mid + 1;
      else hi = mid;
    }
    rank[q] = D - 1 - lo;
    l[q] = left[k];
    r[q] = right[k];
  }
  // positions into kept, sorted stably by each key in turn, least significant first
  let from = new Int32Array(K), to = new Int32Array(K);
  for (let q = 0; q < K; q++) from[q] = q;
  const count = new Int32Array(RADIX + 1);
  const byDigits = (key: Int32Array, max: number) => {
    for (let shift = 0; shift === 0 || (shift < 32 && max >>> shift > 0); shift += RADIX_BITS) {
      count.fill(0);
      for (let a = 0; a < K; a++) count[((key[from[a]] >>> shift) & (RADIX - 1)) + 1]++;
      for (let b = 0; b < RADIX; b++) count[b + 1] += count[b];
      for (let a = 0; a < K; a++) { const q = from[a]; to[count[(key[q] >>> shift) & (RADIX - 1)]++] = q; }
      [from, to] = [to, from];
    }
  };
  byDigits(r, n);
  byDigits(l, n);
  byDigits(rank, D);
  for (let a = 0; a < K; a++) to[a] = kept[from[a]];
  return to;
}

const RADIX_BITS = 11;
const RADIX = 1 << RADIX_BITS;
