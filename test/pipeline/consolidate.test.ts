import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConsolidation, type ConsolidateOptions } from '../../src/pipeline/consolidate.js';
import type { Db, Store } from '../../src/store/index.js';
import { BASE, copyProducers, fakeImport, writeProducers } from './fake-producers.js';
import { freshStore, testDb, usingPostgres } from '../helpers/db.js';

const FILE = 'test/pipeline/consolidate.test.ts';
let db: Db;
beforeAll(async () => { db = await testDb(); });
afterAll(async () => { await db.close(); });

async function withStore(test: string, fn: (store: Store) => Promise<void>) {
  const store = await freshStore(db, FILE, test);
  await fn(store);
  await store.drop(); // only reached when the test passed
}

const out = () => mkdtempSync(join(tmpdir(), 'recoupe-out-'));
const run = (store: Store, from: string, extra: Partial<ConsolidateOptions> = {}) =>
  runConsolidation({ from, db, ns: store.ns, importer: fakeImport, threads: 1, today: '2026-11-22', formats: ['csv'], ...extra });

/** source structure id → consolidated id, as published */
async function ids(store: Store): Promise<Map<string, string>> {
  const rows = await db.query<{ structure_id: string; cluster_id: string }>(`SELECT structure_id, cluster_id FROM ${store.pub}.clusters ORDER BY structure_id`);
  return new Map(rows.map((r) => [r.structure_id, r.cluster_id]));
}

describe(`consolidation pipeline on ${usingPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('finds the duplicates across producers and publishes one structure per place', async () => {
    await withStore('merges', async (store) => {
      const from = writeProducers();
      const r = await run(store, from);
      expect(r.structuresIn).toBe(9);
      const m = await ids(store);
      // the CCAS in three producers, the Mission Locale in two
      expect(new Set([m.get('dora--1'), m.get('emplois-de-linclusion--10'), m.get('soliguide--100')]).size).toBe(1);
      expect(m.get('dora--2')).toBe(m.get('emplois-de-linclusion--11'));
      // hard negatives stay apart: two Restos du Cœur in two towns, the CCAS and a chantier in Rennes
      expect(m.get('soliguide--101')).not.toBe(m.get('soliguide--102'));
      expect(m.get('emplois-de-linclusion--12')).not.toBe(m.get('dora--1'));
      expect(r.consolidatedStructures).toBe(6);
      const [ccas] = await db.query<{ siret: string; telephone: string; members: string[]; provenance: Record<string, string> }>(
        `SELECT siret, telephone, members, provenance FROM ${store.pub}.structures WHERE id = $1`, [m.get('dora--1')]);
      expect(ccas.siret).toBe('21350238800019');
      expect(ccas.telephone).toBe('+33223621940');
      expect(ccas.members).toHaveLength(3);
      expect(ccas.provenance.siret).toMatch(/^(dora--1|emplois-de-linclusion--10)$/);
      // the two food-aid services of the CCAS (dora, soliguide) are one offer
      const svc = await db.query<{ members: string[]; structure_id: string }>(`SELECT members, structure_id FROM ${store.pub}.services`);
      expect(svc).toHaveLength(1);
      expect(svc[0].members.sort()).toEqual(['dora--s1', 'soliguide--s100']);
      expect(svc[0].structure_id).toBe(m.get('dora--1'));
      // source views keep every record as said, with its validity
      const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${store.pub}.source_structures WHERE _is_valid`);
      expect(n).toBe(9);
      const [runRow] = await db.query<{ status: string; histogram: Record<string, number> }>(`SELECT status, histogram FROM ${store.meta}.runs WHERE id = $1`, [r.runId]);
      expect(runRow.status).toBe('published');
      expect(runRow.histogram).toEqual({ 1: 4, 2: 1, 3: 1 });
    });
  });

  it('running twice on the same input gives identical exports and ids', async () => {
    await withStore('twice', async (store) => {
      const from = writeProducers();
      const o1 = out();
      const o2 = out();
      await run(store, from, { out: o1 });
      const first = await ids(store);
      await run(store, from, { out: o2 });
      expect(await ids(store)).toEqual(first);
      for (const f of readdirSync(o1)) expect(readFileSync(join(o2, f), 'utf8'), f).toBe(readFileSync(join(o1, f), 'utf8'));
    });
  });

  it('adding, removing or editing one source record keeps the other ids', async () => {
    await withStore('edits', async (store) => {
      const from = writeProducers();
      await run(store, from);
      const before = await ids(store);
      const idOfPlace = (m: Map<string, string>) => new Set(m.values());

      // add a new place
      const added = copyProducers(from);
      const withNew = { ...BASE, dora: { ...BASE.dora, structures: [...BASE.dora.structures, { source: 'dora', id: 'dora--9', nom: 'Épicerie solidaire de Vannes', commune: 'Vannes', code_postal: '56000', date_maj: '2025-06-01' }] } };
      writeProducers(withNew, added);
      await run(store, added);
      const afterAdd = await ids(store);
      for (const [sid, cid] of before) expect(afterAdd.get(sid), sid).toBe(cid);
      expect(idOfPlace(afterAdd).size).toBe(idOfPlace(before).size + 1);

      // remove a member of the CCAS cluster
      const removed = copyProducers(from);
      writeProducers({ ...BASE, soliguide: { ...BASE.soliguide, structures: BASE.soliguide.structures.filter((x) => x.id !== 'soliguide--100'), services: [] } }, removed);
      await run(store, removed);
      const afterRemove = await ids(store);
      for (const [sid, cid] of before) if (sid !== 'soliguide--100') expect(afterRemove.get(sid), sid).toBe(cid);
      expect(afterRemove.has('soliguide--100')).toBe(false);

      // edit a record (new phone and name spelling)
      const edited = copyProducers(from);
      const dora = BASE.dora.structures.map((x) => (x.id === 'dora--3' ? { ...x, nom: 'SECOURS POPULAIRE FRANCAIS BREST', telephone: '0298449999' } : x));
      writeProducers({ ...BASE, dora: { ...BASE.dora, structures: dora } }, edited);
      await run(store, edited);
      expect(await ids(store)).toEqual(before);
    });
  });

  it('a split and a merge are recorded, so a consumer following an old id finds where it went', async () => {
    await withStore('history', async (store) => {
      const from = writeProducers();
      await run(store, from);
      const before = await ids(store);
      const ccas = before.get('dora--1')!;
      // the emplois record of the CCAS becomes clearly another place: the cluster splits
      const changed = copyProducers(from);
      const emplois = BASE['emplois-de-linclusion'].structures.map((x) => (x.id === 'emplois-de-linclusion--10'
        ? { ...x, nom: 'Régie de quartier de Maurepas', siret: null, adresse: '2 rue de Maurepas', telephone: '0299112233', courriel: null } : x));
      writeProducers({ ...BASE, 'emplois-de-linclusion': { ...BASE['emplois-de-linclusion'], structures: emplois } }, changed);
      await run(store, changed);
      const after = await ids(store);
      expect(after.get('dora--1')).toBe(ccas);
      const newId = after.get('emplois-de-linclusion--10')!;
      expect(newId).not.toBe(ccas);
      const changes = await db.query(`SELECT old_id, new_id, kind FROM ${store.pub}.id_changes`);
      expect(changes).toEqual([{ old_id: ccas, new_id: newId, kind: 'split' }]);
    });
  });

  it('a run that fails during publication leaves the previous publication readable and intact', async () => {
    await withStore('failed-publish', async (store) => {
      const from = writeProducers();
      const first = await run(store, from);
      const snapshot = await db.query(`SELECT * FROM ${store.pub}.structures ORDER BY id`);
      const edited = copyProducers(from);
      writeProducers({ ...BASE, dora: { ...BASE.dora, structures: BASE.dora.structures.slice(0, 1) } }, edited);
      await expect(run(store, edited, { failAfterSwap: true })).rejects.toThrow(/injected/);
      expect(await db.query(`SELECT * FROM ${store.pub}.structures ORDER BY id`)).toEqual(snapshot);
      expect(await store.publishedRun()).toBe(first.runId);
      const runs = await db.query<{ status: string }>(`SELECT status FROM ${store.meta}.runs ORDER BY id`);
      expect(runs.map((r) => r.status)).toEqual(['published', 'failed']);
    });
  });

  it('a source whose import fails keeps its last good rows, flagged stale', async () => {
    await withStore('stale', async (store) => {
      const from = writeProducers();
      await run(store, from);
      const before = await ids(store);
      const broken = copyProducers(from);
      writeFileSync(join(broken, 'soliguide', 'FAIL'), '');
      const r = await run(store, broken);
      expect(r.staleSources).toEqual(['soliguide']);
      expect(await ids(store)).toEqual(before);
      const rows = await db.query<{ id: string; _stale: boolean }>(`SELECT id, _stale FROM ${store.pub}.source_structures WHERE source = 'soliguide' ORDER BY id`);
      expect(rows.map((x) => [x.id, x._stale])).toEqual([['soliguide--100', true], ['soliguide--101', true], ['soliguide--102', true]]);
      const errs = await db.query<{ rule: string }>(`SELECT rule FROM ${store.pub}.errors WHERE source = 'soliguide'`);
      expect(errs.map((e) => e.rule)).toContain('import_failed');
      const [runRow] = await db.query<{ stale_sources: string[] }>(`SELECT stale_sources FROM ${store.meta}.runs WHERE id = $1`, [r.runId]);
      expect(runRow.stale_sources).toEqual(['soliguide']);
    });
  });
});
