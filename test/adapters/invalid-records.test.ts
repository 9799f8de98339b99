/**
 * Mapped records that fail validation are kept "as the producer said them" (ImportResult
 * invalidStructures / invalidServices), and the consolidation publishes them in its source views
 * with `_is_valid = false`, next to their error rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSource } from '../../adapters/index.js';
import { runConsolidation } from '../../src/pipeline/consolidate.js';
import type { Db } from '../../src/store/index.js';
import { freshStore, testDb } from '../helpers/db.js';
import { droppedTotal, FIXTURES, TODAY } from './helpers.js';

const FILE = 'test/adapters/invalid-records.test.ts';
let db: Db;
beforeAll(async () => { db = await testDb(); });
afterAll(async () => { await db.close(); });

describe('invalid records', () => {
  it('are returned as mapped, each with its error rows, without changing the counts', async () => {
    const res = await importSource('action-logement', join(FIXTURES, 'action-logement'), { today: TODAY });
    expect(res.invalidStructures.map((s) => s.id)).toEqual(['action-logement--AL-35-VITRE']);
    expect(res.invalidStructures[0]).toMatchObject({ nom: null, commune: 'Vitré', siret: '82454114800071' });
    // the catalogue row without description, at every agency; the catalogue at the rejected agency
    const ids = res.invalidServices.map((s) => String(s.id));
    expect(ids.filter((id) => id.endsWith('-al-sans-description'))).toHaveLength(6);
    expect(ids.filter((id) => id.startsWith('action-logement--AL-35-VITRE-'))).toHaveLength(6);
    expect(ids).toHaveLength(11);
    const errorIds = new Set(res.errors.filter((e) => e.severity === 'error').map((e) => e.id));
    for (const r of [...res.invalidStructures, ...res.invalidServices]) expect(errorIds.has(String(r.id))).toBe(true);
    const validIds = new Set([...res.structures, ...res.services].map((r) => r.id));
    for (const id of ids) expect(validIds.has(id)).toBe(false);
    expect(res.imported + droppedTotal(res) + res.rejected).toBe(res.rawRows);
  });

  it('are published by the consolidation with _is_valid = false', async () => {
    const from = mkdtempSync(join(tmpdir(), 'recoupe-invalid-'));
    cpSync(join(FIXTURES, 'action-logement'), join(from, 'action-logement'), { recursive: true });
    const store = await freshStore(db, FILE, 'published');
    try {
      await runConsolidation({ from, db, ns: store.ns, threads: 1, today: TODAY, formats: ['csv'] });
      const rows = await db.query<{ id: string; nom: string | null; _is_valid: boolean }>(
        `SELECT id, nom, _is_valid FROM ${store.pub}.source_structures ORDER BY id`);
      expect(rows.filter((r) => !r._is_valid)).toEqual([{ id: 'action-logement--AL-35-VITRE', nom: null, _is_valid: false }]);
      expect(rows.filter((r) => r._is_valid)).toHaveLength(5);
      const [svc] = await db.query<{ valid: number; invalid: number }>(
        `SELECT count(*) FILTER (WHERE _is_valid)::int AS valid, count(*) FILTER (WHERE NOT _is_valid)::int AS invalid FROM ${store.pub}.source_services`);
      expect(svc).toEqual({ valid: 25, invalid: 11 });
      await store.drop();
    } finally {
      rmSync(from, { recursive: true, force: true });
    }
  });
});
