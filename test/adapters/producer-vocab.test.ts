/**
 * The vocabulary tables of the producers added with action-logement … reseau-alpha only target
 * schema v1 values, and their keys are in the form the adapter looks them up (slugified).
 */
import { describe, expect, it } from 'vitest';
import {
  FRAIS_VALUES, MODE_MOBILISATION_VALUES, PUBLIC_VALUES, RESEAU_PORTEUR_VALUES, THEMATIQUE_VALUES, TYPE_SERVICE_VALUES,
} from '../../src/model/index.js';
import { slugify, type VocabTable } from '../../adapters/vocab/map.js';
import { PUBLICS_AL } from '../../adapters/action-logement.js';
import { FREDO_ACCES, FREDO_CATEGORIES, FREDO_FRAIS, FREDO_PUBLICS, FREDO_SERVICES, FREDO_TYPES_STRUCTURE } from '../../adapters/fredo.js';
import { KEPT_TYPES, PROFILS } from '../../adapters/ma-boussole-aidants.js';
import { SOLUTIONS } from '../../adapters/vocab/ma-boussole-aidants.js';
import { MES_AIDES_BESOINS, MES_AIDES_METHODES, MES_AIDES_NATURES } from '../../adapters/mes-aides.js';
import { AGEFIPH_PROFILS, AGEFIPH_THEMATIQUES, AGEFIPH_TYPES } from '../../adapters/agefiph.js';
import { ALPHA_PUBLICS } from '../../adapters/reseau-alpha.js';

const tables: [string, VocabTable, readonly string[], boolean][] = [
  ['action-logement publics_al', PUBLICS_AL, PUBLIC_VALUES, true],
  ['fredo services → type', FREDO_SERVICES, TYPE_SERVICE_VALUES, true],
  ['fredo categories', FREDO_CATEGORIES, THEMATIQUE_VALUES, true],
  ['fredo publics', FREDO_PUBLICS, PUBLIC_VALUES, true],
  ['fredo frais', FREDO_FRAIS, FRAIS_VALUES, true],
  ['fredo accès', FREDO_ACCES, MODE_MOBILISATION_VALUES, true],
  ['fredo type_structure', FREDO_TYPES_STRUCTURE, RESEAU_PORTEUR_VALUES, true],
  ['ma-boussole-aidants types', KEPT_TYPES, RESEAU_PORTEUR_VALUES, false],
  ['ma-boussole-aidants profils', PROFILS, PUBLIC_VALUES, false],
  ['mes-aides besoins', MES_AIDES_BESOINS, THEMATIQUE_VALUES, true],
  ['mes-aides natures', MES_AIDES_NATURES, TYPE_SERVICE_VALUES, true],
  ['mes-aides méthodes', MES_AIDES_METHODES, MODE_MOBILISATION_VALUES, true],
  ['agefiph types', AGEFIPH_TYPES, TYPE_SERVICE_VALUES, true],
  ['agefiph profils', AGEFIPH_PROFILS, PUBLIC_VALUES, true],
  ['agefiph thématiques', AGEFIPH_THEMATIQUES, THEMATIQUE_VALUES, true],
  ['reseau-alpha publics', ALPHA_PUBLICS, PUBLIC_VALUES, true],
];

describe.each(tables)('%s', (_name, table, v1) => {
  it('only targets schema v1 values', () => {
    expect(Object.values(table).flat().filter((t) => !v1.includes(t))).toEqual([]);
  });
});

describe.each(tables.filter((t) => t[3]))('%s', (_name, table) => {
  it('has keys in the slugified form the adapter looks up', () => {
    expect(Object.keys(table).filter((k) => slugify(k) !== k)).toEqual([]);
  });
});

describe('ma-boussole-aidants solutions', () => {
  it('each solution has a name, a description of at least 5 characters, a v1 type and v1 thematiques', () => {
    for (const [code, s] of Object.entries(SOLUTIONS)) {
      expect(s.label.length, code).toBeGreaterThan(0);
      expect(s.description.length, code).toBeGreaterThanOrEqual(5);
      expect(TYPE_SERVICE_VALUES, code).toContain(s.type);
      expect(s.thematiques.filter((t) => !THEMATIQUE_VALUES.includes(t as never)), code).toEqual([]);
    }
  });
});
