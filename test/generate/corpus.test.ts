import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_FILES, corpus, generateCorpus } from '../../src/generate/index.js';
import { validateService, validateStructure } from '../../src/model/index.js';
import { load, tmp } from './helpers.js';

const digest = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));

describe('determinism', () => {
  it('writes byte-identical files for the same seed, and different ones for another seed', async () => {
    const a = tmp('det-a');
    const b = tmp('det-b');
    const c = tmp('det-c');
    await generateCorpus({ entities: 1200, seed: 'same', out: a });
    await generateCorpus({ entities: 1200, seed: 'same', out: b });
    await generateCorpus({ entities: 1200, seed: 'other', out: c });
    const da = digest(a);
    expect(Object.keys(da)).toEqual(Object.values(CORPUS_FILES).sort());
    expect(digest(b)).toEqual(da);
    const dc = digest(c);
    expect(dc[CORPUS_FILES.structures]).not.toBe(da[CORPUS_FILES.structures]);
    expect(dc[CORPUS_FILES.truth]).not.toBe(da[CORPUS_FILES.truth]);
  });

  it('streams the same entities whatever the total asked for (a smaller corpus is a prefix)', () => {
    const ids = (n: number) => [...corpus({ entities: n, seed: 4 })].map((x) => `${x.entity.id}:${x.records.map((r) => r.structure.nom).join('|')}`);
    const small = ids(150);
    const large = ids(400);
    expect(large.slice(0, 150)).toEqual(small);
  });
});

describe('files and ground truth', () => {
  it('writes exactly the entities asked for, every structure once in truth.csv, and counts that add up', async () => {
    const c = await load(4000, 21);
    expect(c.entities).toHaveLength(4000);
    expect(c.summary.entities).toBe(4000);
    expect(c.structures).toHaveLength(c.summary.structures);
    expect(c.services).toHaveLength(c.summary.services);
    const ids = c.structures.map((s) => s.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    expect(c.truth.size).toBe(ids.length);
    for (const id of ids) expect(c.truth.has(id)).toBe(true);
    const entityIds = new Set(c.entities.map((e) => e.entity_id));
    for (const e of c.truth.values()) expect(entityIds.has(e)).toBe(true);
    // every entity has at least one record
    expect(new Set(c.truth.values()).size).toBe(4000);
    const bySource = new Map<string, number>();
    for (const s of c.structures) bySource.set(s.source, (bySource.get(s.source) ?? 0) + 1);
    for (const [src, n] of bySource) expect(c.summary.bySource[src]?.structures).toBe(n);
  });

  it('gives ids of the form <source>--<native id>, services pointing at a structure of the same source', async () => {
    const c = await load(4000, 21);
    const structureIds = new Set(c.structures.map((s) => s.id as string));
    for (const s of c.structures) expect((s.id as string).startsWith(`${s.source}--`)).toBe(true);
    const serviceIds = c.services.map((s) => s.id as string);
    expect(new Set(serviceIds).size).toBe(serviceIds.length);
    for (const v of c.services) {
      expect(structureIds.has(v.structure_id)).toBe(true);
      expect((v.structure_id as string).startsWith(`${v.source}--`)).toBe(true);
    }
    // médiation numérique: one lieu → one structure and one service with the same id
    const mednum = c.services.filter((v) => v.source === 'mediation-numerique');
    expect(mednum.length).toBeGreaterThan(0);
    for (const v of mednum) expect(v.id).toBe(v.structure_id);
  });

  it('with no defects asked for, every record is valid schema v1 (quality warnings allowed)', async () => {
    const c = await load(3000, 'clean', 0);
    const today = '2026-06-30';
    for (const s of c.structures) {
      const r = validateStructure(s, { today });
      if (!r.valid) throw new Error(`${s.id}: ${JSON.stringify(r.errors)}`);
    }
    for (const v of c.services) {
      const r = validateService(v, { today });
      if (!r.valid) throw new Error(`${v.id}: ${JSON.stringify(r.errors)}`);
    }
  });

  it('with defects asked for, about that share of records fail validation, with the real-world rules', async () => {
    const c = await load(3000, 'defects', 0.05);
    const today = '2026-06-30';
    const rules = new Set<string>();
    let bad = 0;
    for (const s of c.structures) {
      const r = validateStructure(s, { today });
      if (!r.valid) bad++;
      for (const e of r.errors) rules.add(`${e.field}:${e.rule}`);
    }
    const share = bad / c.structures.length;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.07);
    for (const rule of ['courriel:format:email', 'site_web:format:uri', 'date_maj:date_range', 'date_maj:format:date', 'nom:min_length', 'reseaux_porteurs:enum', 'latitude:type']) {
      expect(rules).toContain(rule);
    }
    const fields = new Set([...rules].map((r) => r.split(':')[0]));
    for (const f of ['code_postal', 'siret', 'code_insee']) expect(fields).toContain(f);
    const serviceRules = new Set<string>();
    for (const v of c.services) for (const e of validateService(v, { today }).errors) serviceRules.add(e.rule);
    expect(serviceRules).toContain('tous_publics_exclusive');
  });

  it('flags some SIRETs (Luhn) and personal emails as warnings, as the national pipeline would', async () => {
    const c = await load(4000, 21);
    let luhn = 0;
    let personal = 0;
    for (const s of c.structures) {
      for (const w of validateStructure(s, { today: '2026-06-30' }).warnings) {
        if (w.rule === 'siret_luhn') luhn++;
        if (w.rule === 'personal_email') personal++;
      }
    }
    const withSiret = c.structures.filter((s) => s.siret).length;
    expect(luhn / withSiret).toBeGreaterThan(0.003);
    expect(luhn / withSiret).toBeLessThan(0.05);
    expect(personal).toBeGreaterThan(0);
  });

  it('never dates a record after the reference day nor before 2000', async () => {
    const c = await load(3000, 'clean', 0);
    const dates = [...c.structures, ...c.services].map((r) => r.date_maj as string);
    for (const d of dates) {
      expect(d).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(d >= '2000-01-01' && d <= '2026-06-30').toBe(true);
    }
    // fresh and stale records both occur: producers do not all update at the same pace
    expect(dates.filter((d) => d >= '2026-01-01').length / dates.length).toBeGreaterThan(0.2);
    expect(dates.filter((d) => d < '2024-01-01').length / dates.length).toBeGreaterThan(0.05);
  });
});
