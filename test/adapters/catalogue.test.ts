import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromRoot } from '../../src/paths.js';
import { catalogueAdapter, readMapping, runAdapter } from '../../adapters/index.js';
import { droppedTotal, TODAY } from './helpers.js';

describe('catalogue adapter', () => {
  it('reads the valideur template as is and reports its deliberately invalid values', async () => {
    const file = fromRoot('fixtures', 'valideur', 'dataset.xlsx');
    const res = await runAdapter(catalogueAdapter({ file, as: 'valideur' }), file, { today: TODAY });
    // the __ignore__ rows are the template's help and example lines
    expect(res.dropped).toEqual([{ reason: 'template row (__ignore__)', count: 4 }]);
    expect(res.imported + droppedTotal(res) + res.rejected).toBe(res.rawRows);
    const byRule = (rule: string) => res.errors.filter((e) => e.rule === rule);
    const agence = res.errors.filter((e) => e.id === 'valideur--005d3060-c322-4ec5-bd70-a60f054d3b81' && e.severity === 'error');
    expect(agence.map((e) => [e.field, e.rule, e.value]).sort()).toEqual([
      ['code_postal', 'max_length', '750121'],
      ['courriel', 'format:email', 'pas une adresse'],
      ['site_web', 'format:uri', 'pas une url !'],
    ]);
    expect(byRule('nom_trailing_point')[0].value).toBe('AGENCE ACTION LOGEMENT.');
    // the template's date_maj column carries a date in its header cell: read as date_maj, with a warning
    expect(byRule('date_header').map((e) => [e.field, e.severity, e.message])).toEqual([
      ['date_maj', 'warning', 'column 3: the header is a date (2026-02-23), not a column name; read as date_maj'],
      ['date_maj', 'warning', 'column 4: the header is a date (2026-03-03), not a column name; read as date_maj'],
    ]);
    expect(byRule('bad_header')).toEqual([]);
    // the agency's own date is read, so only its deliberately invalid values reject it
    expect(res.errors.some((e) => e.field === 'date_maj' && e.rule === 'required')).toBe(false);
    expect(byRule('unknown_column').map((e) => e.field)).toEqual(['colonne en trop', 'colonne en double', 'lien_url_gen', 'lien_url_widget']);
    expect(byRule('duplicate_column').map((e) => e.field)).toEqual(['lien_source']);
    expect(res.unmapped).toContainEqual({ field: 'mobilisable_par', value: 'autres', count: 2 });
  });

  it('maps French headers of a CSV through mapping.json', async () => {
    const file = fromRoot('fixtures', 'sources', 'catalogue', 'lieux.csv');
    const mapping = readMapping(fromRoot('fixtures', 'sources', 'catalogue', 'mapping.json'));
    const res = await runAdapter(catalogueAdapter({ file, mapping, as: 'ville-de-rennes' }), file, { today: TODAY });
    expect(res.structures.map((s) => s.id)).toEqual(['ville-de-rennes--VR-001', 'ville-de-rennes--VR-002', 'ville-de-rennes--VR-003', 'ville-de-rennes--VR-005']);
    const ccas = res.structures[0];
    expect(ccas).toMatchObject({
      source: 'ville-de-rennes', nom: 'CCAS de la Ville de Rennes', siret: '26350023800013', telephone: '+33223621940',
      courriel: 'ccas@ville-rennes.fr', reseaux_porteurs: ['ccas-cias'], date_maj: '2025-11-03', code_insee: '35238',
    });
    expect(res.structures[2].reseaux_porteurs).toEqual(['mjc']);
    expect(res.unmapped).toEqual([{ field: 'reseaux_porteurs', value: 'maison-de-quartier', count: 1 }]);
    expect(res.errors.filter((e) => e.severity === 'error').map((e) => [e.id, e.field, e.rule, e.value])).toEqual([
      ['ville-de-rennes--VR-004', 'date_maj', 'format:date', '2025-02-30'],
    ]);
  });

  it('refuses a mapping that targets a field the schema does not have, naming it', () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'recoupe-mapping-')), 'mapping.json');
    writeFileSync(bad, JSON.stringify({ structures: { columns: { 'Nom': 'name' } } }));
    expect(() => readMapping(bad)).toThrow(/structures\.columns\["Nom"\] = "name" is not a schema v1 structure field/);
    expect(() => catalogueAdapter({ file: 'x.pdf', as: 'x' })).toThrow(/must be \.xlsx or \.csv/);
    expect(() => catalogueAdapter({ file: 'x.csv', as: 'Pas Un Slug' })).toThrow(/--as must be a slug/);
  });
});
