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
      adresse: { type: 'address' },
      commune: { type: 'text' },
      code_insee: { type: 'insee' },
      code_postal: { type: 'postcode' },
      siret: { type: 'siret' },
      siren: { type: 'siren', from: 'siret' },
      telephone: { type: 'phone' },
      courriel: { type: 'email' },
      domaine: { type: 'domain', from: ['site_web', 'courriel'] },
      position: { type: 'point', from: ['latitude', 'longitude'] },
    },
    blocking: [
      { name: 'siret', on: ['siret'] },
      { name: 'siren-commune', on: ['siren', 'code_insee'] },
      { name: 'telephone', on: ['telephone'] },
      { name: 'courriel', on: ['courriel'] },
      { name: 'domaine', on: ['domaine'] },
      { name: 'insee-token', on: ['code_insee'], token: 'nom', rarest: 2 },
      { name: 'postcode-token', on: ['code_postal'], token: 'nom', rarest: 2 },
      { name: 'near-token', near: 'position', km: 0.3, token: 'nom', rarest: 3 },
    ],
    comparisons: [
      { name: 'nom', field: 'nom', tf: true, levels: [{ exact: true }, { tokens: 0.85 }, { tokens: 0.6 }, { tokens: 0.35 }] },
      { name: 'adresse', field: 'adresse', levels: [{ exact: true }, { tokens: 0.75, sameNumber: true }, { tokens: 0.5 }] },
      // same SIREN with a different SIRET is a different establishment: it falls to "else"
      { name: 'siret', field: 'siret', tf: true, levels: [{ exact: true }] },
      { name: 'telephone', field: 'telephone', tf: true, levels: [{ exact: true }] },
      { name: 'courriel', field: 'courriel', tf: true, levels: [{ exact: true }, { field: 'domaine', exact: true }] },
      // one comparison for "where": distance when both have coordinates, else the commune (not both:
      // they are the same evidence, and Fellegi–Sunter would count it twice)
      {
        name: 'lieu', field: 'position',
        levels: [{ km: 0.05 }, { km: 0.3 }, { field: 'code_insee', exact: true }, { field: 'code_postal', exact: true }, { km: 5 }],
      },
    ],
    threshold: 0.999,
    reportFloor: 0.01,
    maxBlockSize: 1000,
    cluster: { warnSize: 20, maxSize: 50 },
    training: {
      seed: 42,
      uPairs: 300_000,
      emIterations: 30,
      deterministic: [['siret'], ['nom', 'telephone'], ['nom', 'courriel'], ['nom', 'adresse']],
      recall: 0.8,
    },
  };
}
