/**
 * Ground truth in the three shapes recoupe meets: `id,entity_id` CSV (the generator's truth.csv),
 * a pairs file without header (`idA|idB`, the restaurants' duplicates.csv), or data·inclusion's
 * labels.json (`left`, `right`, `label`: match | distinct | unsure — unsure counts as distinct).
 * An id pattern (`^rec-(\d+)`) can also derive the entity from the record id (Febrl).
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../error.js';

export type Truth =
  | { kind: 'entities'; entityOf: Map<string, string> }
  | { kind: 'labels'; matches: [string, string][]; distinct: [string, string][] };

export type TruthFormat = 'entities' | 'pairs' | 'labels';

function splitLine(line: string): string[] {
  const d = line.includes('|') ? '|' : line.includes('\t') ? '\t' : line.includes(';') ? ';' : ',';
  return line.split(d).map((s) => s.trim().replace(/^"(.*)"$/, '$1'));
}

/** Entities from pairs: the connected components of the pair graph. */
export function entitiesFromPairs(pairs: Iterable<[string, string]>): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let y = x;
    while (parent.get(y) !== r) { const nx = parent.get(y)!; parent.set(y, r); y = nx; }
    return r;
  };
  for (const [a, b] of pairs) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a), rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const out = new Map<string, string>();
  for (const k of parent.keys()) out.set(k, find(k));
  return out;
}

/**
 * Reads a truth file; the format is guessed when not given (.json → labels; a CSV whose header
 * names an entity column → entities; otherwise pairs).
 *
 * @example
 *   const truth = readTruth('fixtures/restaurants/duplicates.csv');
 */
export function readTruth(path: string, format?: TruthFormat): Truth {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    throw new UsageError(`cannot read truth ${path}: ${(err as Error).message}`);
  }
  const fmt = format ?? (path.toLowerCase().endsWith('.json') ? 'labels' : /entity|cluster/i.test(text.slice(0, text.indexOf('\n') + 1 || undefined)) ? 'entities' : 'pairs');
  if (fmt === 'labels') {
    let rows: unknown;
    try {
      rows = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`truth ${path} is not valid JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(rows)) throw new UsageError(`truth ${path}: expected an array of {left, right, label}`);
    const matches: [string, string][] = [], distinct: [string, string][] = [];
    rows.forEach((r, k) => {
      const o = r as { left?: unknown; right?: unknown; label?: unknown };
      if (typeof o.left !== 'string' || typeof o.right !== 'string') throw new UsageError(`truth ${path}[${k}]: left and right must be record ids`);
      if (o.label === 'match') matches.push([o.left, o.right]);
      else if (o.label === 'distinct' || o.label === 'unsure') distinct.push([o.left, o.right]);
      else throw new UsageError(`truth ${path}[${k}].label must be match, distinct or unsure, got ${JSON.stringify(o.label)}`);
    });
    return { kind: 'labels', matches, distinct };
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (fmt === 'entities') {
    const header = splitLine(lines[0]).map((h) => h.toLowerCase());
    const idCol = Math.max(0, header.findIndex((h) => h === 'id' || h === 'unique_id' || h === 'rec_id'));
    const entCol = header.findIndex((h) => /entity|cluster/.test(h));
    if (entCol < 0) throw new UsageError(`truth ${path}: no entity_id column in header ${lines[0]}`);
    const entityOf = new Map<string, string>();
    for (const l of lines.slice(1)) {
      const f = splitLine(l);
      if (f[idCol]) entityOf.set(f[idCol], f[entCol]);
    }
    return { kind: 'entities', entityOf };
  }
  const pairs: [string, string][] = [];
  lines.forEach((l, k) => {
    const f = splitLine(l);
    if (f.length < 2 || !f[0] || !f[1]) throw new UsageError(`truth ${path}:${k + 1}: expected two ids per line, got "${l}"`);
    pairs.push([f[0], f[1]]);
  });
  return { kind: 'entities', entityOf: entitiesFromPairs(pairs) };
}

/**
 * Truth derived from the record ids themselves: the first capture group of `pattern` names the entity.
 *
 * @example
 *   truthFromIds(['rec-1-org', 'rec-1-dup-0'], /^rec-(\d+)/).entityOf.get('rec-1-dup-0') // "1"
 */
export function truthFromIds(ids: Iterable<string>, pattern: RegExp): Truth & { kind: 'entities' } {
  const entityOf = new Map<string, string>();
  for (const id of ids) {
    const m = pattern.exec(id);
    if (m) entityOf.set(id, m[1] ?? m[0]);
  }
  return { kind: 'entities', entityOf };
}
