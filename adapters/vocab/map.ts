/**
 * Applying a vocabulary table: known values map to zero or more schema v1 values; unknown values
 * are reported through the import context (counted, plus a warning row), never invented.
 */
import type { Resource } from '../../src/model/index.js';
import type { ImportContext } from '../context.js';

/**
 * A producer value → the v1 values it stands for. An empty array means "known, and deliberately
 * without a v1 equivalent" (reported as `no_v1_equivalent`, unlike unknown values).
 */
export type VocabTable = Readonly<Record<string, readonly string[]>>;

export interface Where {
  id: string;
  resource: Resource;
  file?: string;
  line?: number;
}

/** An identity table over an enumeration (for producers already speaking v1). */
export function identity(values: readonly string[]): VocabTable {
  return Object.fromEntries(values.map((v) => [v, [v]]));
}

/**
 * Maps every raw value through the table; the result is de-duplicated, in first-seen order, and
 * null when nothing mapped.
 *
 * @example
 *   mapList(PROFILS_TO_PUBLICS, ['jeunes-16-26', 'jeunes'], 'publics', ctx, where) // ['jeunes']
 */
export function mapList(
  table: VocabTable, raw: readonly string[], field: string, ctx: ImportContext, where: Where,
  normalise: (value: string) => string = (v) => v.trim(),
): string[] | null {
  const out: string[] = [];
  for (const value of raw) {
    const key = normalise(value);
    if (key === '') continue;
    const hit = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
    if (hit === undefined) {
      ctx.unmapped(field, value, where);
      continue;
    }
    if (hit.length === 0) {
      ctx.unmapped(field, value, where, 'no_v1_equivalent');
      continue;
    }
    for (const v of hit) if (!out.includes(v)) out.push(v);
  }
  return out.length ? out : null;
}

/**
 * One value: the first mapped value by the given priority order (when a list maps to several).
 *
 * @example
 *   mapOne(V0_TYPES_SERVICE, ['information', 'accompagnement'], 'type', ctx, where, TYPE_PRIORITY) // 'accompagnement'
 */
export function mapOne(
  table: VocabTable, raw: readonly string[], field: string, ctx: ImportContext, where: Where,
  priority: readonly string[] = [], normalise?: (value: string) => string,
): string | null {
  const all = mapList(table, raw, field, ctx, where, normalise);
  if (!all) return null;
  for (const p of priority) if (all.includes(p)) return p;
  return all[0];
}

/** Lower case, accents removed, spaces and punctuation to single dashes: `Tout public` → `tout-public`. */
export function slugify(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/['’]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
