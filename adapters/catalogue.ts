/**
 * The catalogue adapter: a producer's spreadsheet (CSV or XLSX) whose column headers — often
 * French, with accents and spaces — a mapping file ties to schema v1 fields. Without a mapping it
 * reads the national "valideur" template as is: sheets `Structures` and `Services` in v1 columns,
 * rows flagged in the `__ignore__` column skipped (dropped by rule), unknown or unnamed columns
 * reported.
 *
 * mapping.json:
 * ```json
 * { "structures": { "sheet": "Lieux", "columns": { "Nom de la structure": "nom", "Identifiant": "id" } },
 *   "services":   { "sheet": "Offres", "columns": { "Intitulé": "nom", "Lieu": "structure_id" } },
 *   "separator": ";" }
 * ```
 * A CSV file holds one resource: the mapping must have exactly one of `structures` / `services`.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { error, UsageError } from '../src/error.js';
import { errorRow } from '../src/model/index.js';
import type { ImportContext } from './context.js';
import type { Adapter, AdapterEvent, Origin } from './types.js';
import { rawRows, rowError } from './lib/read.js';
import { fieldsOf, v1Record } from './lib/v1.js';
import { openWorkbook, sheetRows, type Cell } from './lib/xlsx.js';
import { isoDate } from './lib/dates.js';
import { rid } from './lib/records.js';
import { str } from './lib/values.js';
import { slugify } from './vocab/map.js';

export interface CatalogueSection {
  /** XLSX: the sheet (default `Structures` / `Services`). */
  sheet?: string;
  /** Producer header → v1 field (or `__ignore__`). Headers are compared without case, accents or spacing. */
  columns?: Record<string, string>;
}

export interface CatalogueMapping {
  structures?: CatalogueSection;
  services?: CatalogueSection;
  /** Separator of multi-valued cells (default `,`; `;` and `|` are always accepted). */
  separator?: string;
}

/**
 * Reads and checks a mapping file, naming the bad part.
 *
 * @example
 *   readMapping('fixtures/sources/catalogue/mapping.json').structures?.columns?.['Nom de la structure'] // 'nom'
 */
export function readMapping(path: string): CatalogueMapping {
  let m: unknown;
  try {
    m = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`cannot read mapping ${path}: ${(err as Error).message}`);
  }
  if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new UsageError(`mapping ${path} must be a JSON object`);
  const mapping = m as CatalogueMapping;
  for (const kind of ['structures', 'services'] as const) {
    const cols = mapping[kind]?.columns ?? {};
    const allowed = new Set([...fieldsOf(kind === 'structures' ? 'structure' : 'service'), '__ignore__']);
    for (const [header, field] of Object.entries(cols)) {
      if (!allowed.has(field)) throw new UsageError(`mapping ${path}: ${kind}.columns["${header}"] = "${field}" is not a schema v1 ${kind.slice(0, -1)} field`);
    }
  }
  return mapping;
}

const keyOf = (h: string) => slugify(h).replace(/-/g, '_');

interface Columns {
  /** column index → v1 field */
  fields: Map<number, string>;
  ignoreIndex: number | undefined;
}

/** Ties header cells to fields, reporting unknown, duplicated and unnamed columns. */
function resolveColumns(
  header: Cell[], kind: 'structure' | 'service', section: CatalogueSection | undefined, ctx: ImportContext, file: string,
): Columns {
  const mapped = new Map(Object.entries(section?.columns ?? {}).map(([h, f]) => [keyOf(h), f]));
  const v1 = new Set(fieldsOf(kind));
  const fields = new Map<number, string>();
  const taken = new Map<string, number>();
  let ignoreIndex: number | undefined;
  const note = (field: string, rule: string, message: string, value: unknown, severity: 'error' | 'warning') =>
    ctx.report(errorRow({ source: ctx.source, id: '', resource: kind, file, line: 1, field, rule, message, value, severity }));
  header.forEach((cell, i) => {
    const col = `column ${i + 1}`;
    if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return;
    if (typeof cell !== 'string') {
      const shown = cell instanceof Date ? isoDate(cell) : String(cell);
      // The valideur template's date_maj column comes with a date in its header cell: read it as
      // date_maj when no other column names that field, and say so.
      const namesDateMaj = header.some((h) => typeof h === 'string' && (mapped.get(keyOf(h.trim())) ?? h.trim()) === 'date_maj');
      if (cell instanceof Date && !namesDateMaj && !taken.has('date_maj')) {
        note('date_maj', 'date_header', `${col}: the header is a date (${shown}), not a column name; read as date_maj`, shown, 'warning');
        taken.set('date_maj', i);
        fields.set(i, 'date_maj');
        return;
      }
      note('', 'bad_header', `${col}: the header is a ${cell instanceof Date ? 'date' : typeof cell}, not a column name; column skipped`, shown, 'error');
      return;
    }
    const h = cell.trim();
    const field = mapped.get(keyOf(h)) ?? (v1.has(h as never) ? h : h === '__ignore__' ? '__ignore__' : undefined);
    if (field === '__ignore__') {
      if (h === '__ignore__') ignoreIndex = i;
      return;
    }
    if (!field) {
      note(h, 'unknown_column', `${col} "${h}" is not a schema v1 ${kind} field; column skipped`, h, 'warning');
      return;
    }
    if (taken.has(field)) {
      note(field, 'duplicate_column', `${col} "${h}" repeats ${field} (column ${taken.get(field)! + 1}); the first one is used`, h, 'warning');
      return;
    }
    taken.set(field, i);
    fields.set(i, field);
  });
  for (const required of ['id', 'nom', 'date_maj', ...(kind === 'service' ? ['structure_id', 'description'] : [])]) {
    if (!taken.has(required)) note(required, 'missing_column', `no column gives ${required}`, '', 'error');
  }
  return { fields, ignoreIndex };
}

const truthy = (c: Cell) => c === true || (typeof c === 'string' && /^(true|vrai|oui|x|1)$/i.test(c.trim())) || c === 1;

function* rowsToEvents(
  rows: { line: number; cells: Cell[] }[], cols: Columns, kind: 'structure' | 'service', file: string,
  ctx: ImportContext, separator: string | undefined,
): Generator<AdapterEvent> {
  const source = ctx.source;
  for (const { line, cells } of rows) {
    const origin: Origin = { file, line };
    if (cols.ignoreIndex !== undefined && truthy(cells[cols.ignoreIndex] ?? null)) {
      yield { kind: 'drop', reason: 'template row (__ignore__)', origin };
      continue;
    }
    const row: Record<string, unknown> = {};
    for (const [i, field] of cols.fields) {
      let v: unknown = cells[i] ?? null;
      if (separator && typeof v === 'string') v = v.split(separator).join(',');
      row[field] = v;
    }
    const nativeId = str(row.id);
    if (!nativeId) {
      yield rowError(source, origin, 'id', 'required', `a ${kind} row without id`);
      continue;
    }
    origin.id = nativeId;
    const where = { id: rid(source, nativeId), resource: kind, file, line } as const;
    yield { kind, record: v1Record(row, kind, source, ctx, where), origin };
  }
}

/**
 * The catalogue adapter for one file, published under the slug `as`.
 *
 * @example
 *   const adapter = catalogueAdapter({ file: 'fixtures/valideur/dataset.xlsx', as: 'valideur' });
 *   const result = await runAdapter(adapter, '.');
 */
export function catalogueAdapter(opts: { file: string; as: string; mapping?: CatalogueMapping }): Adapter {
  const { file, as, mapping } = opts;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(as)) throw new UsageError(`--as must be a slug (lower case, digits, dashes), got "${as}"`);
  const ext = extname(file).toLowerCase();
  if (!['.xlsx', '.csv', '.tsv', '.txt'].includes(ext)) throw new UsageError(`catalogue: ${file} must be .xlsx or .csv`);
  return {
    slug: as,
    files: [{ name: basename(file), required: true, description: 'a producer spreadsheet (valideur template, or any layout with --mapping)' }],
    async *read(_dir, ctx): AsyncGenerator<AdapterEvent> {
      const separator = mapping?.separator;
      if (ext === '.xlsx') {
        let wb;
        try {
          wb = await openWorkbook(file);
        } catch (err) {
          yield rowError(as, { file, line: 0 }, '', 'unreadable_file', `cannot read ${file}: ${(err as Error).message}`);
          return;
        }
        let found = 0;
        for (const kind of ['structure', 'service'] as const) {
          const section = mapping?.[`${kind}s`];
          if (mapping && !section) continue;
          const sheetName = section?.sheet ?? (kind === 'structure' ? 'Structures' : 'Services');
          const sheet = sheetRows(wb, sheetName);
          if (!sheet) {
            if (section?.sheet) yield rowError(as, { file, line: 0 }, '', 'missing_sheet', `${file} has no sheet "${sheetName}"`);
            continue;
          }
          found++;
          const cols = resolveColumns(sheet.header, kind, section, ctx, `${file}#${sheetName}`);
          yield* rowsToEvents(sheet.rows, cols, kind, `${file}#${sheetName}`, ctx, separator);
        }
        if (found === 0) yield rowError(as, { file, line: 0 }, '', 'missing_sheet', `${file} has neither a Structures nor a Services sheet`);
        return;
      }
      const kinds = (['structure', 'service'] as const).filter((k) => mapping?.[`${k}s`]);
      if (kinds.length !== 1) throw error(`catalogue: a CSV holds one resource, so the mapping needs exactly one of "structures" or "services"`);
      const kind = kinds[0];
      const section = mapping![`${kind}s`];
      let cols: Columns | undefined;
      const pending: { line: number; cells: Cell[] }[] = [];
      let header: string[] = [];
      for await (const ev of rawRows('', file, as, { header: true })) {
        if (ev.kind === 'error') { yield ev; continue; }
        if (!cols) {
          header = Object.keys(ev.row);
          cols = resolveColumns(header, kind, section, ctx, file);
        }
        pending.push({ line: ev.origin.line, cells: header.map((h) => (ev.row[h] as Cell) ?? null) });
        if (pending.length >= 500) yield* rowsToEvents(pending.splice(0), cols, kind, file, ctx, separator);
      }
      if (cols) yield* rowsToEvents(pending, cols, kind, file, ctx, separator);
    },
  };
}
