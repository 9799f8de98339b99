/**
 * Loads a run's tables into the staging schema: each value converted to its column's type, read
 * from the database itself, so the SQL file stays the one description of the tables.
 */
import type { ConsolidateOutput } from '../consolidation/index.js';
import type { ScoredPairs } from '../../matching/index.js';
import type { ErrorRow } from '../model/errors.js';
import type { Store } from '../store/index.js';

interface Col {
  name: string;
  type: string;
}

async function columnsOf(store: Store, table: string): Promise<Col[]> {
  return store.db.query<Col>(
    `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
    [store.stage, table],
  );
}

/** A value as its column takes it; a value the column cannot hold becomes null (the raw record keeps it). */
function cell(v: unknown, type: string): unknown {
  if (v === undefined || v === null) return null;
  switch (type) {
    case 'jsonb':
      return JSON.stringify(v);
    case 'double precision':
    case 'integer':
    case 'bigint': {
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) && !(typeof v === 'string' && v.trim() === '') ? n : null;
    }
    case 'boolean':
      return Boolean(v);
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

async function load(store: Store, table: string, rows: Iterable<Record<string, unknown>>): Promise<number> {
  const cols = await columnsOf(store, table);
  const gen = function* () {
    for (const r of rows) yield cols.map((c) => cell(r[c.name], c.type));
  };
  return store.db.copyRows(`${store.stage}.${table}`, cols.map((c) => c.name), gen());
}

export interface StageData {
  sources: {
    slug: string;
    stale: boolean;
    structures: { record: Record<string, unknown>; valid: boolean }[];
    services: { record: Record<string, unknown>; valid: boolean }[];
  }[];
  errors: ErrorRow[];
  /** Record index → id, for the pairs. */
  ids: string[];
  pairs: ScoredPairs;
  consolidated: ConsolidateOutput;
}

/**
 * @example
 *   await loadStage(store, runId, { sources, errors, ids, pairs, consolidated });
 */
export async function loadStage(store: Store, runId: number, d: StageData): Promise<void> {
  const view = (kind: 'structures' | 'services') => (function* () {
    const seen = new Set<string>();
    for (const s of d.sources) {
      for (const x of s[kind]) {
        const key = `${s.slug}\u0000${String(x.record.id)}`;
        if (seen.has(key)) continue; // a producer repeating an id: the first is the source view
        seen.add(key);
        yield { ...x.record, source: s.slug, id: String(x.record.id ?? ''), _is_valid: x.valid, _stale: s.stale, _run_id: runId, _raw: x.record };
      }
    }
  })();
  await load(store, 'source_structures', view('structures'));
  await load(store, 'source_services', view('services'));
  await load(store, 'errors', (function* () {
    for (const e of d.errors) yield { ...e, run_id: runId };
  })());
  await load(store, 'clusters', d.consolidated.membership as unknown as Record<string, unknown>[]);
  await load(store, 'pairs', (function* () {
    const p = d.pairs;
    for (let k = 0; k < p.left.length; k++) {
      yield { left_id: d.ids[p.left[k]], right_id: d.ids[p.right[k]], match_weight: p.weight[k], match_probability: p.probability[k] };
    }
  })());
  await load(store, 'duplicates_by_source', d.consolidated.duplicates.bySource as unknown as Record<string, unknown>[]);
  await load(store, 'duplicates_by_source_pair', d.consolidated.duplicates.bySourcePair as unknown as Record<string, unknown>[]);
  await load(store, 'structures', d.consolidated.structures);
  await load(store, 'services', d.consolidated.services);
}
