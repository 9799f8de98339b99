/**
 * Commune names and départements from their INSEE code (@etalab/decoupage-administratif), for
 * producers that give only the code (France Travail, FINESS).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let byCode: Map<string, { nom: string; departement: string; codesPostaux: string[] }> | undefined;

function table() {
  if (!byCode) {
    byCode = new Map();
    const all = require('@etalab/decoupage-administratif/data/communes.json') as
      { code: string; nom: string; type: string; departement: string; codesPostaux?: string[] }[];
    for (const c of all) if (c.type === 'commune-actuelle' || !byCode.has(c.code)) byCode.set(c.code, { nom: c.nom, departement: c.departement, codesPostaux: c.codesPostaux ?? [] });
  }
  return byCode;
}

/**
 * @example
 *   communeName('35238') // 'Rennes'
 */
export function communeName(code: string | null): string | null {
  return code ? table().get(code)?.nom ?? null : null;
}

/** The INSEE code of a commune name within a postal code, when exactly one matches. */
export function communeCode(nom: string | null, codePostal: string | null): string | null {
  if (!nom || !codePostal) return null;
  const key = nom.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
  const hits: string[] = [];
  for (const [code, c] of table()) {
    if (!c.codesPostaux.includes(codePostal)) continue;
    if (c.nom.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '') === key) hits.push(code);
  }
  return hits.length === 1 ? hits[0] : null;
}
