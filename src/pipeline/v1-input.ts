/**
 * Schema v1 input for the consolidation: a folder holding `structures.(jsonl|json|csv)` and optionally
 * `services.(jsonl|json|csv)` already in schema v1 (what `recoupe generate` writes, or one source
 * folder of `recoupe import`'s output). Records are validated and grouped by their `source` field.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readRecords } from '../io/read.js';
import { formatOf } from '../io/detect.js';
import { coerceRow } from '../model/coerce.js';
import { errorRow, type ErrorRow } from '../model/errors.js';
import { validate, type ResourceKind } from '../model/validate.js';

export interface V1Source {
  slug: string;
  structures: { record: Record<string, unknown>; valid: boolean }[];
  services: { record: Record<string, unknown>; valid: boolean }[];
  errors: ErrorRow[];
  raw: number;
}

/** The v1 file of a kind in a folder, if any. */
export function v1File(dir: string, kind: 'structures' | 'services'): string | undefined {
  return ['jsonl', 'ndjson', 'json', 'csv'].map((e) => join(dir, `${kind}.${e}`)).find((p) => existsSync(p));
}

/**
 * @param fallbackSource the source of records without one (a producer's folder name)
 * @example
 *   const sources = await readV1Folder('/tmp/corpus', { today: '2026-11-22' });
 */
export async function readV1Folder(dir: string, opts: { today: string; fallbackSource?: string }): Promise<V1Source[]> {
  const bySource = new Map<string, V1Source>();
  const get = (slug: string) => {
    let s = bySource.get(slug);
    if (!s) bySource.set(slug, (s = { slug, structures: [], services: [], errors: [], raw: 0 }));
    return s;
  };
  for (const kind of ['structures', 'services'] as const) {
    const file = v1File(dir, kind);
    if (!file) continue;
    const resource: ResourceKind = kind === 'structures' ? 'structure' : 'service';
    const text = formatOf(file) === 'csv';
    for await (const ev of readRecords(file, { ...(opts.fallbackSource ? { source: opts.fallbackSource } : {}) })) {
      if (ev.kind === 'error') {
        const s = get(ev.error.source || opts.fallbackSource || 'unknown');
        s.raw++;
        s.errors.push(ev.error);
        continue;
      }
      const row = text ? coerceRow(resource, ev.row) : ev.row;
      const source = typeof row.source === 'string' && row.source ? row.source : opts.fallbackSource;
      if (!source) {
        const s = get('unknown');
        s.raw++;
        s.errors.push(errorRow({ source: '', id: String(row.id ?? ''), resource, field: 'source', rule: 'required', message: 'a record without source cannot be placed in a source view', value: '', file, line: ev.line }));
        continue;
      }
      const s = get(source);
      s.raw++;
      const v = validate(resource, row, { today: opts.today, file, line: ev.line, source });
      s[kind].push({ record: row, valid: v.valid });
      s.errors.push(...v.errors, ...v.warnings);
    }
  }
  return [...bySource.values()].sort((a, b) => a.slug.localeCompare(b.slug));
}
