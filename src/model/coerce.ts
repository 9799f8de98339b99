/**
 * Text cells (CSV, spreadsheets) to the JSON types the schema declares, read from the schema
 * itself: numbers, integers, lists, and empty cells as null.
 */
import { structureSchema, serviceSchema } from './schemas.js';
import type { ResourceKind } from './validate.js';

type Shape = 'string' | 'number' | 'integer' | 'array';

function shapes(schema: { properties: Record<string, unknown> }): Map<string, Shape> {
  const out = new Map<string, Shape>();
  for (const [name, node] of Object.entries(schema.properties)) {
    const branches = ((node as { anyOf?: unknown[] }).anyOf ?? [node]) as { type?: string }[];
    const t = branches.map((b) => b.type).find((x) => x && x !== 'null');
    out.set(name, t === 'array' ? 'array' : t === 'number' ? 'number' : t === 'integer' ? 'integer' : 'string');
  }
  return out;
}

const SHAPES: Record<ResourceKind, Map<string, Shape>> = {
  structure: shapes(structureSchema as { properties: Record<string, unknown> }),
  service: shapes(serviceSchema as { properties: Record<string, unknown> }),
};

/**
 * A list cell: a JSON array (`["a","b"]`), a Postgres array (`{a,b}`), or values separated by
 * `,` `;` or `|`.
 *
 * @example
 *   splitList('femmes, jeunes') // ['femmes', 'jeunes']
 */
export function splitList(text: string): unknown {
  const t = text.trim();
  if (t.startsWith('[')) {
    try {
      return JSON.parse(t);
    } catch {
      /* not JSON: split below */
    }
  }
  const inner = t.startsWith('{') && t.endsWith('}') ? t.slice(1, -1) : t;
  const sep = inner.includes('|') ? '|' : inner.includes(';') ? ';' : ',';
  return inner.split(sep).map((s) => s.trim().replace(/^"(.*)"$/, '$1')).filter((s) => s.length > 0);
}

/**
 * Converts the string cells of a row to the schema's types; values that are not strings, and
 * strings that do not convert (left for validation to reject), are kept as they are.
 *
 * @example
 *   coerceRow('structure', { nom: 'CCAS', latitude: '48,11', siret: '' })
 *   // { nom: 'CCAS', latitude: 48.11, siret: null }
 */
export function coerceRow(kind: ResourceKind, row: Record<string, unknown>): Record<string, unknown> {
  const shapesOf = SHAPES[kind];
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const shape = shapesOf.get(k);
    if (typeof v !== 'string' || shape === undefined) {
      out[k] = v;
      continue;
    }
    const t = v.trim();
    if (t === '') {
      out[k] = null;
      continue;
    }
    if (shape === 'number' || shape === 'integer') {
      const n = Number(t.replace(',', '.'));
      out[k] = Number.isFinite(n) ? n : v;
    } else if (shape === 'array') out[k] = splitList(t);
    else out[k] = v;
  }
  return out;
}
