/**
 * Which producers list one real-world structure: the cluster size from the measured histogram,
 * the sources from the measured source-pair counts, the kind of structure from what those
 * producers carry.
 */
import { KIND_LIST, type Kind } from './kinds.js';
import { Rng, Weighted } from './rng.js';
import { CLUSTER_SIZE_SHARE, OTHER_PAIR_WEIGHT, PAIR_COUNTS, SOURCES, SOURCE_VOLUME, type SourceSlug } from './targets.js';

const key = (a: SourceSlug, b: SourceSlug) => (a < b ? `${a}|${b}` : `${b}|${a}`);
const LISTED = new Set(PAIR_COUNTS.map(([a, b]) => key(a, b)));

/** Adds every pair of a cluster's sources to `into` (keys `a|b`, names sorted). */
export function countPairs(sources: readonly SourceSlug[], into: Map<string, number>): void {
  for (let i = 0; i < sources.length; i++) {
    for (let j = i + 1; j < sources.length; j++) {
      const k = key(sources[i] as SourceSlug, sources[j] as SourceSlug);
      into.set(k, (into.get(k) ?? 0) + 1);
    }
  }
}
const aff = (k: Kind, s: SourceSlug) => k.sources[s] ?? 0;

/** Whether some kind of structure is listed by every one of these producers. */
export function compatibleKinds(sources: readonly SourceSlug[]): Kind[] {
  const uniq = [...new Set(sources)];
  return KIND_LIST.filter((k) => uniq.every((s) => aff(k, s) > 0));
}

/** The model of cluster composition, built once. */
export class Composition {
  readonly sizes: Weighted<number>;
  /** Weight of each unordered source pair among duplicate pairs. */
  readonly pairWeight = new Map<string, number>();
  private pairs: Weighted<readonly [SourceSlug, SourceSlug]>;
  private partners = new Map<SourceSlug, Weighted<SourceSlug>>();

  private target = new Map<string, number>();
  private input = new Map<string, number>();
  /** Sources of single-record entities, weighted to meet the per-source volumes overall. */
  readonly singletons: Weighted<SourceSlug>;
  readonly singletonWeight: Record<SourceSlug, number>;

  /**
   * One round of iterative proportional fitting: scales the input weight of each measured source
   * pair by target share / observed share (clamped to [0.5, 2]) and rebuilds the tables.
   */
  refit(observed: Map<string, number>): void {
    const total = [...observed.values()].reduce((a, b) => a + b, 0);
    const targetTotal = [...this.target.values()].reduce((a, b) => a + b, 0);
    if (total === 0) return;
    for (const [k, w] of this.input) {
      if (!LISTED.has(k)) continue;
      const got = (observed.get(k) ?? 0) / total;
      const want = (this.target.get(k) as number) / targetTotal;
      if (got > 0) this.input.set(k, w * Math.min(2, Math.max(0.5, want / got)));
    }
    this.pairs = this.pairs_(this.input);
  }

  /** Pair table and, for each source, the table of its partners. */
  private pairs_(weights: Map<string, number>): Weighted<readonly [SourceSlug, SourceSlug]> {
    const pairList = [...weights.entries()].map(([k, w]) => [k.split('|') as [SourceSlug, SourceSlug], w] as const);
    this.partners = new Map();
    for (const s of SOURCES) {
      const items: SourceSlug[] = [];
      const ws: number[] = [];
      for (const [[a, b], w] of pairList) {
        if (a === s) { items.push(b); ws.push(w); } else if (b === s) { items.push(a); ws.push(w); }
      }
      if (items.length) this.partners.set(s, new Weighted(items, ws));
    }
    return new Weighted(pairList.map((p) => p[0]), pairList.map((p) => p[1]));
  }

  constructor() {
    const sizes = Object.keys(CLUSTER_SIZE_SHARE).map(Number);
    this.sizes = new Weighted(sizes, sizes.map((s) => CLUSTER_SIZE_SHARE[s] as number));

    const listed = LISTED;
    for (const [a, b, n] of PAIR_COUNTS) this.pairWeight.set(key(a, b), n);
    // the unlisted ~4 %: proportional to volumes and to how many kinds both producers carry
    const others: Array<[SourceSlug, SourceSlug, number]> = [];
    for (let i = 0; i < SOURCES.length; i++) {
      for (let j = i; j < SOURCES.length; j++) {
        const a = SOURCES[i] as SourceSlug;
        const b = SOURCES[j] as SourceSlug;
        if (listed.has(key(a, b))) continue;
        let overlap = 0;
        for (const k of KIND_LIST) overlap += k.prior * Math.min(aff(k, a), aff(k, b));
        if (overlap > 0) others.push([a, b, Math.sqrt(SOURCE_VOLUME[a] * SOURCE_VOLUME[b]) * overlap]);
      }
    }
    const otherTotal = others.reduce((s, o) => s + o[2], 0);
    for (const [a, b, w] of others) this.pairWeight.set(key(a, b), (OTHER_PAIR_WEIGHT * w) / otherTotal);
    this.pairs = this.pairs_(this.pairWeight);
    // Triples and larger clusters add pairs of their own: fit the input weights (a few rounds of
    // iterative proportional fitting, fixed seed) so that the pairs that come out match the counts.
    this.target = new Map(this.pairWeight);
    this.input = new Map(this.pairWeight);
    for (let round = 0; round < 4; round++) {
      const rng = new Rng(`composition-fit-${round}`);
      const seen = new Map<string, number>();
      for (let t = 0; t < 20000; t++) {
        let size = 1;
        while (size === 1) size = this.sizes.draw(rng);
        countPairs(this.drawMulti(size, rng), seen);
      }
      this.refit(seen);
    }

    // records per source that multi-record clusters bring, per entity (Monte Carlo, fixed seed)
    const rng = new Rng('composition-calibration');
    const fromClusters: Record<string, number> = {};
    const trials = 20000;
    let pMulti = 0;
    for (const s of sizes) if (s > 1) pMulti += CLUSTER_SIZE_SHARE[s] as number;
    for (let t = 0; t < trials; t++) {
      let size = 1;
      while (size === 1) size = this.sizes.draw(rng);
      for (const s of this.drawMulti(size, rng)) fromClusters[s] = (fromClusters[s] ?? 0) + pMulti / trials;
    }
    let meanSize = 0;
    for (const s of sizes) meanSize += s * (CLUSTER_SIZE_SHARE[s] as number);
    const volTotal = SOURCES.reduce((s, src) => s + SOURCE_VOLUME[src], 0);
    const w = {} as Record<SourceSlug, number>;
    for (const s of SOURCES) w[s] = Math.max(0, (SOURCE_VOLUME[s] / volTotal) * meanSize - (fromClusters[s] ?? 0));
    this.singletonWeight = w;
    this.singletons = new Weighted([...SOURCES], SOURCES.map((s) => w[s]));
  }

  /** The sources of a cluster of `size` ≥ 2 records, with a kind compatible with all of them. */
  drawMulti(size: number, rng: Rng, kind?: Kind): SourceSlug[] {
    for (let attempt = 0; attempt < 30; attempt++) {
      const [a, b] = this.pairs.draw(rng);
      const out: SourceSlug[] = [a, b];
      if (kind && (aff(kind, a) === 0 || aff(kind, b) === 0)) continue;
      let ok = true;
      while (out.length < size && ok) {
        ok = false;
        for (let i = 0; i < 12 && !ok; i++) {
          const from = rng.pick(out);
          const p = this.partners.get(from)?.draw(rng);
          if (!p) continue;
          if (kind ? aff(kind, p) > 0 : compatibleKinds([...out, p]).length > 0) {
            out.push(p);
            ok = true;
          }
        }
      }
      if (ok && (kind !== undefined || compatibleKinds(out).length > 0)) return out;
    }
    // a kind few producers carry: its producers, by affinity
    const k = kind ?? (KIND_LIST[0] as Kind);
    const srcs = SOURCES.filter((s) => aff(k, s) > 0);
    const wk = new Weighted(srcs, srcs.map((s) => aff(k, s) * SOURCE_VOLUME[s]));
    return Array.from({ length: size }, () => wk.draw(rng));
  }

  /** Sources for a new entity: cluster size, then producers (constrained to `kind` when given). */
  drawSources(rng: Rng, kind?: Kind): SourceSlug[] {
    const size = this.sizes.draw(rng);
    if (size > 1) return this.drawMulti(size, rng, kind);
    if (!kind) return [this.singletons.draw(rng)];
    let table = this.byKind.get(kind.key);
    if (!table) {
      const srcs = SOURCES.filter((s) => aff(kind, s) > 0);
      const ws = srcs.map((s) => aff(kind, s) * (this.singletonWeight[s] + (0.02 * SOURCE_VOLUME[s]) / 1000));
      table = new Weighted(srcs, ws);
      this.byKind.set(kind.key, table);
    }
    return [table.draw(rng)];
  }

  private readonly byKind = new Map<string, Weighted<SourceSlug>>();
  private readonly kindTables = new Map<string, Weighted<Kind> | null>();

  /** The kind of structure, ∝ prior × the affinity of every producer listing it. */
  drawKind(sources: readonly SourceSlug[], rng: Rng): Kind {
    const uniq = [...new Set(sources)].sort();
    const cacheKey = uniq.join('|');
    let table = this.kindTables.get(cacheKey);
    if (table === undefined) {
      const kinds = KIND_LIST.filter((k) => k.prior > 0 && uniq.every((s) => aff(k, s) > 0));
      table = kinds.length ? new Weighted(kinds, kinds.map((k) => uniq.reduce((p, s) => p * aff(k, s), k.prior))) : null;
      this.kindTables.set(cacheKey, table);
    }
    return table ? table.draw(rng) : (KIND_LIST.find((k) => k.key === 'association') as Kind);
  }
}
