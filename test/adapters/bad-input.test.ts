/**
 * Bad input never crashes an import and never disappears: each problem becomes an error row with
 * its field and reason, and the other rows are still imported.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSource } from '../../adapters/index.js';
import { droppedTotal, FIXTURES, TODAY } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'recoupe-adapters-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of a fixture folder to damage. */
function copyOf(slug: string, name: string): string {
  const dir = join(tmp, name);
  cpSync(join(FIXTURES, slug), dir, { recursive: true });
  return dir;
}

const structure = (over: Record<string, unknown>) => ({
  id: 'x1', nom: 'Association Relais Emploi', typologie: 'ASSO', labels_nationaux: [], siret: null, adresse: '1 rue de Nantes',
  code_postal: '35000', code_insee: '35238', commune: 'Rennes', date_maj: '2025-03-01', ...over,
});

describe('bad input', () => {
  it('truncated JSON: the records before the break are imported, the break is one error row', async () => {
    const dir = copyOf('soliguide', 'truncated');
    const text = readFileSync(join(dir, 'lieux.json'), 'utf8');
    const cut = text.indexOf('"lieu_id": 12006');
    writeFileSync(join(dir, 'lieux.json'), text.slice(0, cut + 30));
    const res = await importSource('soliguide', dir, { today: TODAY });
    expect(res.structures.map((s) => s.id)).toEqual(['soliguide--12001', 'soliguide--12002']);
    const broken = res.errors.filter((e) => e.rule === 'malformed_json');
    expect(broken).toHaveLength(1);
    expect(broken[0].message).toMatch(/after 5 record/);
    expect(res.imported + droppedTotal(res) + res.rejected).toBe(res.rawRows);
  });

  it('a missing required field, a wrong type and an unknown enum value, next to a good row', async () => {
    const dir = join(tmp, 'dora-bad');
    cpSync(join(FIXTURES, 'dora'), dir, { recursive: true });
    writeFileSync(join(dir, 'structures.json'), JSON.stringify({ results: [
      structure({ id: 'ok' }),
      structure({ id: 'sans-nom', nom: null }),
      structure({ id: 'date-booleenne', date_maj: true }),
      'pas un objet',
      structure({ id: 'typo-inconnue', typologie: 'XYZ' }),
    ] }));
    writeFileSync(join(dir, 'services.json'), '[]');
    const res = await importSource('dora', dir, { today: TODAY });
    expect(res.structures.map((s) => s.id)).toEqual(['dora--ok', 'dora--typo-inconnue']);
    const rejected = res.errors.filter((e) => e.severity === 'error').map((e) => [e.id, e.field, e.rule]);
    expect(rejected).toEqual([
      ['dora--sans-nom', 'nom', 'type'],
      ['dora--date-booleenne', 'date_maj', 'format:date'],
      ['', '', 'not_an_object'],
    ]);
    expect(res.unmapped).toContainEqual({ field: 'typologie', value: 'XYZ', count: 1 });
    expect(res.rawRows).toBe(5);
    expect(res.rejected).toBe(3);
  });

  it('an empty file is one error row; the other file of the source is still imported', async () => {
    const dir = copyOf('dora', 'empty');
    writeFileSync(join(dir, 'services.json'), '');
    const res = await importSource('dora', dir, { today: TODAY });
    expect(res.structures.length).toBe(7);
    expect(res.services).toEqual([]);
    expect(res.errors.filter((e) => e.rule === 'empty_file').map((e) => e.file)).toEqual([join(dir, 'services.json')]);
  });

  it('a missing file is reported, not a crash', async () => {
    const dir = copyOf('emplois-de-linclusion', 'missing');
    rmSync(join(dir, 'siaes.json'));
    const res = await importSource('emplois-de-linclusion', dir, { today: TODAY });
    expect(res.structures.length).toBe(7 - 1);
    expect(res.errors.find((e) => e.rule === 'missing_file')?.message).toMatch(/siaes\.json is missing/);
  });

  it('a latin-1 CSV is decoded (accents intact) and imported', async () => {
    const dir = copyOf('france-travail', 'latin1');
    const utf8 = readFileSync(join(dir, 'services.csv'), 'utf8');
    writeFileSync(join(dir, 'services.csv'), Buffer.from(utf8, 'latin1'));
    const res = await importSource('france-travail', dir, { today: TODAY });
    const nord = res.services.find((s) => s.id === 'france-travail--BRE0045-svc-aide-mobilite');
    expect(nord?.nom).toBe('Aide à la mobilité');
    expect(nord?.mobilisation_precisions).toContain('« mes aides »');
    expect(res.services.length).toBe(9);
  });

  it('services of a rejected structure are rejected with that reason, not silently kept or lost', async () => {
    const res = await importSource('dora', join(FIXTURES, 'dora'), { today: TODAY });
    const e = res.errors.find((x) => x.rule === 'structure_rejected');
    expect(e?.id).toBe('dora--5e7d2c10-aa01-4b7e-8c11-000000000008');
    expect(res.services.some((s) => s.id === e?.id)).toBe(false);
  });
});
