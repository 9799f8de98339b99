/**
 * Measures a written corpus against the calibration targets: cluster-size histogram, share of
 * records in multi-record clusters, fill rates, duplicate pairs by source pair.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CORPUS_FILES } from './corpus.js';
import { CLUSTER_SIZE_SHARE, FILL_TARGETS, PAIR_COUNTS, SHARE_IN_MULTI_CLUSTERS, TOLERANCE, type FilledField } from './targets.js';

export interface CorpusStats {
  entities: number;
  structures: number;
  /** Entities by number of structure records. */
  clusterSizes: Record<number, number>;
  shareInMulti: number;
  fill: Record<FilledField, number>;
  /** Duplicate pairs (all pairs inside each entity) by `a|b` source pair, sorted names. */
  pairs: Record<string, number>;
  totalPairs: number;
}

async function* lines(path: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line) yield line;
}

/**
 * Reads `truth.csv` and `structures.jsonl` of a corpus folder and measures it.
 *
 * @example
 *   const stats = await measureCorpus('out/corpus');
 *   stats.fill.siret // ≈ 0.40
 */
export async function measureCorpus(dir: string): Promise<CorpusStats> {
  const entityOf = new Map<string, string>();
  let header = true;
  for await (const line of lines(join(dir, CORPUS_FILES.truth))) {
    if (header) { header = false; continue; }
    const comma = line.lastIndexOf(',');
    entityOf.set(line.slice(0, comma).replace(/^"|"$/g, ''), line.slice(comma + 1));
  }
  const sourcesOf = new Map<string, string[]>();
  const filled: Record<FilledField, number> = { siret: 0, telephone: 0, courriel: 0, adresse: 0, code_insee: 0 };
  const fields = Object.keys(filled) as FilledField[];
  let structures = 0;
  for await (const line of lines(join(dir, CORPUS_FILES.structures))) {
    const r = JSON.parse(line) as Record<string, unknown>;
    structures++;
    for (const f of fields) {
      const v = r[f];
      if (v !== null && v !== undefined && v !== '') filled[f]++;
    }
    const e = entityOf.get(String(r.id));
    if (e === undefined) throw new Error(`structure ${String(r.id)} has no row in truth.csv`);
    const list = sourcesOf.get(e) ?? [];
    list.push(String(r.source));
    sourcesOf.set(e, list);
  }
  const clusterSizes: Record<number, number> = {};
  const pairs: Record<string, number> = {};
  let inMulti = 0;
  let totalPairs = 0;
  for (const list of sourcesOf.values()) {
    clusterSizes[list.length] = (clusterSizes[list.length] ?? 0) + 1;
    if (list.length > 1) inMulti += list.length;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i] as string;
        const b = list[j] as string;
        const k = a < b ? `${a}|${b}` : `${b}|${a}`;
        pairs[k] = (pairs[k] ?? 0) + 1;
        totalPairs++;
      }
    }
  }
  const fill = {} as Record<FilledField, number>;
  for (const f of fields) fill[f] = structures ? filled[f] / structures : 0;
  return { entities: sourcesOf.size, structures, clusterSizes, shareInMulti: structures ? inMulti / structures : 0, fill, pairs, totalPairs };
}

export interface TargetCheck {
  metric: string;
  target: number;
  measured: number;
  tolerance: number;
  ok: boolean;
}

/**
 * Compares measured figures to the targets of `targets.ts`, within the stated tolerances.
 *
 * @example
 *   compareToTargets(await measureCorpus(dir)).filter((c) => !c.ok) // [] when calibrated
 */
export function compareToTargets(s: CorpusStats): TargetCheck[] {
  const out: TargetCheck[] = [];
  const abs = (metric: string, target: number, measured: number, tolerance: number) =>
    out.push({ metric, target, measured, tolerance, ok: Math.abs(measured - target) <= tolerance });
  for (const size of [1, 2, 3]) {
    const target = CLUSTER_SIZE_SHARE[size] as number;
    const tol = size === 1 ? TOLERANCE.singletonShare : target * TOLERANCE.clusterShareRelative;
    abs(`entities with ${size} record${size > 1 ? 's' : ''} (share)`, target, (s.clusterSizes[size] ?? 0) / s.entities, tol);
  }
  const big = Object.entries(CLUSTER_SIZE_SHARE).filter(([k]) => Number(k) >= 4).reduce((t, [, v]) => t + v, 0);
  const bigMeasured = Object.entries(s.clusterSizes).filter(([k]) => Number(k) >= 4).reduce((t, [, v]) => t + v, 0) / s.entities;
  abs('entities with 4+ records (share)', big, bigMeasured, Math.max(big * 0.5, 0.001));
  abs('records in multi-record clusters (share)', SHARE_IN_MULTI_CLUSTERS, s.shareInMulti, TOLERANCE.multiShare);
  for (const f of Object.keys(FILL_TARGETS) as FilledField[]) abs(`fill rate ${f}`, FILL_TARGETS[f], s.fill[f], TOLERANCE.fillRate);
  const totalListed = 8305;
  for (const [a, b, n] of PAIR_COUNTS) {
    const k = a < b ? `${a}|${b}` : `${b}|${a}`;
    abs(`pairs ${k} (share)`, n / totalListed, (s.pairs[k] ?? 0) / Math.max(1, s.totalPairs), TOLERANCE.pairShare);
  }
  return out;
}
