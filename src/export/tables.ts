/**
 * The exported tables and their columns: consolidated structures and services, and every source's
 * own structures and services, each with the cluster id.
 */
import { SERVICE_FIELDS, STRUCTURE_FIELDS } from '../model/generated.js';
import { structureSchema, serviceSchema } from '../model/schemas.js';

export type ColumnType = 'string' | 'number' | 'json' | 'boolean';

export interface Column {
  name: string;
  type: ColumnType;
}

export interface Table {
  name: string;
  columns: Column[];
  rows: Record<string, unknown>[];
  /** Structures tables also export GeoJSON. */
  geo: boolean;
}

function typed(fields: readonly string[], schema: { properties: Record<string, unknown> }): Column[] {
  return fields.map((name) => {
    const node = schema.properties[name] as { anyOf?: { type?: string }[]; type?: string };
    const t = (node.anyOf ?? [node]).map((b) => b.type).find((x) => x && x !== 'null');
    return { name, type: t === 'array' ? 'json' : t === 'number' || t === 'integer' ? 'number' : 'string' };
  });
}

const S = typed(STRUCTURE_FIELDS, structureSchema as { properties: Record<string, unknown> });
const V = typed(SERVICE_FIELDS, serviceSchema as { properties: Record<string, unknown> });
const first = (cols: Column[], names: string[]) => [...names.map((n) => cols.find((c) => c.name === n)!), ...cols.filter((c) => !names.includes(c.name))];

export const CONSOLIDATED_STRUCTURE_COLUMNS: Column[] = [
  ...first(S, ['id', 'source', 'nom']),
  { name: 'sources', type: 'json' }, { name: 'members', type: 'json' }, { name: 'provenance', type: 'json' },
  { name: 'score_qualite', type: 'number' }, { name: 'cluster_size', type: 'number' },
];
export const CONSOLIDATED_SERVICE_COLUMNS: Column[] = [
  ...first(V, ['id', 'structure_id', 'source', 'nom']),
  { name: 'sources', type: 'json' }, { name: 'members', type: 'json' }, { name: 'provenance', type: 'json' },
];
export const SOURCE_STRUCTURE_COLUMNS: Column[] = [
  { name: 'cluster_id', type: 'string' }, ...first(S, ['id', 'source', 'nom']),
  { name: '_is_valid', type: 'boolean' }, { name: '_stale', type: 'boolean' },
];
export const SOURCE_SERVICE_COLUMNS: Column[] = [
  { name: 'cluster_id', type: 'string' }, ...first(V, ['id', 'structure_id', 'source', 'nom']),
  { name: '_is_valid', type: 'boolean' }, { name: '_stale', type: 'boolean' },
];
