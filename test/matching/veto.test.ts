import { describe, expect, it } from 'vitest';
import { explainPair, parseConfig, defaultConfig } from '../../matching/index.js';

const at = { source: 'test', date_maj: '2025-01-01', adresse: '13 rue Pierre et Marie Curie', code_insee: '22161', commune: 'Pabu', telephone: '02 96 11 22 33', latitude: 48.5495, longitude: -2.3997 };
const records = [
  { ...at, id: 'mairie', nom: 'Mairie de Pabu' },
  { ...at, id: 'ccas', nom: 'C.C.A.S. de Pabu' },
  { ...at, id: 'hdv', nom: 'Hôtel de Ville de Pabu' },
];

describe('veto comparisons', () => {
  it('never merges offices of different kinds sharing a building and a switchboard', async () => {
    const e = await explainPair(records, 'mairie', 'ccas', { threads: 1 });
    expect(e.vetoedBy).toEqual(['genre']);
    expect(e.weight).toBeLessThanOrEqual(-6);
    expect(e.decision).toBe('distinct');
  });
  it('never merges the CMP for adults with the CMP for children of one building, but merges a CMP stating no public', async () => {
    const cmp = [
      { ...at, id: 'adultes', nom: 'CMP adultes de Pabu' },
      { ...at, id: 'enfants', nom: 'Centre médico-psychologique infanto-juvénile de Pabu' },
      { ...at, id: 'cmp', nom: 'C.M.P. de Pabu' },
    ];
    const e = await explainPair(cmp, 'adultes', 'enfants', { threads: 1 });
    expect(e.vetoedBy).toEqual(['public']);
    expect(e.decision).toBe('distinct');
    const f = await explainPair(cmp, 'adultes', 'cmp', { threads: 1 });
    expect(f.vetoedBy).toEqual([]);
    expect(f.comparisons.find((c) => c.name === 'public')?.label).toBe('null');
  });
  it('leaves pairs of one kind of office alone', async () => {
    const e = await explainPair(records, 'mairie', 'hdv', { threads: 1 });
    expect(e.vetoedBy).toEqual([]);
    expect(e.weight).toBeGreaterThan(-6);
  });
  it('is validated like the other comparison options', () => {
    const c = defaultConfig();
    expect(() => parseConfig({ ...c, comparisons: [{ ...c.comparisons[0], veto: 'yes' }] })).toThrow(/veto/);
    expect(() => parseConfig({ ...c, comparisons: [{ ...c.comparisons[0], tfField: 'nowhere' }] })).toThrow(/tfField/);
  });
});
