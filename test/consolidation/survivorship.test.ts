import { describe, expect, it } from 'vitest';
import { consolidate, consolidationConfig, textQuality } from '../../src/consolidation/index.js';

const TODAY = '2026-11-22';
const s = (id: string, over: Record<string, unknown>) => ({ id, source: id.split('--')[0], nom: 'CCAS de Rennes', date_maj: '2025-01-01', ...over });

function one(structures: Record<string, unknown>[], config = {}) {
  const out = consolidate({ structures, clusterKeys: structures.map(() => 1), services: [], today: TODAY, config });
  expect(out.structures).toHaveLength(1);
  return out.structures[0];
}

describe('survivorship on crafted clusters', () => {
  it('a SIRET confirmed by two sources beats one, even a more recent one', () => {
    const c = one([
      s('dora--1', { siret: '21350238800019', date_maj: '2024-01-01' }),
      s('soliguide--2', { siret: '21350238800019', date_maj: '2024-02-01' }),
      s('emplois-de-linclusion--3', { siret: '26350113800011', date_maj: '2026-10-01' }),
    ]);
    expect(c.siret).toBe('21350238800019');
    expect(['dora--1', 'soliguide--2']).toContain(c.provenance.siret);
  });
  it('phone by normalised frequency (spellings differ), published in E.164', () => {
    const c = one([
      s('dora--1', { telephone: '02 99 00 11 22' }),
      s('soliguide--2', { telephone: '+33 2 99 00 11 22' }),
      s('mediation-numerique--3', { telephone: '0299001133', date_maj: '2026-01-01' }),
    ]);
    expect(c.telephone).toBe('+33299001122');
  });
  it('phone and email ties go to the most recent', () => {
    const c = one([
      s('dora--1', { courriel: 'ccas@rennes.fr', date_maj: '2024-01-01' }),
      s('soliguide--2', { courriel: 'Accueil@CCAS-Rennes.fr', date_maj: '2026-03-01' }),
    ]);
    expect(c.courriel).toBe('accueil@ccas-rennes.fr');
    expect(c.provenance.courriel).toBe('soliguide--2');
  });
  it('coordinates from the most precise source, never a commune centroid', () => {
    const centroid = { latitude: 48.1113, longitude: -1.6800 };
    const structures = [
      s('dora--1', { latitude: 48.11, longitude: -1.68, date_maj: '2026-01-01' }),
      s('soliguide--2', { latitude: 48.112345, longitude: -1.679812 }),
      s('emplois-de-linclusion--3', { ...centroid }),
      // two other places at the same centroid: it is the commune's, not this CCAS's
      s('dora--8', { nom: 'Mairie de Rennes', ...centroid }),
      s('dora--9', { nom: 'Espace social commun', ...centroid }),
    ];
    const out = consolidate({ structures, clusterKeys: [1, 1, 1, 2, 3], services: [], today: TODAY });
    const c = out.structures.find((x) => x.members.includes('dora--1'))!;
    expect([c.latitude, c.longitude]).toEqual([48.112345, -1.679812]);
    expect(c.provenance.latitude).toBe('soliguide--2');
  });
  it('text by quality: HTML and all capitals lose, then recency', () => {
    const c = one([
      s('soliguide--1', { nom: 'CCAS DE RENNES', description: '<p>Le CCAS accueille les habitants de Rennes pour l’aide sociale légale et facultative.</p>', date_maj: '2026-05-01' }),
      s('dora--2', { nom: 'Centre communal d’action sociale de Rennes', description: 'Le CCAS accueille les habitants de Rennes pour l’aide sociale légale et facultative.', date_maj: '2024-05-01' }),
    ]);
    expect(c.nom).toBe('Centre communal d’action sociale de Rennes');
    expect(c.description).not.toMatch(/<p>/);
    expect(c.provenance.description).toBe('dora--2');
    expect(textQuality('nom', 'CCAS DE RENNES')).toBeLessThan(textQuality('nom', 'CCAS de Rennes'));
  });
  it('the address travels as one block from the most complete record', () => {
    const c = one([
      s('dora--1', { adresse: '1 rue Louis Aragon', code_postal: '35000', commune: 'Rennes', code_insee: '35238' }),
      s('soliguide--2', { adresse: '1 r. L. Aragon', commune: 'RENNES CEDEX', date_maj: '2026-01-01' }),
    ]);
    expect([c.adresse, c.code_postal, c.commune, c.code_insee]).toEqual(['1 rue Louis Aragon', '35000', 'Rennes', '35238']);
    expect(c.provenance.commune).toBe('dora--1');
  });
  it('ties broken by the configured source priority', () => {
    const base = { site_web: null, horaires_accueil: 'Mo-Fr 09:00-12:00', date_maj: '2025-01-01' };
    const a = one([s('dora--1', base), s('soliguide--2', { ...base, horaires_accueil: 'Mo-Fr 09:00-17:00' })]);
    expect(a.provenance.horaires_accueil).toBe('dora--1');
    const b = one([s('dora--1', base), s('soliguide--2', { ...base, horaires_accueil: 'Mo-Fr 09:00-17:00' })], { sourcePriority: ['soliguide', 'dora'] });
    expect(b.provenance.horaires_accueil).toBe('soliguide--2');
  });
  it('reseaux_porteurs is the union; date_maj the latest; members and sources listed', () => {
    const c = one([
      s('dora--1', { reseaux_porteurs: ['ccas-cias'], date_maj: '2025-01-01' }),
      s('emplois-de-linclusion--2', { reseaux_porteurs: ['ccas-cias', 'communes'], date_maj: '2026-02-01' }),
    ]);
    expect(c.reseaux_porteurs).toEqual(['ccas-cias', 'communes']);
    expect(c.date_maj).toBe('2026-02-01');
    expect(c.members).toEqual(['dora--1', 'emplois-de-linclusion--2']);
    expect(c.sources).toEqual(['dora', 'emplois-de-linclusion']);
    expect(c.cluster_size).toBe(2);
  });
  it('a per-field rule can be changed in the config, and a bad one is named', () => {
    const structures = [
      s('dora--1', { telephone: '0299000001', date_maj: '2024-01-01' }),
      s('soliguide--2', { telephone: '0299000001', date_maj: '2024-01-01' }),
      s('emplois-de-linclusion--3', { telephone: '0299000002', date_maj: '2026-01-01' }),
    ];
    expect(one(structures).telephone).toBe('+33299000001');
    expect(one(structures, { structureFields: { telephone: 'recency' } }).telephone).toBe('0299000002');
    expect(() => consolidationConfig({ structureFields: { telephone: 'loudest' } })).toThrow(/consolidation.structureFields.telephone .*one of confirmed/);
  });
});

describe('services', () => {
  it('merges the same offer across sources of one cluster, keeps same-source and catalogue copies apart, reports orphans', () => {
    const structures = [s('dora--1', {}), s('soliguide--2', {}), s('france-travail--A', { nom: 'France Travail Rennes' })];
    const svc = (id: string, structure_id: string, nom: string, over: Record<string, unknown> = {}) =>
      ({ id, source: id.split('--')[0], structure_id, nom, description: 'Un service utile aux habitants.', date_maj: '2025-01-01', type: 'aide-materielle', thematiques: ['equipement-et-alimentation--alimentation'], ...over });
    const out = consolidate({
      structures,
      clusterKeys: [1, 1, 1],
      services: [
        svc('dora--s1', 'dora--1', 'Aide alimentaire'),
        svc('soliguide--s2', 'soliguide--2', 'AIDE ALIMENTAIRE', { telephone: '0299000000' }),
        svc('dora--s3', 'dora--1', 'Aide alimentaire'), // same source: a second offer, not a copy
        svc('france-travail--A-1', 'france-travail--A', 'Aide alimentaire'),
        svc('dora--s9', 'dora--404', 'Service sans structure'),
      ],
      today: TODAY,
    });
    expect(out.services).toHaveLength(3);
    const merged = out.services.find((x) => x.members.length === 2)!;
    expect(merged.members.sort()).toEqual(['dora--s1', 'soliguide--s2']);
    expect(merged.provenance.telephone).toBe('soliguide--s2');
    expect(merged.structure_id).toBe(out.structures[0].id);
    expect(out.orphanServices.map((x) => x.id)).toEqual(['dora--s9']);
  });
});
