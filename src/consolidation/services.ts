/**
 * Services re-attached to their consolidated structure; within one cluster, services of different
 * sources that are the same offer (same normalised name, type and thématiques) are merged, with
 * provenance. Two services of one source are never merged (the producer says they are two), and
 * national catalogue copies (France Travail's catalogue × agencies) stay distinct.
 */
import { normaliseName } from '../../matching/normalise/index.js';
import type { ConsolidationConfig } from './config.js';
import { chooseFields, type Member } from './survivorship.js';
import { SERVICE_FIELDS } from '../model/generated.js';

export interface ConsolidatedService extends Record<string, unknown> {
  id: string;
  structure_id: string;
  members: string[];
  sources: string[];
  provenance: Record<string, string | string[]>;
}

/** The key under which two services of one cluster are the same offer. */
export function offerKey(s: Record<string, unknown>): string {
  const name = normaliseName(String(s.nom ?? ''));
  const type = String(s.type ?? '');
  const them = Array.isArray(s.thematiques) ? [...(s.thematiques as string[])].sort().join(',') : '';
  return `${name}|${type}|${them}`;
}

/**
 * @param clusterOfStructure source structure id → consolidated structure id
 * @example
 *   consolidateServices(services, new Map([['dora--1', 'rcp-abc']]), config, rank, '2026-06-01')
 */
export function consolidateServices(
  services: Member[],
  clusterOfStructure: Map<string, string>,
  config: ConsolidationConfig,
): { services: ConsolidatedService[]; orphans: Member[] } {
  const byCluster = new Map<string, Member[]>();
  const orphans: Member[] = [];
  for (const s of services) {
    const cid = clusterOfStructure.get(String(s.record.structure_id));
    if (cid === undefined) {
      orphans.push(s);
      continue;
    }
    const list = byCluster.get(cid) ?? [];
    list.push(s);
    byCluster.set(cid, list);
  }
  const out: ConsolidatedService[] = [];
  const catalogue = new Set(config.catalogueSources);
  for (const cid of [...byCluster.keys()].sort()) {
    const groups: Member[][] = [];
    const byKey = new Map<string, Member[][]>();
    const list = byCluster.get(cid)!.sort((a, b) => a.priority - b.priority || (a.id < b.id ? -1 : 1));
    for (const s of list) {
      if (catalogue.has(s.source)) {
        groups.push([s]);
        continue;
      }
      const key = offerKey(s.record);
      const candidates = byKey.get(key) ?? [];
      const home = candidates.find((g) => !g.some((m) => m.source === s.source));
      if (home) home.push(s);
      else {
        const g = [s];
        candidates.push(g);
        byKey.set(key, candidates);
        groups.push(g);
      }
    }
    for (const g of groups) {
      const { values, provenance } = chooseFields(g, config.serviceFields, SERVICE_FIELDS.filter((f) => !['id', 'structure_id', 'source'].includes(f)));
      out.push({
        ...values,
        id: g[0].id,
        source: g[0].source,
        structure_id: cid,
        members: g.map((m) => m.id),
        sources: [...new Set(g.map((m) => m.source))].sort(),
        provenance,
      });
    }
  }
  return { services: out, orphans };
}
