import { describe, expect, it } from 'vitest';
import { block, defaultConfig, explainPair, parseConfig } from '../../matching/index.js';
import { crowdedPoints, crowdSlices, dropCrowded, dropCrowdedSlices } from '../../matching/columns.js';

const place = { source: 'test', commune: 'Pabu', code_insee: '22161' };
// one email two records share, one a network's five sites share
const records = [
  { ...place, id: 'a1', nom: 'La Ruche', courriel: 'contact@laruche.fr' },
  { ...place, id: 'a2', nom: 'Association La Ruche', courriel: 'Contact@laruche.fr' },
  ...Array.from({ length: 5 }, (_, k) => ({ ...place, id: `n${k}`, nom: `Restos du coeur ${k}`, courriel: 'contact@restosducoeur.org' })),
  ...Array.from({ length: 7 }, (_, k) => ({ ...place, id: `x${k}`, nom: `Secours populaire ${k}`, courriel: 'accueil@spf.fr' })),
];

describe('levels on how many records hold a value (maxFreq)', () => {
  it('tells a value two records share from a handful of sites and from a network', async () => {
    const label = async (a: string, b: string) => (await explainPair(records, a, b, { threads: 1 })).comparisons.find((c) => c.name === 'courriel')!.label;
    expect(await label('a1', 'a2')).toBe('exact & held by ≤ 2');
    expect(await label('n0', 'n3')).toBe('exact & held by ≤ 5');
    expect(await label('x0', 'x6')).toBe('exact');
    expect(await label('a1', 'n1')).toBe('else');
  });
  it('is validated: a count of records, never on a point', () => {
    const c = defaultConfig();
    const lieu = c.comparisons.find((x) => x.name === 'lieu')!;
    expect(() => parseConfig({ ...c, comparisons: [{ ...lieu, levels: [{ km: 0.05, maxFreq: 2 }] }] })).toThrow(/maxFreq needs a field with values/);
    const mail = c.comparisons.find((x) => x.name === 'courriel')!;
    expect(() => parseConfig({ ...c, comparisons: [{ ...mail, levels: [{ exact: true, maxFreq: 0 }] }] })).toThrow(/maxFreq/);
  });
  it('counts holders over the whole input, not within a block', async () => {
    const b = await block(records, { threads: 1 });
    const col = b.prepared.columns.fields.courriel;
    if (col.kind === 'point') throw new Error('courriel is not a point');
    expect(col.freq[col.ids[0]]).toBe(2);
    expect(col.freq[col.ids[2]]).toBe(5);
  });
});

describe('levels when a field is missing (absent) and on listed values (values)', () => {
  const base = { commune: 'Pabu', code_insee: '22161', nom: 'La Ruche' };
  const rows = [
    { ...base, source: 'dora', id: 'p1', latitude: 48.58, longitude: -3.19 },
    { ...base, source: 'dora', id: 'p2' }, // no coordinates
    { ...base, source: 'mediation-numerique', id: 'p3', latitude: 48.60, longitude: -3.19 }, // 2.2 km from p1
    { ...base, source: 'mediation-numerique', id: 'p4', latitude: 48.5801, longitude: -3.1901 },
  ];
  const label = async (a: string, b: string, name: string) =>
    (await explainPair(rows, a, b, { threads: 1 })).comparisons.find((c) => c.name === name)!.label;
  it('tells "same commune, one record without coordinates" from "same commune, far apart"', async () => {
    expect(await label('p1', 'p2', 'lieu')).toBe('code_insee exact & no position');
    expect(await label('p1', 'p3', 'lieu')).toBe('code_insee exact');
    expect(await label('p1', 'p4', 'lieu')).toBe('≤ 0.05 km');
  });
  it('tells the sources known to list a place twice from the others', async () => {
    expect(await label('p3', 'p4', 'source')).toBe('exact & in mediation-numerique|emplois-de-linclusion');
    expect(await label('p1', 'p2', 'source')).toBe('exact');
    expect(await label('p1', 'p3', 'source')).toBe('else');
  });
  it('is validated: absent names a field, values need a text field', () => {
    const c = defaultConfig();
    const lieu = c.comparisons.find((x) => x.name === 'lieu')!;
    expect(() => parseConfig({ ...c, comparisons: [{ ...lieu, levels: [{ km: 0.05, absent: 'nowhere' }] }] })).toThrow(/absent names unknown field "nowhere"/);
    const mail = c.comparisons.find((x) => x.name === 'courriel')!;
    expect(() => parseConfig({ ...c, comparisons: [{ ...mail, levels: [{ exact: true, values: ['a@b.fr'] }] }] })).toThrow(/values needs a text or string field/);
  });
});

describe('levels that also need other fields equal (also)', () => {
  const rows = [
    { source: 'dora', id: 'a', nom: 'Le Phare - Lille', commune: 'Lille', code_insee: '59350' },
    { source: 'dora', id: 'b', nom: 'Le Phare', commune: 'Lille', code_insee: '59350' },
    { source: 'dora', id: 'c', nom: 'Le Phare - Douai', commune: 'Douai', code_insee: '59178' },
  ];
  const label = async (a: string, b: string) =>
    (await explainPair(rows, a, b, { threads: 1 })).comparisons.find((c) => c.name === 'nom')!.label;
  it('tells one name in one commune from one name in two communes', async () => {
    expect(await label('a', 'b')).toBe('exact & same code_insee');
    expect(await label('b', 'c')).toBe('exact');
  });
  it('is validated: also names fields with values', () => {
    const c = defaultConfig();
    const nom = c.comparisons.find((x) => x.name === 'nom')!;
    expect(() => parseConfig({ ...c, comparisons: [{ ...nom, levels: [{ exact: true, also: ['nowhere'] }] }] })).toThrow(/also names unknown field "nowhere"/);
    expect(() => parseConfig({ ...c, comparisons: [{ ...nom, levels: [{ exact: true, also: ['position'] }] }] })).toThrow(/also needs fields with values/);
  });
});

describe('crowded points (a town centre geocoding) read as missing', () => {
  it('drops the points that enough others share within the radius, keeps the rest', () => {
    // six records on one point (± 5 m), one 2 km away, one 45 m from the crowd
    const lat = Float64Array.from([48.1, 48.10003, 48.10001, 48.09998, 48.1, 48.10002, 48.118, 48.1004]);
    const lon = Float64Array.from([-1.68, -1.68, -1.68003, -1.68, -1.67997, -1.68001, -1.68, -1.68]);
    const dropped = dropCrowded(lat, lon, 0.025, 5);
    expect(dropped).toBe(6);
    expect(Array.from(lat, (v) => Number.isNaN(v))).toEqual([true, true, true, true, true, true, false, false]);
  });
  it('counted in slices (as the workers do), finds the same points as counted whole', () => {
    // a seeded cloud: a few crowded spots among scattered points, some missing
    let seed = 7;
    const rand = () => ((seed = Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const n = 3000;
    const lat = new Float64Array(n), lon = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const spot = i % 7 === 0 ? (i % 5) : -1;
      lat[i] = spot >= 0 ? 45 + spot * 0.01 + rand() * 0.0002 : 45 + rand() * 0.5;
      lon[i] = spot >= 0 ? 2 + rand() * 0.0002 : 2 + rand() * 0.5;
      if (i % 97 === 0) lat[i] = lon[i] = NaN;
    }
    const whole = { lat: lat.slice(), lon: lon.slice() };
    const dropped = dropCrowded(whole.lat, whole.lon, 0.025, 5);
    expect(dropped).toBeGreaterThan(300);
    for (const threads of [2, 3, 7]) {
      const job = { lat: lat.slice(), lon: lon.slice(), km: 0.025, records: 5 };
      const slices = crowdSlices([job], threads);
      expect(slices.length).toBe(threads);
      // every slice reads the coordinates before any is written, as on the workers
      const found = slices.map((s) => crowdedPoints(s.lat, s.lon, s.km, s.records, s.from, s.to));
      expect(found.reduce((a, f) => a + f.length, 0)).toBe(dropped);
      dropCrowdedSlices(slices, found);
      expect(Array.from(job.lat)).toEqual(Array.from(whole.lat));
      expect(Array.from(job.lon)).toEqual(Array.from(whole.lon));
    }
  });
  it('is a point field option, validated', () => {
    const c = defaultConfig();
    expect(c.fields.position.crowd).toEqual({ km: 0.025, records: 5 });
    expect(() => parseConfig({ ...c, fields: { ...c.fields, nom: { type: 'name', crowd: { km: 0.1, records: 3 } } } })).toThrow(/crowd is for point fields/);
    expect(() => parseConfig({ ...c, fields: { ...c.fields, position: { type: 'point', from: ['latitude', 'longitude'], crowd: { km: 0 } } } })).toThrow(/crowd/);
  });
});
