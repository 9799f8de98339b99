/** Reading a clusters.csv (`id,cluster_id`) written by `recoupe match`. */
import { readFileSync } from 'node:fs';
import { UsageError } from '../error.js';
import { splitCsvLine } from '../io/csv-lines.js';

/**
 * id → cluster id from a clusters file.
 *
 * @example
 *   const clusterOf = readClusters('out/clusters.csv');
 */
export function readClusters(path: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw new UsageError(`cannot read clusters ${path}: ${(err as Error).message}`);
  }
  const lines = text.split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim());
  const idCol = header.indexOf('id'), cCol = header.indexOf('cluster_id');
  if (idCol < 0 || cCol < 0) throw new UsageError(`clusters ${path}: header must hold id and cluster_id, got "${lines[0]}"`);
  const out = new Map<string, string>();
  for (let k = 1; k < lines.length; k++) {
    const l = lines[k];
    if (!l) continue;
    const f = splitCsvLine(l);
    out.set(f[idCol], f[cCol]);
  }
  return out;
}
