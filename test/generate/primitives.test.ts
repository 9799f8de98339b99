import { describe, expect, it } from 'vitest';
import { Alias, Rng, deName, luhnComplete, makeSiret, loadGeo } from '../../src/generate/index.js';
import { luhnValid } from '../../src/model/index.js';
import { formatPhone, drawPhone } from '../../src/generate/phone.js';
import { typo, stripAccents, slugify } from '../../src/generate/text.js';
import { ShuffleBuffer } from '../../src/generate/sink.js';

describe('seeded generator', () => {
  it('gives the same sequence for the same seed and stream, another for another seed or stream', () => {
    const seq = (seed: string | number, stream = '') => { const r = new Rng(seed, stream); return Array.from({ length: 8 }, () => r.u32()); };
    expect(seq(42)).toEqual(seq(42));
    expect(seq(42)).not.toEqual(seq(43));
    expect(seq(42, 'a')).not.toEqual(seq(42, 'b'));
    expect(seq('42')).toEqual(seq(42));
  });

  it('draws from an alias table in proportion to the weights', () => {
    const rng = new Rng(1);
    const t = new Alias([1, 3, 6]);
    const n = [0, 0, 0];
    for (let i = 0; i < 60000; i++) n[t.draw(rng)]!++;
    expect(n[0]! / 60000).toBeCloseTo(0.1, 1);
    expect(n[1]! / 60000).toBeCloseTo(0.3, 1);
    expect(n[2]! / 60000).toBeCloseTo(0.6, 1);
  });

  it('shuffles within a bounded window and loses nothing', () => {
    const buf = new ShuffleBuffer<number>(16, new Rng(3));
    const out: number[] = [];
    for (let i = 0; i < 1000; i++) { const x = buf.push(i); if (x !== undefined) out.push(x); }
    out.push(...buf.drain());
    expect([...out].sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(out).not.toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});

describe('identifiers', () => {
  it('completes SIRENs and SIRETs so that they pass the Luhn check', () => {
    const rng = new Rng(9);
    for (let i = 0; i < 200; i++) {
      const siren = luhnComplete(rng.digits(8));
      expect(luhnValid(siren)).toBe(true);
      expect(luhnValid(makeSiret(siren, i))).toBe(true);
    }
    expect(luhnComplete('1300301330001')).toBe('13003013300016');
  });

  it("gives La Poste's establishments SIRETs outside the Luhn rule, as the real ones are", () => {
    const s = makeSiret('356000000', 12);
    expect(s).toMatch(/^356000000\d{5}$/);
    expect(luhnValid(s)).toBe(true); // only through the exception
  });
});

describe('French place names', () => {
  it('contracts "de" with the article the INSEE liaison type calls for', () => {
    expect(deName('Le Havre', 2)).toBe('du Havre');
    expect(deName('Les Abymes', 4)).toBe('des Abymes');
    expect(deName('Angers', 1)).toBe("d'Angers");
    expect(deName('La Rochelle', 3)).toBe('de La Rochelle');
    expect(deName('Rennes', 0)).toBe('de Rennes');
    expect(deName("L'Abergement-Clémenciat", 5)).toBe("de L'Abergement-Clémenciat");
    // départements carry no article in their name
    expect(deName('Nord', 2)).toBe('du Nord');
    expect(deName('Gironde', 3)).toBe('de la Gironde');
    expect(deName('Ardennes', 4)).toBe('des Ardennes');
    expect(deName('Ain', 5)).toBe("de l'Ain");
  });

  it('loads real communes with postal codes, SIRENs and the liaison type', () => {
    const geo = loadGeo();
    expect(geo.communes.length).toBeGreaterThan(34000);
    const rennes = geo.byCode.get('35238');
    expect(rennes?.nom).toBe('Rennes');
    expect(rennes?.codesPostaux).toContain('35000');
    expect(rennes?.siren).toBe('213502388');
    expect(geo.byCode.get('75111')?.parentCode).toBe('75056');
    expect(geo.byCode.has('75056')).toBe(false); // Paris comes as its arrondissements
    const havre = geo.byCode.get('76351');
    expect(havre && deName(havre.nom, havre.liaison)).toBe('du Havre');
  });
});

describe('spelling variants', () => {
  it('strips accents and ligatures', () => {
    expect(stripAccents('Restos du Cœur – Épinal')).toBe('Restos du Coeur – Epinal');
    expect(slugify("Centre communal d'action sociale")).toBe('centre-communal-d-action-sociale');
  });

  it('makes one typing slip, never on the first letter', () => {
    const rng = new Rng(5);
    let changed = 0;
    for (let i = 0; i < 200; i++) {
      const t = typo('Secours populaire', rng);
      expect(t[0]).toBe('S');
      expect(Math.abs(t.length - 'Secours populaire'.length)).toBeLessThanOrEqual(1);
      if (t !== 'Secours populaire') changed++;
    }
    expect(changed).toBeGreaterThan(150);
  });

  it('writes one number in many formats that all keep its digits', () => {
    const rng = new Rng(11);
    const geo = loadGeo();
    const national = drawPhone(geo.byCode.get('35238')!, rng);
    expect(national).toMatch(/^02\d{8}$/);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const f = formatPhone(national, rng);
      seen.add(f.replace(/\d/g, '9'));
      const digits = f.replace(/\D/g, '');
      expect(digits.endsWith(national.slice(1))).toBe(true);
    }
    expect(seen.size).toBeGreaterThanOrEqual(8);
    expect(drawPhone(geo.byCode.get('97411')!, rng)).toMatch(/^0262\d{6}$/);
  });
});
