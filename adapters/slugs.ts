/**
 * The producer slugs, in the order `--all` imports them: apart from the adapters so that the command
 * line can list them without loading those. `test/adapters/cli.test.ts` checks that `ADAPTERS` follows this list.
 */
export const SOURCE_SLUGS: readonly string[] = [
  'dora',
  'emplois-de-linclusion',
  'soliguide',
  'mediation-numerique',
  'france-travail',
  'cd35',
  'monenfant',
  'finess',
  'action-logement',
  'fredo',
  'ma-boussole-aidants',
  'mes-aides',
  'agefiph',
  'carif-oref',
  'reseau-alpha',
];
