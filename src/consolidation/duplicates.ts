/**
 * The duplicates report the national pipeline publishes: per source, the share of its structures
 * that have a duplicate in the same source; per source pair, the structures they share.
 */
export interface SourceDuplicates {
  source: string;
  structures: number;
  /** Structures sitting in a cluster with another structure of the same source. */
  with_same_source_duplicate: number;
  share: number;
}

export interface SourcePairDuplicates {
  source_a: string;
  source_b: string;
  /** Clusters holding both sources. */
  clusters: number;
  /** Duplicate pairs (one structure of each source in the same cluster), as SOURCES.md counts them. */
  pairs: number;
}

/**
 * @param clusters the sources of each cluster's members
 * @example
 *   duplicatesReport([['dora', 'emplois-de-linclusion'], ['dora']])
 */
export function duplicatesReport(clusters: string[][]): { bySource: SourceDuplicates[]; bySourcePair: SourcePairDuplicates[] } {
  const per = new Map<string, SourceDuplicates>();
  const pairs = new Map<string, SourcePairDuplicates>();
  for (const sources of clusters) {
    const counts = new Map<string, number>();
    for (const s of sources) counts.set(s, (counts.get(s) ?? 0) + 1);
    for (const [s, n] of counts) {
      const p = per.get(s) ?? { source: s, structures: 0, with_same_source_duplicate: 0, share: 0 };
      p.structures += n;
      if (n > 1) p.with_same_source_duplicate += n;
      per.set(s, p);
    }
    const names = [...counts.keys()].sort();
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const key = `${names[i]}|${names[j]}`;
        const p = pairs.get(key) ?? { source_a: names[i], source_b: names[j], clusters: 0, pairs: 0 };
        p.clusters++;
        p.pairs += counts.get(names[i])! * counts.get(names[j])!;
        pairs.set(key, p);
      }
    }
  }
  const bySource = [...per.values()].map((p) => ({ ...p, share: p.structures ? Math.round((p.with_same_source_duplicate / p.structures) * 10000) / 10000 : 0 }));
  bySource.sort((a, b) => a.source.localeCompare(b.source));
  const bySourcePair = [...pairs.values()].sort((a, b) => b.pairs - a.pairs || a.source_a.localeCompare(b.source_a) || a.source_b.localeCompare(b.source_b));
  return { bySource, bySourcePair };
}
