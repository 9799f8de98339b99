import { describe, expect, it } from 'vitest';
import {
  FRAIS_VALUES, MODE_MOBILISATION_VALUES, PUBLIC_VALUES, RESEAU_PORTEUR_VALUES, THEMATIQUE_VALUES, TYPE_SERVICE_VALUES,
  V0FRAIS_VALUES, V0LABEL_NATIONAL_VALUES, V0MODE_ORIENTATION_ACCOMPAGNATEUR_VALUES, V0MODE_ORIENTATION_BENEFICIAIRE_VALUES,
  V0PROFIL_VALUES, V0THEMATIQUE_VALUES, V0TYPOLOGIE_SERVICE_VALUES, V0TYPOLOGIE_STRUCTURE_VALUES,
} from '../../src/model/index.js';
import {
  FRAIS_V0_TO_V1, LABELS_TO_RESEAUX, MODES_ORIENTATION_TO_MOBILISATION, PROFILS_TO_PUBLICS, THEMATIQUES_V0_TO_V1,
  TYPES_V0_TO_V1, TYPOLOGIE_TO_RESEAUX,
} from '../../adapters/vocab/v0.js';
import { mapList, type VocabTable } from '../../adapters/vocab/map.js';
import { ImportContext } from '../../adapters/context.js';
import { EMPLOIS_KINDS } from '../../adapters/emplois-de-linclusion.js';
import { SOLIGUIDE_CATEGORIES } from '../../adapters/soliguide.js';
import { MEDNUM_DISPOSITIFS, MEDNUM_SERVICES } from '../../adapters/mediation-numerique.js';

const cases: [string, VocabTable, readonly string[], readonly string[]][] = [
  ['typologie → reseaux_porteurs', TYPOLOGIE_TO_RESEAUX, V0TYPOLOGIE_STRUCTURE_VALUES, RESEAU_PORTEUR_VALUES],
  ['labels_nationaux → reseaux_porteurs', LABELS_TO_RESEAUX, V0LABEL_NATIONAL_VALUES, RESEAU_PORTEUR_VALUES],
  ['profils → publics', PROFILS_TO_PUBLICS, V0PROFIL_VALUES, PUBLIC_VALUES],
  ['thematiques v0 → v1', THEMATIQUES_V0_TO_V1, V0THEMATIQUE_VALUES, THEMATIQUE_VALUES],
  ['frais v0 → v1', FRAIS_V0_TO_V1, V0FRAIS_VALUES, FRAIS_VALUES],
  ['typologies de services → type', TYPES_V0_TO_V1, V0TYPOLOGIE_SERVICE_VALUES, TYPE_SERVICE_VALUES],
  ['modes_orientation → modes_mobilisation', MODES_ORIENTATION_TO_MOBILISATION,
    [...new Set([...V0MODE_ORIENTATION_ACCOMPAGNATEUR_VALUES, ...V0MODE_ORIENTATION_BENEFICIAIRE_VALUES])], MODE_MOBILISATION_VALUES],
];

describe.each(cases)('%s', (_name, table, v0, v1) => {
  it('covers every v0 value', () => {
    expect(v0.filter((v) => !(v in table))).toEqual([]);
  });
  it('only targets schema v1 values', () => {
    const targets = Object.values(table).flat();
    expect(targets.filter((t) => !v1.includes(t))).toEqual([]);
  });
});

describe('producer vocabularies', () => {
  it.each([
    ['emplois kinds', EMPLOIS_KINDS, RESEAU_PORTEUR_VALUES],
    ['soliguide categories', SOLIGUIDE_CATEGORIES, THEMATIQUE_VALUES],
    ['mednum services', MEDNUM_SERVICES, THEMATIQUE_VALUES],
    ['mednum dispositifs', MEDNUM_DISPOSITIFS, RESEAU_PORTEUR_VALUES],
  ] as const)('%s only target v1 values', (_n, table, v1) => {
    expect(Object.values(table).flat().filter((t) => !(v1 as readonly string[]).includes(t))).toEqual([]);
  });
});

describe('mapList', () => {
  it('maps, de-duplicates, and reports unknown values with their counts instead of inventing', () => {
    const ctx = new ImportContext('dora');
    const where = { id: 'dora--1', resource: 'service' as const };
    expect(mapList(PROFILS_TO_PUBLICS, ['jeunes-16-26', 'jeunes', 'astronautes'], 'profils', ctx, where)).toEqual(['jeunes']);
    mapList(PROFILS_TO_PUBLICS, ['astronautes'], 'profils', ctx, where);
    expect(ctx.unmappedList()).toEqual([{ field: 'profils', value: 'astronautes', count: 2 }]);
    expect(ctx.warnings.map((w) => [w.rule, w.severity, w.id])).toEqual([
      ['unmapped_value', 'warning', 'dora--1'], ['unmapped_value', 'warning', 'dora--1'],
    ]);
  });
  it('tells known values without v1 equivalent from unknown ones', () => {
    const ctx = new ImportContext('dora');
    expect(mapList(TYPOLOGIE_TO_RESEAUX, ['ASSO'], 'typologie', ctx, { id: 'dora--2', resource: 'structure' })).toBeNull();
    expect(ctx.warnings[0].rule).toBe('no_v1_equivalent');
    expect(ctx.unmappedList()).toEqual([{ field: 'typologie', value: 'ASSO', count: 1 }]);
  });
});
