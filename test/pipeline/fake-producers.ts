/**
 * Producers for pipeline tests: each `<dir>/<slug>/structures.jsonl` / `services.jsonl` holds schema
 * v1 records, imported as an adapter would (validated through src/model).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAll } from '../../src/io/index.js';
import { validate } from '../../src/model/index.js';
import type { ImportResult } from '../../adapters/index.js';

const s = (source: string, id: string, over: Record<string, unknown>) => ({ source, id: `${source}--${id}`, date_maj: '2025-06-01', ...over });

/** Three producers describing 6 places; the CCAS and the Mission Locale appear in several. */
export const BASE: Record<string, { structures: Record<string, unknown>[]; services: Record<string, unknown>[] }> = {
  dora: {
    structures: [
      s('dora', '1', { nom: 'CCAS de Rennes', siret: '21350238800019', adresse: '15 place de la Mairie', code_postal: '35000', code_insee: '35238', commune: 'Rennes', latitude: 48.111390, longitude: -1.679660, telephone: '02 23 62 19 40', courriel: 'ccas@ville-rennes.fr' }),
      s('dora', '2', { nom: 'Mission Locale du Bassin Rennais', adresse: '9 rue Jean-Marie Duhamel', code_postal: '35000', code_insee: '35238', commune: 'Rennes', latitude: 48.103600, longitude: -1.672900, telephone: '0299786100', reseaux_porteurs: ['mission-locale'] }),
      s('dora', '3', { nom: 'Secours populaire - Brest', adresse: '4 rue Duquesne', code_postal: '29200', code_insee: '29019', commune: 'Brest', latitude: 48.3904, longitude: -4.4861, telephone: '0298440101' }),
    ],
    services: [
      { source: 'dora', id: 'dora--s1', structure_id: 'dora--1', nom: 'Aide alimentaire d’urgence', description: 'Colis alimentaires pour les personnes en difficulté.', date_maj: '2025-06-01', type: 'aide-materielle', thematiques: ['equipement-et-alimentation--alimentation'] },
    ],
  },
  'emplois-de-linclusion': {
    structures: [
      s('emplois-de-linclusion', '10', { nom: 'CENTRE COMMUNAL D ACTION SOCIALE DE RENNES', siret: '21350238800019', adresse: '15 pl. de la Mairie', code_postal: '35000', commune: 'RENNES', telephone: '+33 2 23 62 19 40', courriel: 'ccas@ville-rennes.fr', date_maj: '2026-01-10' }),
      s('emplois-de-linclusion', '11', { nom: 'Mission locale Rennes', adresse: '9 r. Jean Marie Duhamel', code_postal: '35000', commune: 'Rennes', telephone: '02 99 78 61 00', latitude: 48.10365, longitude: -1.67288 }),
      s('emplois-de-linclusion', '12', { nom: 'Atelier Chantier Rennes Nord', siret: '80295478500028', adresse: '3 rue de Brest', code_postal: '35000', code_insee: '35238', commune: 'Rennes', telephone: '0299001122' }),
    ],
    services: [],
  },
  soliguide: {
    structures: [
      s('soliguide', '100', { nom: 'CCAS Rennes', adresse: '15 Place de la Mairie', code_postal: '35000', commune: 'Rennes', latitude: 48.11140, longitude: -1.67970, telephone: '02.23.62.19.40' }),
      s('soliguide', '101', { nom: 'Restos du Cœur - Rennes', adresse: '12 rue de la Barbotière', code_postal: '35000', commune: 'Rennes', latitude: 48.1302, longitude: -1.6630, telephone: '0299594040' }),
      s('soliguide', '102', { nom: 'Restos du Cœur - Brest', adresse: '7 rue de Gascogne', code_postal: '29200', commune: 'Brest', latitude: 48.4011, longitude: -4.4795, telephone: '0298030303' }),
    ],
    services: [
      { source: 'soliguide', id: 'soliguide--s100', structure_id: 'soliguide--100', nom: 'Aide alimentaire d’urgence', description: 'Distribution de colis alimentaires.', date_maj: '2026-02-01', type: 'aide-materielle', thematiques: ['equipement-et-alimentation--alimentation'], telephone: '0223621941' },
    ],
  },
};

/** Writes the producers' files into a fresh folder; returns it. */
export function writeProducers(data = BASE, dir = mkdtempSync(join(tmpdir(), 'recoupe-sources-'))): string {
  for (const [slug, d] of Object.entries(data)) {
    mkdirSync(join(dir, slug), { recursive: true });
    writeFileSync(join(dir, slug, 'structures.jsonl'), d.structures.map((r) => JSON.stringify(r)).join('\n') + '\n');
    if (d.services.length) writeFileSync(join(dir, slug, 'services.jsonl'), d.services.map((r) => JSON.stringify(r)).join('\n') + '\n');
  }
  return dir;
}

export function copyProducers(dir: string): string {
  const to = mkdtempSync(join(tmpdir(), 'recoupe-sources-'));
  cpSync(dir, to, { recursive: true });
  return to;
}

/** The importer the pipeline calls instead of the real adapters; a folder with a `FAIL` file fails. */
export async function fakeImport(slug: string, dir: string): Promise<ImportResult> {
  if (existsSync(join(dir, 'FAIL'))) throw new Error(`${slug}: the producer's API answered 503`);
  const out: ImportResult = { source: slug, structures: [], services: [], errors: [], dropped: [], unmapped: [], rawRows: 0, imported: 0, rejected: 0 };
  for (const kind of ['structures', 'services'] as const) {
    if (!existsSync(join(dir, `${kind}.jsonl`))) continue;
    const r = await readAll(join(dir, `${kind}.jsonl`), { source: slug });
    out.rawRows += r.stats.read;
    out.errors.push(...r.errors);
    out.rejected += r.errors.length;
    for (const row of r.rows) {
      const v = validate(kind === 'structures' ? 'structure' : 'service', row, { today: '2026-11-22' });
      if (v.valid) {
        (out[kind] as unknown[]).push(row);
        out.imported++;
      } else {
        out.errors.push(...v.errors);
        out.rejected++;
      }
    }
  }
  return out;
}
