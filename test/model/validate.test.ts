import { describe, expect, it } from 'vitest';
import {
  ENUMERATIONS, validate, validateService, validateStructure, luhnValid, looksPersonalEmail, coerceRow, splitList,
} from '../../src/model/index.js';

const TODAY = '2026-06-15';
const structure = (over: Record<string, unknown> = {}) => ({
  source: 'dora', id: 'dora--1', nom: 'CCAS de Rennes', date_maj: '2025-03-01', ...over,
});
const service = (over: Record<string, unknown> = {}) => ({
  source: 'dora', id: 'dora--s1', structure_id: 'dora--1', nom: 'Aide alimentaire',
  description: 'Distribution de colis alimentaires chaque mardi.', date_maj: '2025-03-01', ...over,
});
const rules = (r: { errors: { field: string; rule: string }[] }) => r.errors.map((e) => `${e.field}:${e.rule}`);

describe('validate: a minimal valid record', () => {
  it('accepts a structure and a service with only the required fields', () => {
    expect(validateStructure(structure(), { today: TODAY })).toMatchObject({ valid: true, errors: [], warnings: [] });
    expect(validateService(service(), { today: TODAY })).toMatchObject({ valid: true, errors: [] });
  });

  it('names each missing required field', () => {
    const r = validate('service', { id: 'x--1' }, { today: TODAY, source: 'x' });
    expect(rules(r).sort()).toEqual(['date_maj:required', 'description:required', 'nom:required', 'source:required', 'structure_id:required']);
    expect(r.errors[0]).toMatchObject({ source: 'x', id: 'x--1', resource: 'service', severity: 'error' });
  });

  it('rejects a non-object with one error row', () => {
    const r = validate('structure', 'hello', { today: TODAY });
    expect(r.valid).toBe(false);
    expect(rules(r)).toEqual([':type']);
  });
});

describe('validate: every enumeration value accepted, an unknown one rejected', () => {
  const serviceEnumFields: Record<string, { field: string; list: boolean }> = {
    Frais: { field: 'frais', list: false },
    ModeAccueil: { field: 'modes_accueil', list: true },
    ModeMobilisation: { field: 'modes_mobilisation', list: true },
    PersonneMobilisatrice: { field: 'mobilisable_par', list: true },
    Public: { field: 'publics', list: true },
    Thematique: { field: 'thematiques', list: true },
    TypeService: { field: 'type', list: false },
  };
  for (const [name, { field, list }] of Object.entries(serviceEnumFields)) {
    it(`${name} (service.${field})`, () => {
      for (const value of ENUMERATIONS[name as keyof typeof ENUMERATIONS]) {
        const r = validateService(service({ [field]: list ? [value] : value }), { today: TODAY });
        expect(r.errors, `${field}=${value}`).toEqual([]);
      }
      const bad = validateService(service({ [field]: list ? ['pas-une-valeur'] : 'pas-une-valeur' }), { today: TODAY });
      expect(rules(bad)).toEqual([`${field}:enum`]);
      expect(bad.errors[0].value).toBe('pas-une-valeur');
    });
  }
  it('ReseauPorteur (structure.reseaux_porteurs)', () => {
    for (const value of ENUMERATIONS.ReseauPorteur) {
      expect(validateStructure(structure({ reseaux_porteurs: [value] }), { today: TODAY }).errors).toEqual([]);
    }
    const bad = validateStructure(structure({ reseaux_porteurs: ['ccas-cias', 'pole-emploi'] }), { today: TODAY });
    expect(rules(bad)).toEqual(['reseaux_porteurs:enum']);
    expect(bad.errors[0].value).toBe('pole-emploi');
  });
});

describe('validate: format rules', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['siret of 13 digits', { siret: '1300301330001' }, 'siret:min_length'],
    ['siret with letters', { siret: '1300301330001A' }, 'siret:pattern'],
    ['code_postal of 4 digits', { code_postal: '3500' }, 'code_postal:min_length'],
    ['code_postal with a letter', { code_postal: '2A000' }, 'code_postal:pattern'],
    ['code_insee too long', { code_insee: '350238' }, 'code_insee:max_length'],
    ['courriel without @', { courriel: 'ccas.rennes.fr' }, 'courriel:format:email'],
    ['site_web not a URL', { site_web: 'pas une url !' }, 'site_web:format:uri'],
    ['lien_source not a URL', { lien_source: 'dora/structures/1' }, 'lien_source:format:uri'],
    ['accessibilite_lieu not a URL', { accessibilite_lieu: 'oui' }, 'accessibilite_lieu:format:uri'],
    ['date_maj not a date', { date_maj: '14/02/2025' }, 'date_maj:format:date'],
    ['latitude as text', { latitude: '48.1' }, 'latitude:type'],
    ['nom too short', { nom: 'AB' }, 'nom:min_length'],
    ['nom too long', { nom: 'A'.repeat(151) }, 'nom:max_length'],
    ['description too short', { description: 'ok' }, 'description:min_length'],
    ['reseaux_porteurs repeated', { reseaux_porteurs: ['caf', 'caf'] }, 'reseaux_porteurs:unique_items'],
  ];
  for (const [label, over, expected] of cases) {
    it(label, () => {
      expect(rules(validateStructure(structure(over), { today: TODAY }))).toEqual([expected]);
    });
  }
  it('accepts nom of exactly 3 and 150 characters', () => {
    expect(validateStructure(structure({ nom: 'Caf' }), { today: TODAY }).valid).toBe(true);
    expect(validateStructure(structure({ nom: 'B'.repeat(150) }), { today: TODAY }).valid).toBe(true);
  });
  it('service: nombre_semaines below 1 and an empty mobilisable_par', () => {
    expect(rules(validateService(service({ nombre_semaines: 0 }), { today: TODAY }))).toEqual(['nombre_semaines:minimum']);
    expect(rules(validateService(service({ mobilisable_par: [] }), { today: TODAY }))).toEqual(['mobilisable_par:min_items']);
  });
  it('service: zone_eligibilite accepts commune, département, EPCI, pays and france codes', () => {
    expect(validateService(service({ zone_eligibilite: ['35238', '2A', '974', '200093201', '99100', 'france'] }), { today: TODAY }).errors).toEqual([]);
    expect(rules(validateService(service({ zone_eligibilite: ['35-238'] }), { today: TODAY }))).toEqual(['zone_eligibilite:pattern']);
  });
});

describe('validate: rules stated in prose', () => {
  it('date_maj between 2000-01-01 and today', () => {
    expect(rules(validateStructure(structure({ date_maj: '1999-12-31' }), { today: TODAY }))).toEqual(['date_maj:date_range']);
    expect(rules(validateStructure(structure({ date_maj: '2026-06-16' }), { today: TODAY }))).toEqual(['date_maj:date_range']);
    expect(validateStructure(structure({ date_maj: '2000-01-01' }), { today: TODAY }).valid).toBe(true);
    expect(validateStructure(structure({ date_maj: TODAY }), { today: TODAY }).valid).toBe(true);
  });
  it('tous-publics is exclusive', () => {
    expect(validateService(service({ publics: ['tous-publics'] }), { today: TODAY }).valid).toBe(true);
    const r = validateService(service({ publics: ['tous-publics', 'femmes'] }), { today: TODAY });
    expect(rules(r)).toEqual(['publics:tous_publics_exclusive']);
  });
  it('uses the real today by default', () => {
    expect(validateStructure(structure({ date_maj: '2999-01-01' })).valid).toBe(false);
  });
});

describe('warnings: quality flags that are not rejections', () => {
  it('SIRET failing Luhn is a warning; La Poste is excepted', () => {
    const r = validateStructure(structure({ siret: '13003013300017' }), { today: TODAY });
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => `${w.field}:${w.rule}:${w.severity}`)).toEqual(['siret:siret_luhn:warning']);
    expect(validateStructure(structure({ siret: '35600000012345' }), { today: TODAY }).warnings).toEqual([]);
    expect(validateStructure(structure({ siret: '13003013300016' }), { today: TODAY }).warnings).toEqual([]);
  });
  it('personal-looking email is a warning', () => {
    const r = validateStructure(structure({ courriel: 'jean.dupont@gmail.com' }), { today: TODAY });
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => w.rule)).toEqual(['personal_email']);
    expect(validateStructure(structure({ courriel: 'ccas@ville-rennes.fr' }), { today: TODAY }).warnings).toEqual([]);
    expect(validateStructure(structure({ courriel: 'contact.ccas@orange.fr' }), { today: TODAY }).warnings).toEqual([]);
  });
  it('luhnValid and looksPersonalEmail', () => {
    expect(luhnValid('732829320')).toBe(true); // a SIREN
    expect(luhnValid('732829321')).toBe(false);
    expect(looksPersonalEmail('m.martin@free.fr')).toBe(true);
    expect(looksPersonalEmail('marie.martin@ccas-brest.fr')).toBe(false);
  });
});

describe('coerceRow: CSV cells to schema types', () => {
  it('converts numbers, lists and empty cells as the schema says', () => {
    expect(coerceRow('structure', { nom: 'CCAS', latitude: '48,11', longitude: '-1.68', siret: '', reseaux_porteurs: 'ccas-cias|communes' }))
      .toEqual({ nom: 'CCAS', latitude: 48.11, longitude: -1.68, siret: null, reseaux_porteurs: ['ccas-cias', 'communes'] });
    expect(coerceRow('service', { nombre_semaines: '3', publics: '["femmes","jeunes"]', latitude: 'nord' }))
      .toEqual({ nombre_semaines: 3, publics: ['femmes', 'jeunes'], latitude: 'nord' });
    expect(splitList('{a,b}')).toEqual(['a', 'b']);
  });
});
