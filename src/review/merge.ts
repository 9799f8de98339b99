/**
 * Merging reviewed rows into a labels file in data·inclusion's format: pairs are deduplicated
 * regardless of order and the latest decision wins (the file's own duplicates included).
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../error.js';
import { dedupeLabels, pairKey, readLabels, type Label } from './labels.js';

export interface MergeResult {
  labels: Label[];
  before: number;
  imported: number;
  added: number;
  changed: number;
  unchanged: number;
}

/**
 * Existing labels, then new ones: each pair once, with its last decision.
 *
 * @example
 *   mergeLabels([{ left: 'a', right: 'b', label: 'unsure' }], [{ left: 'b', right: 'a', label: 'match' }]).changed // 1
 */
export function mergeLabels(existing: Label[], incoming: Label[]): MergeResult {
  const base = dedupeLabels(existing);
  const known = new Map(base.map((l) => [pairKey(l.left, l.right), l.label]));
  let added = 0, changed = 0, unchanged = 0;
  for (const l of dedupeLabels(incoming)) {
    const was = known.get(pairKey(l.left, l.right));
    if (was === undefined) added++;
    else if (was !== l.label) changed++;
    else unchanged++;
  }
  return { labels: dedupeLabels([...base, ...incoming]), before: base.length, imported: incoming.length, added, changed, unchanged };
}

/**
 * Reads the labels file (when it exists), merges, writes it back as a JSON array.
 *
 * @example
 *   await importLabels('review.csv', 'labels.json')
 */
export async function importLabels(from: string, into: string): Promise<MergeResult & { unlabelled: number; problems: { where: string; message: string }[]; format: string }> {
  const incoming = await readLabels(from);
  const existing = existsSync(into) ? await readLabels(into) : { labels: [], problems: [] };
  // rewriting the file would drop its unreadable entries: refuse instead
  if (existing.problems.length)
    throw new UsageError(`${into} holds ${existing.problems.length} unreadable entr${existing.problems.length > 1 ? 'ies' : 'y'}, fix them first: ` +
      existing.problems.slice(0, 5).map((p) => `${p.where}: ${p.message}`).join('; '));
  const r = mergeLabels(existing.labels, incoming.labels);
  await mkdir(dirname(into), { recursive: true });
  await writeFile(into, JSON.stringify(r.labels.map(({ left, right, label, ...rest }) => ({ left, right, label, ...rest })), null, 4) + '\n');
  return { ...r, unlabelled: incoming.unlabelled, problems: incoming.problems, format: incoming.format };
}
