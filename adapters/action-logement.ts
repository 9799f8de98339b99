/**
 * Action Logement: two CSV exports already in schema v1 columns — `structures.csv` (the agencies)
 * and `services.csv` (the national catalogue, plus Action Logement's own `publics_al` column).
 * Rows whose `__ignore__` column is set are the producer's drafts: dropped by rule. Services =
 * catalogue × agencies: id `action-logement--<agency id>-<service id>`, placed at the agency.
 */
import type { Adapter, AdapterEvent, Origin } from './types.js';
import { allRows, rowError } from './lib/read.js';
import { compact, list, str } from './lib/values.js';
import { isoToday } from '../src/model/index.js';
import { communeCode } from './lib/communes.js';
import { publics, rid } from './lib/records.js';
import { v1Record } from './lib/v1.js';
import { mapList, slugify, type VocabTable, type Where } from './vocab/map.js';

const SOURCE = 'action-logement';

/** Action Logement's own audiences (`publics_al`, labels slugified) → v1 publics. */
export const PUBLICS_AL: VocabTable = {
  'salaries-du-secteur-prive': ['actifs'],
  'salaries-du-secteur-agricole': ['actifs'],
  'jeunes-actifs-de-moins-de-30-ans': ['jeunes', 'actifs'],
  alternants: ['jeunes', 'actifs'],
  'salaries-en-mobilite-professionnelle': ['actifs'],
  'salaries-en-difficulte': ['actifs'],
  'retraites-du-secteur-prive': ['seniors'],
  'demandeurs-demploi-en-reprise-demploi': ['demandeurs-emploi'],
};

/**
 * Whether the producer flagged a row as not to be published (`__ignore__`: true, vrai, oui, x, 1).
 *
 * @example
 *   ignored({ __ignore__: 'TRUE' }) // true
 *   ignored({ __ignore__: '' })     // false
 */
export function ignored(row: Record<string, unknown>): boolean {
  const v = row.__ignore__;
  return v === true || v === 1 || (typeof v === 'string' && /^(true|vrai|oui|x|1)$/i.test(v.trim()));
}

const PLACE_FIELDS = ['adresse', 'complement_adresse', 'code_postal', 'code_insee', 'commune', 'latitude', 'longitude'] as const;

export const actionLogement: Adapter = {
  slug: SOURCE,
  files: [
    { name: 'structures.csv', required: true, description: 'the agencies, in v1 columns (+ `__ignore__`)' },
    { name: 'services.csv', required: true, description: 'the national catalogue, in v1 columns (+ `publics_al`, `__ignore__`)' },
  ],
  async *read(dir, ctx): AsyncGenerator<AdapterEvent> {
    const today = ctx.options.today ?? isoToday();
    const agences: Record<string, unknown>[] = [];
    const st = await allRows(dir, 'structures.csv', SOURCE);
    yield* st.errors;
    for (const { row, origin: o } of st.rows) {
      const sid = str(row.id);
      const origin: Origin = { ...o, ...(sid ? { id: sid } : {}) };
      if (!sid) { yield rowError(SOURCE, origin, 'id', 'required', 'an agency without id'); continue; }
      if (ignored(row)) { yield { kind: 'drop', reason: 'flagged __ignore__ by the producer', origin }; continue; }
      const where: Where = { id: rid(SOURCE, sid), resource: 'structure', file: origin.file, line: origin.line };
      const record = v1Record(row, 'structure', SOURCE, ctx, where);
      record.code_insee ??= communeCode(str(record.commune), str(record.code_postal));
      record.reseaux_porteurs ??= ['action-logement'];
      // the export carries no modification date: the day of the extraction
      record.date_maj ??= today;
      compact(record);
      agences.push(record);
      yield { kind: 'structure', record, origin };
    }
    const cat = await allRows(dir, 'services.csv', SOURCE);
    yield* cat.errors;
    for (const { row, origin: o } of cat.rows) {
      const sid = str(row.id);
      const origin: Origin = { ...o, ...(sid ? { id: sid } : {}) };
      if (!sid) { yield rowError(SOURCE, origin, 'id', 'required', 'a catalogue service without id'); continue; }
      if (ignored(row)) { yield { kind: 'drop', reason: 'flagged __ignore__ by the producer', origin }; continue; }
      if (agences.length === 0) { yield rowError(SOURCE, origin, 'structure_id', 'no_agency', 'no agency to offer this catalogue service'); continue; }
      // mapped once: vocabulary reports count catalogue rows, not catalogue rows × agencies
      const where: Where = { id: rid(SOURCE, sid), resource: 'service', file: origin.file, line: origin.line };
      const base = v1Record(row, 'service', SOURCE, ctx, where);
      const fromAl = mapList(PUBLICS_AL, list(row.publics_al), 'publics_al', ctx, where, slugify) ?? [];
      const all = [...new Set([...((base.publics as string[] | undefined) ?? []), ...fromAl])];
      for (const a of agences) {
        const code = String(a.id).slice(SOURCE.length + 2);
        const place = Object.fromEntries(PLACE_FIELDS.map((f) => [f, a[f]]));
        const record = compact({
          ...base,
          id: rid(SOURCE, `${code}-${sid}`),
          structure_id: a.id,
          publics: publics(all.length ? all : null),
          ...place,
          telephone: base.telephone ?? a.telephone,
          courriel: base.courriel ?? a.courriel,
          horaires_accueil: base.horaires_accueil ?? a.horaires_accueil,
          date_maj: base.date_maj ?? today,
        });
        yield { kind: 'service', record, origin };
      }
    }
  },
};
