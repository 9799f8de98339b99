/**
 * The built-in configuration: data·inclusion structures (schema v1 columns, no mapping needed).
 */
import type { MatchConfig } from './types.js';

/**
 * A fresh copy of the default data·inclusion structure model.
 *
 * @example
 *   const config = defaultConfig();
 *   config.threshold = 0.95;
 */
export function defaultConfig(): MatchConfig {
  return {
    version: 1,
    description: 'data·inclusion structures (schema v1)',
    columns: {},
    fields: {
      nom: { type: 'name', strip: 'commune' },
      // the name as written (commune kept): "ccas brest" is rare where "ccas" is everywhere
      // the name with its commune: its frequency drives the name's term-frequency adjustment
      nom_complet: { type: 'name', from: 'nom' },
      // the kind of office the name states (mairie, ccas, franceservices…), '' when none
      genre: { type: 'kind', from: 'nom' },
      // the public the name states (adultes, enfants), '' when none
      public: { type: 'audience', from: 'nom' },
      adresse: { type: 'address' },
      commune: { type: 'text' },
      code_insee: { type: 'insee' },
      code_postal: { type: 'postcode' },
      siret: { type: 'siret' },
      siren: { type: 'siren', from: 'siret' },
      telephone: { type: 'phone' },
      courriel: { type: 'email' },
      domaine: { type: 'domain', from: ['site_web', 'courriel'] },
      // a point five other records share within 25 m is a town centre's geocoding, not a place's
      position: { type: 'point', from: ['latitude', 'longitude'], crowd: { km: 0.025, records: 5 } },
      // opening hours as published (OSM opening_hours or free text), and the networks a structure
      // declares: the same place gives the same hours; different networks are different structures
      horaires: { type: 'text', from: 'horaires_accueil' },
      reseaux: { type: 'text', from: 'reseaux_porteurs' },
      source: { type: 'string' },
    },
    blocking: [
      { name: 'siret', on: ['siret'] },
      { name: 'siren-commune', on: ['siren', 'code_insee'], maxBlockSize: 60 },
      { name: 'telephone', on: ['telephone'] },
      // an email or a domain shared by more than 100 structures is a network's, not an identity
      { name: 'courriel', on: ['courriel'], maxBlockSize: 40 },
      { name: 'domaine', on: ['domaine'], maxBlockSize: 40 },
      // blocks grow with the square of a city's size: keep them small (the rules overlap; at 1 M
      // records 60 → 20 halves the pairs, 17 M → 11 M, for the same recall)
      { name: 'insee-token', on: ['code_insee'], token: 'nom', rarest: 2, maxBlockSize: 20 },
      { name: 'postcode-token', on: ['code_postal'], token: 'nom', rarest: 2, maxBlockSize: 20 },
      { name: 'near-token', near: 'position', km: 0.3, token: 'nom', rarest: 3 },
      // the same street in the same commune: duplicates whose names share nothing (aliases)
      { name: 'insee-street', on: ['code_insee'], token: 'adresse', rarest: 2, maxBlockSize: 15 },
    ],
    comparisons: [
      // the first level is the full name ("ccas brest" = "ccas brest"; its frequency gives the
      // term-frequency adjustment), the second the name without its commune ("ccas" = "ccas", for
      // "CCAS de Brest" and "CCAS" in Brest, or two towns' CCAS), the others bags of rarity-weighted tokens
      {
        name: 'nom', field: 'nom', tf: true, tfField: 'nom_complet',
        levels: [{ field: 'nom_complet', exact: true }, { exact: true, also: ['code_insee'] }, { exact: true }, { tokens: 0.85 }, { tokens: 0.6 }, { tokens: 0.35 }],
      },
      // identifiers: a value two records share and no other is strong evidence, one shared by a
      // handful (an association's few sites) less, a network's head-office SIRET, switchboard or
      // generic address weak; same SIREN with a different SIRET is a different establishment ("else")
      { name: 'siret', field: 'siret', levels: [{ exact: true, maxFreq: 2 }, { exact: true, maxFreq: 5 }, { exact: true }] },
      { name: 'telephone', field: 'telephone', levels: [{ exact: true, maxFreq: 2 }, { exact: true, maxFreq: 5 }, { exact: true }] },
      {
        name: 'courriel', field: 'courriel',
        levels: [{ exact: true, maxFreq: 2 }, { exact: true, maxFreq: 5 }, { exact: true }, { field: 'domaine', exact: true }],
      },
      // different kinds of office (a town hall and the CCAS it hosts) are different structures
      { name: 'genre', field: 'genre', veto: true, levels: [{ exact: true }] },
      // a CMP for adults and the CMP for children of one hospital: one building, two places
      { name: 'public', field: 'public', veto: true, levels: [{ exact: true }] },
      { name: 'adresse', field: 'adresse', levels: [{ exact: true }, { tokens: 0.75, sameNumber: true }, { tokens: 0.5 }] },
      // "where" once: when the addresses agree, the distance (or the commune) adds nothing — two
      // records at one address are at one point, and counting both would merge every office
      // sharing a town hall's building
      {
        name: 'lieu', field: 'position',
        // the same commune says little when a record has no coordinates, and is evidence against
        // when both have them and they are 300 m apart or more: two levels
        levels: [
          { km: 0.05 }, { km: 0.3 },
          { field: 'code_insee', exact: true, absent: 'position' }, { field: 'code_insee', exact: true },
          { field: 'code_postal', exact: true, absent: 'position' }, { field: 'code_postal', exact: true },
          { km: 5 },
        ],
      },
      { name: 'horaires', field: 'horaires', levels: [{ exact: true }] },
      { name: 'reseaux', field: 'reseaux', levels: [{ exact: true }] },
      // a producer rarely lists one place twice: in data·inclusion's 2024 run, the duplicates within
      // one source were médiation numérique's and the emplois platform's (1,707 of 8,305 pairs)
      {
        name: 'source', field: 'source',
        levels: [{ exact: true, values: ['mediation-numerique', 'emplois-de-linclusion'] }, { exact: true }],
      },
    ],
    // with average linkage below, a pair at 0.45 joins two records alone, but a group only when
    // the pairs between the groups agree on average (bench/README-match.md: measured with
    // self-calibration at 0.40 / 0.45 / 0.50, 0.45 keeps precision ≥ 0.98 on both seeds)
    threshold: 0.45,
    reportFloor: 0.01,
    maxBlockSize: 1000,
    cluster: { warnSize: 20, maxSize: 50, minAverage: 0.3 },
    training: {
      seed: 42,
      uPairs: 300_000,
      emIterations: 30,
      deterministic: [['nom', 'telephone'], ['nom', 'adresse'], ['courriel', 'adresse'], ['siret', 'adresse']],
      // weighed together when a model is calibrated on labels (recoupe train --calibrate): given
      // the address, the distance says little; a kind of office and its name or place go together
      interactions: [['nom', 'adresse'], ['nom', 'lieu'], ['adresse', 'lieu'], ['genre', 'nom'], ['genre', 'lieu']],
      recall: 0.8,
      u: 'blocked',
      // the estimated model is calibrated on its own clusters (no labels): F1 0.961 → 0.971 on
      // the synthetic 100 k corpus, precision ≥ 0.98 kept (bench/README-match.md)
      selfCalibrate: true,
    },
  };
}
