/**
 * Consolidation: clusters of source structures → one best representation per place, with
 * provenance, stable ids, services re-attached and merged, and the duplicates report.
 */
import { STRUCTURE_FIELDS } from '../model/generated.js';
import { consolidationConfig, type ConsolidationConfig } from './config.js';
import { qualityScore } from './quality.js';
import { chooseFields, type Member } from './survivorship.js';
import { assignStableIds, type IdChange } from './ids.js';
import { consolidateServices, type ConsolidatedService } from './services.js';
import { duplicatesReport, type SourceDuplicates, type SourcePairDuplicates } from './duplicates.js';

export * from './config.js';
export * from './quality.js';
export * from './survivorship.js';
export * from './ids.js';
export * from './services.js';
export * from './duplicates.js';

export interface ConsolidateInput {
  /** Source structures (schema v1; invalid values already nulled). */
  structures: Record<string, unknown>[];
  /** Per structure, the key of its matching cluster (any value; equal keys = one place). */
  clusterKeys: ArrayLike<number | string>;
  /** Per structure, its strongest match probability inside its cluster (1 for a singleton). */
  scores?: ArrayLike<number>;
  services: Record<string, unknown>[];
  /** Source structure id → its consolidated id in the previous publication. */
  previous?: Map<string, string>;
  /** Every consolidated id ever published. */
  usedIds?: Set<string>;
  config?: Partial<ConsolidationConfig>;
  /** `YYYY-MM-DD`, for the quality score's freshness. */
  today: string;
}

export interface ConsolidatedStructure extends Record<string, unknown> {
  id: string;
  members: string[];
  sources: string[];
  provenance: Record<string, string | string[]>;
  score_qualite: number;
  cluster_size: number;
}

export interface Membership {
  cluster_id: string;
  structure_id: string;
  source: string;
  score: number;
  size: number;
}

export interface ConsolidateOutput {
  structures: ConsolidatedStructure[];
  services: ConsolidatedService[];
  membership: Membership[];
  /** Services whose structure_id names no known structure. */
  orphanServices: Record<string, unknown>[];
  idChanges: IdChange[];
  duplicates: { bySource: SourceDuplicates[]; bySourcePair: SourcePairDuplicates[] };
  /** cluster size → number of clusters */
  histogram: Record<string, number>;
}

function member(r: Record<string, unknown>, rank: (s: string) => number, today: string): Member {
  return {
    id: String(r.id),
    source: String(r.source ?? ''),
    record: r,
    dateMaj: typeof r.date_maj === 'string' ? r.date_maj : '',
    quality: qualityScore(r, today),
    priority: rank(String(r.source ?? '')),
  };
}

/**
 * @example
 *   const out = consolidate({ structures, clusterKeys, services, today: '2026-11-22' });
 *   out.structures[0].provenance.telephone // 'dora--12'
 */
export function consolidate(input: ConsolidateInput): ConsolidateOutput {
  const config = consolidationConfig(input.config ?? {});
  const order = new Map(config.sourcePriority.map((s, i) => [s, i]));
  const rank = (s: string) => order.get(s) ?? config.sourcePriority.length;
  const members = input.structures.map((r) => member(r, rank, input.today));

  // clusters in a stable order: by their smallest member id
  const groups = new Map<string | number, number[]>();
  for (let i = 0; i < members.length; i++) {
    const k = input.clusterKeys[i];
    const g = groups.get(k) ?? [];
    g.push(i);
    groups.set(k, g);
  }
  const clusters = [...groups.values()].map((g) => g.sort((a, b) => (members[a].id < members[b].id ? -1 : 1)));
  clusters.sort((a, b) => (members[a[0]].id < members[b[0]].id ? -1 : 1));

  // coordinates shared by three or more places are commune centroids, not geocoded addresses
  const placesAt = new Map<string, Set<number>>();
  clusters.forEach((g, c) => {
    for (const i of g) {
      const r = members[i].record;
      if (typeof r.latitude !== 'number' || typeof r.longitude !== 'number') continue;
      const k = `${r.latitude.toFixed(6)},${r.longitude.toFixed(6)}`;
      const s = placesAt.get(k) ?? new Set<number>();
      s.add(c);
      placesAt.set(k, s);
    }
  });
  for (const m of members) {
    const r = m.record;
    if (typeof r.latitude === 'number' && typeof r.longitude === 'number') {
      m.centroid = (placesAt.get(`${r.latitude.toFixed(6)},${r.longitude.toFixed(6)}`)?.size ?? 0) >= 3;
    }
  }

  const { ids, changes } = assignStableIds(
    clusters.map((g) => g.map((i) => members[i].id)),
    input.previous ?? new Map(),
    input.usedIds ?? new Set(),
  );

  const fields = STRUCTURE_FIELDS.filter((f) => f !== 'id' && f !== 'source');
  const structures: ConsolidatedStructure[] = [];
  const membership: Membership[] = [];
  const clusterOf = new Map<string, string>();
  const histogram: Record<string, number> = {};
  clusters.forEach((g, c) => {
    const ms = g.map((i) => members[i]);
    const { values, provenance } = chooseFields(ms, config.structureFields, fields);
    const best = [...ms].sort((a, b) => b.quality - a.quality || a.priority - b.priority || (a.id < b.id ? -1 : 1))[0];
    const cid = ids[c];
    const consolidated = { ...values, id: cid, source: best.source };
    structures.push({
      ...consolidated,
      members: ms.map((m) => m.id),
      sources: [...new Set(ms.map((m) => m.source))].sort(),
      provenance,
      score_qualite: qualityScore(consolidated, input.today),
      cluster_size: ms.length,
    });
    histogram[ms.length] = (histogram[ms.length] ?? 0) + 1;
    for (const i of g) {
      clusterOf.set(members[i].id, cid);
      membership.push({ cluster_id: cid, structure_id: members[i].id, source: members[i].source, score: input.scores ? Number(input.scores[i]) : 1, size: ms.length });
    }
  });

  const serviceMembers = input.services.map((r) => member(r, rank, input.today));
  const { services, orphans } = consolidateServices(serviceMembers, clusterOf, config);
  return {
    structures,
    services,
    membership,
    orphanServices: orphans.map((m) => m.record),
    idChanges: changes,
    duplicates: duplicatesReport(clusters.map((g) => g.map((i) => members[i].source))),
    histogram,
  };
}
