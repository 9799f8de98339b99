import { describe, expect, it } from 'vitest';
import { loadGeo } from '../../src/generate/index.js';
import { load } from './helpers.js';

const N = 12000;

describe('realism of the records', () => {
  it('spells one entity differently across producers (case, accents, sigles, typos, appended communes)', async () => {
    const c = await load(N, 'real');
    const byEntity = new Map<string, string[]>();
    for (const s of c.structures) {
      const e = c.truth.get(s.id) as string;
      byEntity.set(e, [...(byEntity.get(e) ?? []), s.nom]);
    }
    const multi = [...byEntity.values()].filter((n) => n.length > 1);
    const differing = multi.filter((n) => new Set(n).size > 1).length;
    expect(differing / multi.length).toBeGreaterThan(0.5);
    const names = c.structures.map((s) => s.nom as string);
    expect(names.some((n) => n === n.toUpperCase() && /[A-Z]{4}/.test(n))).toBe(true);
    expect(names.some((n) => /^CCAS /.test(n))).toBe(true);
    expect(names.some((n) => /^Centre Communal d.Action Sociale /i.test(n))).toBe(true);
    expect(names.some((n) => / - Antenne /.test(n))).toBe(true);
    // articles done right and wrong: "du Havre" / "de Le Havre"
    expect(names.some((n) => /\b(du|des) [A-Z]/.test(n))).toBe(true);
    expect(names.some((n) => /\bde (Le|Les) [A-Z]/.test(n))).toBe(true);
  });

  it("keeps legacy names for stale records: Pôle emploi before France Travail's renaming", async () => {
    const c = await load(N, 'real');
    const ft = c.structures.filter((s) => /p[oô]le emploi|france travail|^pe /i.test(s.nom));
    const legacy = ft.filter((s) => /p[oô]le emploi|^pe /i.test(s.nom));
    expect(legacy.length).toBeGreaterThan(0);
    const oldShare = legacy.filter((s) => s.date_maj < '2024-01-01').length / legacy.length;
    expect(oldShare).toBeGreaterThan(0.7);
    const recentFt = ft.filter((s) => s.date_maj >= '2024-06-01');
    expect(recentFt.filter((s) => /p[oô]le emploi/i.test(s.nom)).length / recentFt.length).toBeLessThan(0.1);
  });

  it('uses real communes and their postal codes', async () => {
    const c = await load(N, 'real');
    const geo = loadGeo();
    const cities = new Set(['75056', '69123', '13055']);
    let ok = 0;
    let withCp = 0;
    for (const s of c.structures) {
      if (s.code_insee && /^\w{5}$/.test(s.code_insee)) expect(geo.byCode.has(s.code_insee) || cities.has(s.code_insee)).toBe(true);
      if (s.code_insee && s.code_postal && geo.byCode.has(s.code_insee)) {
        withCp++;
        if (geo.byCode.get(s.code_insee)?.codesPostaux.includes(s.code_postal)) ok++;
      }
    }
    // the rest: CEDEX codes and deliberate defects
    expect(ok / withCp).toBeGreaterThan(0.9);
    expect(ok / withCp).toBeLessThan(1);
    expect(c.structures.some((s) => /cedex/i.test(s.commune ?? ''))).toBe(true);
    expect(c.structures.some((s) => /\b(BP|CS) \d+/.test(`${s.adresse} ${s.complement_adresse}`))).toBe(true);
    expect(c.structures.some((s) => /\b(av\.|bd|pl\.|rte)\s/i.test(s.adresse ?? ''))).toBe(true);
  });

  it('writes phones in many formats, with short national numbers and some lists of two numbers', async () => {
    const c = await load(N, 'real');
    const phones = c.structures.map((s) => s.telephone as string | null).filter((p): p is string => !!p);
    const shapes = new Set(phones.map((p) => p.replace(/\d/g, '9')));
    expect(shapes.size).toBeGreaterThan(10);
    expect(phones.some((p) => /^\+33/.test(p))).toBe(true);
    expect(phones.some((p) => /^0\d{9}$/.test(p))).toBe(true);
    expect(phones.some((p) => /^39 ?49$/.test(p))).toBe(true);
    expect(phones.some((p) => p.includes(' / '))).toBe(true);
  });

  it('places records of one entity close together (geocoding jitter), with some coordinates missing', async () => {
    const c = await load(N, 'real');
    const pts = new Map<string, Array<[number, number]>>();
    let missing = 0;
    for (const s of c.structures) {
      if (typeof s.latitude !== 'number' || typeof s.longitude !== 'number') { missing++; continue; }
      const e = c.truth.get(s.id) as string;
      pts.set(e, [...(pts.get(e) ?? []), [s.latitude, s.longitude]]);
    }
    expect(missing / c.structures.length).toBeGreaterThan(0.02);
    expect(missing / c.structures.length).toBeLessThan(0.3);
    const dists: number[] = [];
    for (const list of pts.values()) {
      for (let i = 1; i < list.length; i++) {
        const [a, b] = [list[0]!, list[i]!];
        const dy = (a[0] - b[0]) * 111.2;
        const dx = (a[1] - b[1]) * 111.2 * Math.cos((a[0] * Math.PI) / 180);
        dists.push(Math.hypot(dx, dy));
      }
    }
    dists.sort((x, y) => x - y);
    const median = dists[Math.floor(dists.length / 2)] as number;
    expect(median).toBeGreaterThan(0.003); // never exactly the same point
    expect(median).toBeLessThan(0.2);
    expect(dists.filter((d) => d > 0.5).length).toBeGreaterThan(0); // town-level geocoding, swapped columns
  });
});

describe('hard negatives', () => {
  it('hosts several structures at one address (mairie, CCAS, France Services), as distinct entities', async () => {
    const c = await load(N, 'real');
    const co = c.entities.filter((e) => e.relation === 'co-located');
    expect(co.length).toBeGreaterThan(50);
    const kinds = new Set(co.map((e) => e.kind));
    for (const k of ['ccas', 'franceServices']) expect(kinds).toContain(k);
    // the same written address under different entities
    const byAddress = new Map<string, Set<string>>();
    for (const s of c.structures) {
      if (!s.adresse || !s.code_postal) continue;
      const k = `${s.adresse.toLowerCase()}|${s.code_postal}`;
      byAddress.set(k, (byAddress.get(k) ?? new Set()).add(c.truth.get(s.id) as string));
    }
    expect([...byAddress.values()].filter((set) => set.size > 1).length).toBeGreaterThan(20);
  });

  it('gives the same SIREN with different SIRETs to different establishments', async () => {
    const c = await load(N, 'real');
    const bySiren = new Map<string, Set<string>>();
    const siretOwner = new Map<string, string>();
    for (const s of c.structures) {
      if (!s.siret || !/^\d{14}$/.test(s.siret)) continue;
      const e = c.truth.get(s.id) as string;
      bySiren.set(s.siret.slice(0, 9), (bySiren.get(s.siret.slice(0, 9)) ?? new Set()).add(e));
      siretOwner.set(`${s.siret}|${e}`, e);
    }
    const shared = [...bySiren.entries()].filter(([, set]) => set.size > 1);
    expect(shared.length).toBeGreaterThan(50);
    expect(shared.some(([siren]) => siren === '130005481')).toBe(true); // France Travail agencies
    // entities of one SIREN mostly show different SIRETs (same SIRET only via the head office's)
    const ent = new Map(c.entities.map((e) => [e.entity_id, e]));
    const siretsBySiren = new Map<string, Set<string>>();
    for (const e of ent.values()) siretsBySiren.set(e.siren, (siretsBySiren.get(e.siren) ?? new Set()).add(e.siret));
    const multi = [...siretsBySiren.values()].filter((s) => s.size > 1);
    expect(multi.length).toBeGreaterThan(50);
  });

  it('names national networks the same way in many communes (Restos du Cœur, Secours populaire)', async () => {
    const c = await load(N, 'real');
    for (const re of [/restos? du c(œ|oe)ur|restaurants du c(œ|oe)ur/i, /secours populaire|^spf /i]) {
      const recs = c.structures.filter((s) => re.test(s.nom));
      const entities = new Set(recs.map((s) => c.truth.get(s.id)));
      const communes = new Set(recs.map((s) => s.code_insee).filter(Boolean));
      expect(entities.size).toBeGreaterThan(30);
      expect(communes.size).toBeGreaterThan(20);
    }
    // some records carry no commune in the name at all: identical names, different entities
    const bare = c.structures.filter((s) => /^(les restos du c(œ|oe)ur|secours populaire)$/i.test(s.nom));
    expect(new Set(bare.map((s) => c.truth.get(s.id))).size).toBeGreaterThan(3);
  });

  it('separates a Mission Locale from its antennas: same SIREN, similar names, different entities', async () => {
    const c = await load(N, 'real');
    const heads = c.entities.filter((e) => e.kind === 'missionLocale');
    const antennas = c.entities.filter((e) => e.kind === 'missionLocaleAntenne');
    expect(antennas.length).toBeGreaterThan(10);
    const headSirens = new Set(heads.map((e) => e.siren));
    expect(antennas.filter((a) => headSirens.has(a.siren)).length).toBe(antennas.length);
    for (const a of antennas) {
      const head = heads.find((h) => h.group_id === a.group_id);
      expect(head?.entity_id).not.toBe(a.entity_id);
      expect(head?.siret).not.toBe(a.siret);
    }
  });
});
