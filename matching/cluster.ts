/**
 * Clustering: connected components over pairs at or above the threshold (union-find on typed
 * arrays), then guards — a component above `maxSize` is rebuilt from its strongest edges with a
 * size cap, which cuts its weakest links; components above `warnSize` are reported.
 */

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
}

class UnionFind {
  parent: Int32Array;
  size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
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
 * Clusters n records given scored pairs.
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
  limits: { warnSize: number; maxSize: number },
): ClusterResult {
  const uf = new UnionFind(n);
  const kept: number[] = [];
  for (let k = 0; k < left.length; k++) if (weight[k] >= minWeight) { kept.push(k); uf.union(left[k], right[k]); }
  const split: number[] = [];
  const big = new Set<number>();
  for (let i = 0; i < n; i++) if (uf.parent[i] === i && uf.size[i] > limits.maxSize) { big.add(i); split.push(uf.size[i]); }
  if (big.size) {
    // Rebuild oversize components: strongest edges first, never letting a part exceed maxSize.
    const edges = kept.filter((k) => big.has(uf.find(left[k])));
    edges.sort((a, b) => weight[b] - weight[a] || left[a] - left[b] || right[a] - right[b]);
    const inBig = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (big.has(uf.find(i))) inBig[i] = 1;
    for (let i = 0; i < n; i++) if (inBig[i]) { uf.parent[i] = i; uf.size[i] = 1; }
    for (const k of edges) uf.union(left[k], right[k], limits.maxSize);
  }
  const clusterOf = new Int32Array(n).fill(-1);
  const rootId = new Map<number, number>();
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    let c = rootId.get(r);
    if (c === undefined) {
      c = sizes.length;
      rootId.set(r, c);
      sizes.push(0);
    }
    clusterOf[i] = c;
    sizes[c]++;
  }
  const histogram: Record<string, number> = {};
  const warnings: number[] = [];
  for (const s of sizes) {
    histogram[s] = (histogram[s] ?? 0) + 1;
    if (s > limits.warnSize) warnings.push(s);
  }
  return { clusterOf, count: sizes.length, histogram, split, warnings };
}
