import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { generate } from '../../scripts/gen-model.js';
import { ENUMERATIONS, STRUCTURE_FIELDS, SERVICE_FIELDS } from '../../src/model/index.js';
import structureSchema from '../../schema/v1/structure.json' with { type: 'json' };

describe('generated model', () => {
  it('is up to date with the schema files (run npm run gen:model after a schema swap)', () => {
    const current = readFileSync(new URL('../../src/model/generated.ts', import.meta.url), 'utf8');
    expect(current).toBe(generate());
  });

  it('has the 8 enumerations of schema v1, each matching its extra/*.json list', () => {
    expect(Object.keys(ENUMERATIONS).sort()).toEqual([
      'Frais', 'ModeAccueil', 'ModeMobilisation', 'PersonneMobilisatrice', 'Public', 'ReseauPorteur', 'Thematique', 'TypeService',
    ]);
    const files: Record<string, string> = {
      Frais: 'frais', ModeAccueil: 'modes-accueil', ModeMobilisation: 'modes-mobilisation',
      PersonneMobilisatrice: 'personnes-mobilisatrices', Public: 'publics', ReseauPorteur: 'reseaux-porteurs',
      Thematique: 'thematiques', TypeService: 'types-de-services',
    };
    for (const [name, file] of Object.entries(files)) {
      const extra = JSON.parse(readFileSync(new URL(`../../schema/v1/extra/${file}.json`, import.meta.url), 'utf8')) as { value: string }[];
      expect([...ENUMERATIONS[name as keyof typeof ENUMERATIONS]].sort()).toEqual(extra.map((e) => e.value).sort());
    }
  });

  it('lists the schema fields', () => {
    expect([...STRUCTURE_FIELDS].sort()).toEqual(Object.keys(structureSchema.properties).sort());
    expect(SERVICE_FIELDS).toContain('structure_id');
  });
});
