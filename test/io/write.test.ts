import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAll, writeCsv, writeJsonl, writeErrorsCsv } from '../../src/io/index.js';
import { errorRow } from '../../src/model/index.js';
import { scratch } from './helpers.js';

const { dir } = scratch();

describe('writers', () => {
  it('JSONL round-trips', async () => {
    const rows = [{ id: 'a', nom: 'Café "du coin"', tags: ['x'] }, { id: 'b', latitude: 48.1, v: null }];
    const p = join(dir, 'sub', 'out.jsonl');
    expect(await writeJsonl(p, rows)).toBe(2);
    expect((await readAll(p)).rows).toEqual(rows);
  });
  it('CSV round-trips with quoting, arrays as JSON and nulls as empty', async () => {
    const p = join(dir, 'out.csv');
    await writeCsv(p, [{ id: '1', nom: 'CCAS, Rennes', lst: ['a', 'b'], n: null }, { id: '2', nom: 'Ligne\nnouvelle', lst: [], n: 3 }], ['id', 'nom', 'lst', 'n']);
    const r = await readAll(p);
    expect(r.rows).toEqual([
      { id: '1', nom: 'CCAS, Rennes', lst: '["a","b"]', n: '' },
      { id: '2', nom: 'Ligne\nnouvelle', lst: '[]', n: '3' },
    ]);
  });
  it('errors.csv has the documented columns', async () => {
    const p = join(dir, 'errors.csv');
    await writeErrorsCsv(p, [errorRow({ source: 'dora', id: 'dora--1', resource: 'structure', field: 'siret', rule: 'pattern', message: 'bad', value: '12', file: 'f.json', line: 3 })]);
    expect(readFileSync(p, 'utf8')).toBe('source,id,resource,field,rule,severity,message,value,file,line\ndora,dora--1,structure,siret,pattern,error,bad,12,f.json,3\n');
  });
});
