import { describe, expect, it } from 'vitest';
import { block, defaultConfig, match, parseConfig } from '../../matching/index.js';
import { structures } from './fixtures.js';

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
