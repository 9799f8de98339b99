/** Reading a clusters.csv (`id,cluster_id`) written by `recoupe match`. */
import { readFileSync } from 'node:fs';
import { UsageError } from '../error.js';

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
    const f = parseCsvLine(l);
    out.set(f[idCol], f[cCol]);
  }
  return out;
}

function parseCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '', q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { out.push(cur); cur = ''; }
    else cur += ch;
  }
  out.push(cur);
  return out;
}
