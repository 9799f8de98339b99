import { describe, expect, it } from 'vitest';
import { block, defaultConfig, haversineKm, match, parseConfig } from '../../matching/index.js';
import { structures } from './fixtures.js';
import { fillKeyTable, keyTableFor } from '../../matching/block/tasks.js';
import { corpus } from '../../src/generate/corpus.js';

function pairsByRule(b: Awaited<ReturnType<typeof block>>): Map<string, string> {
  const out = new Map<string, string>();
  let k = 0;
  for (const r of b.reports) {
    for (let q = 0; q < r.pairs; q++, k++) {
      const ids = [b.prepared.ids[b.left[k]], b.prepared.ids[b.right[k]]].sort();
      out.set(ids.join('|'), r.name);
    }
  }
  return out;
}

describe('blocking rules (default data·inclusion config)', () => {
  it('each rule finds its pair, and every pair is produced once', async () => {
    const b = await block(structures(), { threads: 1 });
    const found = pairsByRule(b);
    expect(found.get('siret-a|siret-b')).toBe('siret');
    expect(found.get('siren-a|siren-b')).toBe('siren-commune');
    expect(found.get('tel-a|tel-b')).toBe('telephone');
    expect(found.get('mail-a|mail-b')).toBe('courriel');
    expect(found.get('web-a|web-b')).toBe('domaine');
    expect(found.get('commune-a|commune-b')).toBe('insee-token');
    expect(found.get('near-a|near-b')).toBe('near-token');
    // no pair twice: mail-a|mail-b is also a domain pair, produced by the first rule only
    expect(b.left.length).toBe(found.size);
    expect(b.reports.find((r) => r.name === 'domaine')!.candidatePairs).toBe(2);
    expect(b.reports.find((r) => r.name === 'domaine')!.pairs).toBe(1);
  });

  it('skips and reports keys above the max block size instead of enumerating them', async () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ id: `r${i}`, nom: `Restos du coeur antenne ${i}`, code_insee: '75056', telephone: '01 45 00 00 00' }));
    const config = defaultConfig();
    config.maxBlockSize = 25;
    const rule = config.blocking.find((r) => r.name === 'insee-token')!;
    rule.maxBlockSize = 50; // a rule's own limit wins over the global one
    const loose = await block(many, { config, threads: 1 });
    expect(loose.reports.find((r) => r.name === 'insee-token')!.skippedKeys).toBe(0);
    rule.maxBlockSize = 25;
    const b = await block(many, { config, threads: 1 });
    const tel = b.reports.find((r) => r.name === 'telephone')!;
    expect(tel.skippedKeys).toBe(1);
    expect(tel.skippedRecords).toBe(40);
    expect(tel.largestSkipped[0]).toEqual({ key: '+33145000000', size: 40 });
    expect(tel.pairs).toBe(0);
    const insee = b.reports.find((r) => r.name === 'insee-token')!;
    expect(insee.skippedKeys).toBeGreaterThan(0); // "75056 × restosducoeur" holds all 40
    expect(b.left.length).toBeLessThan((40 * 39) / 2);
  });

  it('link mode never pairs two records of the same input', async () => {
    const recs = structures();
    const input = recs.map((_, i) => (i % 2 === 0 ? 0 : 1)); // a-records in input 0, b-records in input 1
    const same = recs.map(() => 0);
    const linked = await block(recs, { threads: 1, link: input });
    for (let k = 0; k < linked.left.length; k++) expect(input[linked.left[k]]).not.toBe(input[linked.right[k]]);
    expect(linked.left.length).toBe(7);
    const none = await block(recs, { threads: 1, link: same.map((_, i) => (i < 8 ? 0 : 0)) });
    expect(none.left.length).toBe(0);
  });

  it('records without any comparable field end as singletons', async () => {
    const r = await match(structures(), { threads: 1 });
    const ids = r.ids;
    const e1 = r.clusterOf[ids.indexOf('empty-1')], e2 = r.clusterOf[ids.indexOf('empty-2')];
    expect(e1).not.toBe(e2);
    expect(r.clusterOf.filter((c) => c === e1).length).toBe(1);
    expect(r.ids.length).toBe(16);
  });
});

describe('config validation', () => {
  it('names the field and the expected form', () => {
    const bad = { ...defaultConfig(), blocking: [{ name: 'x', km: 'far' }] };
    expect(() => parseConfig(bad)).toThrow(/blocking\[0\]\.km must be number/);
    const unknown = { ...defaultConfig(), comparisons: [{ name: 'n', field: 'nme', levels: [{ exact: true }] }] };
    expect(() => parseConfig(unknown)).toThrow(/comparisons\[0\]\.field names unknown field "nme"/);
    const typo = { ...defaultConfig(), treshold: 0.9 };
    expect(() => parseConfig(typo)).toThrow(/treshold is not a known setting/);
    const type = { ...defaultConfig(), fields: { nom: { type: 'nom' } } };
    expect(() => parseConfig(type)).toThrow(/fields\.nom\.type must be one of name, address/);
  });
  it('accepts the shipped configs', async () => {
    const { loadConfig } = await import('../../matching/index.js');
    for (const f of ['restaurants', 'febrl']) expect(loadConfig(`fixtures/configs/${f}.json`).comparisons.length).toBeGreaterThan(0);
  });
});

describe('the spatial rule', () => {
  // points in a few dense spots (some neighbourhoods above the rule's max block size) and a sparse
  // spread, names from a small vocabulary (tokens shared now and then), some without a name, a
  // point or both; a phone rule before it covers some of its pairs
  function spread(n: number, seed: number): Record<string, unknown>[] {
    let s = seed;
    const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const words = ['ccas', 'mission', 'locale', 'secours', 'populaire', 'emmaus', 'france', 'services', 'maison', 'solidarite', 'epicerie', 'sociale'];
    const spots = [[48.85, 2.35], [45.76, 4.83], [43.3, 5.37], [47.22, -1.55]];
    return Array.from({ length: n }, (_, i) => {
      const r: Record<string, unknown> = { id: `p${i}` };
      if (rnd() > 0.1) r.nom = `${words[Math.floor(rnd() * words.length)]} ${words[Math.floor(rnd() * words.length)]} ${i % 7}`;
      if (rnd() > 0.1) {
        const dense = rnd() < 0.6;
        const [la, lo] = spots[Math.floor(rnd() * spots.length)];
        const spanKm = dense ? (rnd() < 0.5 ? 1 : 2.5) : 40;
        r.latitude = la + ((rnd() - 0.5) * spanKm) / 111;
        r.longitude = lo + ((rnd() - 0.5) * spanKm) / 80;
      }
      if (rnd() < 0.05) r.telephone = `01 45 00 00 0${Math.floor(rnd() * 5)}`;
      return r;
    });
  }

  it('gives the pairs, in the order, of every pair of records tested one by one', async () => {
    const recs = spread(3000, 7);
    const config = defaultConfig();
    const near = { ...config.blocking.find((r) => r.name === 'near-token')!, maxBlockSize: 60 };
    config.blocking = [config.blocking.find((r) => r.name === 'telephone')!, near];
    const b = await block(recs, { config, threads: 1 });
    const { columns } = b.prepared;
    const pos = columns.fields.position as { lat: Float64Array; lon: Float64Array };
    const nom = columns.fields.nom as { ids: Int32Array; tokOff: Int32Array; tokIds: Int32Array; tokDf: Int32Array };
    const tel = columns.fields.telephone as { ids: Int32Array };
    // the rarest three tokens of each record's name (as the rule takes them)
    const rarest = (i: number): number[] => {
      const v = nom.ids[i];
      if (v < 0) return [];
      const t = Array.from(nom.tokIds.subarray(nom.tokOff[v], nom.tokOff[v + 1]));
      return t.sort((a, c) => nom.tokDf[a] - nom.tokDf[c] || a - c).slice(0, near.rarest ?? 3);
    };
    const xy = (i: number) => [pos.lon[i] * Math.cos((pos.lat[i] * Math.PI) / 180) * 111.32, pos.lat[i] * 110.574];
    const n = columns.n;
    const has = (i: number) => pos.lat[i] === pos.lat[i];
    const expected: string[] = [];
    let skipped = 0;
    for (let i = 0; i < n; i++) {
      if (!has(i)) continue;
      const [xi, yi] = xy(i);
      const r = near.km! * 1.05;
      let within = 0;
      for (let j = 0; j < n; j++) if (has(j)) { const [xj, yj] = xy(j); if ((xi - xj) ** 2 + (yi - yj) ** 2 <= r * r) within++; }
      if (within - 1 > near.maxBlockSize) { skipped++; continue; }
      const ti = rarest(i);
      for (let j = i + 1; j < n; j++) {
        if (!has(j)) continue;
        const [xj, yj] = xy(j);
        if ((xi - xj) ** 2 + (yi - yj) ** 2 > r * r) continue;
        if (!rarest(j).some((t) => ti.includes(t))) continue;
        if (haversineKm(pos.lat[i], pos.lon[i], pos.lat[j], pos.lon[j]) > near.km!) continue;
        if (tel.ids[i] >= 0 && tel.ids[i] === tel.ids[j]) continue; // the phone rule's pair
        expected.push(`${i}-${j}`);
      }
    }
    const phonePairs = b.reports[0].pairs;
    const got: string[] = [];
    for (let k = phonePairs; k < b.left.length; k++) got.push(`${b.left[k]}-${b.right[k]}`);
    expect(skipped).toBeGreaterThan(0);
    expect(expected.length).toBeGreaterThan(500);
    expect(b.reports[1].skippedNeighbourhoods).toBe(skipped);
    expect(got).toEqual(expected);
  });
});

describe('the key table', () => {
  it('holds each record’s keys of every key rule, filled in slices as in one pass', async () => {
    const recs = [...corpus({ entities: 400, seed: 5 })].flatMap((item) => item.records.map((r) => r.structure as unknown as Record<string, unknown>));
    const b = await block(recs, { threads: 1 });
    const n = b.prepared.columns.n;
    const keyRules = b.rules.filter((r) => r.kind === 'key');
    expect(keyRules.length).toBeGreaterThan(3);
    expect(n).toBeGreaterThan(300);
    const whole = keyTableFor(b.rules, n);
    fillKeyTable(b.rules, whole, 0, n);
    const sliced = keyTableFor(b.rules, n);
    // slices filled out of order, one of them empty
    const a = Math.floor(n / 3), c = Math.floor((2 * n) / 3);
    for (const [from, to] of [[c, n], [0, a], [a, a], [a, c]]) fillKeyTable(b.rules, sliced, from, to);
    expect(Array.from(sliced.off)).toEqual(Array.from(whole.off));
    expect(Array.from(sliced.keys)).toEqual(Array.from(whole.keys));
    const R = whole.rules;
    let shared = 0;
    for (let i = 0; i < n; i++) {
      keyRules.forEach((r, q) => {
        const own = Array.from(r.keys.subarray(r.recOff[i], r.recOff[i + 1]));
        expect(Array.from(whole.keys.subarray(whole.off[i * R + q], whole.off[i * R + q + 1]))).toEqual(own);
        shared += own.length;
      });
    }
    expect(shared).toBe(whole.keys.length);
    expect(shared).toBeGreaterThan(n);
  });
});
