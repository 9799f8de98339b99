import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { exportTables, CONSOLIDATED_STRUCTURE_COLUMNS, type Table } from '../../src/export/index.js';
import { readAll } from '../../src/io/index.js';
import { csvCell } from '../../src/io/write.js';

const rows: Record<string, unknown>[] = [
  {
    id: 'rcp-000000000001', source: 'dora', nom: 'CCAS de Rennes, "place de la Mairie"', adresse: '15 place de la Mairie\nBP 12',
    code_postal: '35000', code_insee: '35238', commune: 'Rennes', latitude: 48.11139, longitude: -1.67966, telephone: '+33223621940',
    reseaux_porteurs: ['ccas-cias', 'communes'], date_maj: '2025-11-03', sources: ['dora', 'soliguide'], members: ['dora--1', 'soliguide--2'],
    provenance: { nom: 'dora--1', reseaux_porteurs: ['dora--1', 'soliguide--2'] }, score_qualite: 0.65, cluster_size: 2,
  },
  {
    id: 'rcp-000000000002', source: 'soliguide', nom: 'Épicerie sociale « Le Panier »', adresse: null, latitude: null, longitude: null,
    reseaux_porteurs: null, date_maj: '2024-01-31', sources: ['soliguide'], members: ['soliguide--3'], provenance: {}, score_qualite: 0.1, cluster_size: 1,
  },
];
const table: Table = { name: 'structures', columns: CONSOLIDATED_STRUCTURE_COLUMNS, rows, geo: true };
const cols = table.columns;
const expected = rows.map((r) => Object.fromEntries(cols.map((c) => [c.name, r[c.name] ?? null])));

describe('every export parses back to the same rows', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'recoupe-export-'));
  const files = await exportTables(dir, [table]);

  it('writes the five formats', () => {
    expect(files.map((f) => f.split('.').pop()).sort()).toEqual(['csv', 'geojson', 'json', 'parquet', 'xlsx']);
  });
  it('JSON', () => {
    expect(JSON.parse(readFileSync(join(dir, 'structures.json'), 'utf8'))).toEqual(expected);
  });
  it('CSV (lists and objects as JSON text)', async () => {
    const back = await readAll(join(dir, 'structures.csv'));
    expect(back.errors).toEqual([]);
    expect(back.rows).toEqual(rows.map((r) => Object.fromEntries(cols.map((c) => [c.name, csvCell(r[c.name])]))));
    expect(JSON.parse(back.rows[0].provenance as string)).toEqual(rows[0].provenance);
  });
  it('Parquet', async () => {
    const back = await parquetReadObjects({ file: await asyncBufferFromFile(join(dir, 'structures.parquet')) });
    expect(back).toEqual(expected);
  });
  it('GeoJSON (structures with coordinates)', () => {
    const fc = JSON.parse(readFileSync(join(dir, 'structures.geojson'), 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(1);
    const { latitude, longitude, ...props } = expected[0];
    expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [longitude, latitude] });
    expect(fc.features[0].properties).toEqual(props);
  });
  it('XLSX', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'structures.xlsx'));
    const ws = wb.getWorksheet('structures')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(cols.map((c) => c.name));
    const back = [2, 3].map((n) => {
      const values = ws.getRow(n).values as unknown[];
      return Object.fromEntries(cols.map((c, i) => {
        const v = values[i + 1] ?? null;
        return [c.name, c.type === 'json' && typeof v === 'string' ? JSON.parse(v) : v];
      }));
    });
    expect(back).toEqual(expected);
  });
});

describe('large exports on worker threads', () => {
  it('write the same files as one thread', async () => {
    const many = Array.from({ length: 12_000 }, (_, i) => ({ ...rows[i % 2], id: `rcp-${String(i).padStart(12, '0')}`, nom: `Structure n° ${i}` }));
    const tables: Table[] = [
      { name: 'structures', columns: cols, rows: many, geo: true },
      { name: 'structures_bis', columns: cols, rows: many.slice(0, 9_000), geo: true },
    ];
    const one = mkdtempSync(join(tmpdir(), 'recoupe-export-1-'));
    const two = mkdtempSync(join(tmpdir(), 'recoupe-export-2-'));
    const f1 = await exportTables(one, tables, ['csv', 'json', 'geojson'], 1);
    const f2 = await exportTables(two, tables, ['csv', 'json', 'geojson'], 2);
    expect(f2.map((f) => f.replace(two, ''))).toEqual(f1.map((f) => f.replace(one, '')));
    for (const f of f1) expect(readFileSync(f.replace(one, two), 'utf8')).toBe(readFileSync(f, 'utf8'));
  });
});
