/**
 * Running an adapter: every record validated through src/model, every raw row given exactly one
 * outcome (imported, dropped by a rule, rejected), services checked against their structures.
 */
import { errorRow, validate, type ErrorRow, type Service, type Structure } from '../src/model/index.js';
import { ImportContext, type ImportOptions } from './context.js';
import type { Adapter, ImportResult, Origin } from './types.js';

interface Outcome {
  valid: number;
  drop?: string;
  error: boolean;
}

const keyOf = (o: Origin) => `${o.file}\u0000${o.line}`;

/**
 * Imports one source folder with the given adapter.
 *
 * @example
 *   const res = await runAdapter(dora, 'fixtures/sources/dora');
 *   res.rawRows === res.imported + res.rejected + res.dropped.reduce((s, d) => s + d.count, 0) // true
 */
export async function runAdapter(adapter: Adapter, dir: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const source = adapter.slug;
  const ctx = new ImportContext(source, opts);
  const outcomes = new Map<string, Outcome>();
  const outcome = (o: Origin) => {
    const k = keyOf(o);
    let v = outcomes.get(k);
    if (!v) outcomes.set(k, (v = { valid: 0, error: false }));
    return v;
  };
  const errors: ErrorRow[] = [];
  const warnings: ErrorRow[] = [];
  const structures: Structure[] = [];
  const invalidStructures: Record<string, unknown>[] = [];
  const invalidServices: Record<string, unknown>[] = [];
  const structureIds = new Set<string>();
  const rejectedStructures = new Set<string>();
  const pending: { record: Record<string, unknown>; origin: Origin }[] = [];
  const seen = new Set<string>();
  const today = opts.today;

  const check = (kind: 'structure' | 'service', record: Record<string, unknown>, origin: Origin) => {
    const res = validate(kind, record, { source, file: origin.file, line: origin.line, ...(today ? { today } : {}) });
    warnings.push(...res.warnings);
    const id = typeof record.id === 'string' ? record.id : '';
    if (res.valid && seen.has(`${kind}:${id}`)) {
      res.valid = false;
      res.errors.push(errorRow({ source, id, resource: kind, file: origin.file, line: origin.line, field: 'id', rule: 'duplicate_id', message: `another ${kind} of ${source} already has id ${id}`, value: id }));
    }
    errors.push(...res.errors);
    return res;
  };

  for await (const ev of adapter.read(dir, ctx)) {
    const out = outcome(ev.origin);
    if (ev.kind === 'drop') out.drop ??= ev.reason;
    else if (ev.kind === 'error') {
      out.error = true;
      errors.push(ev.error);
    } else if (ev.kind === 'structure') {
      const res = check('structure', ev.record, ev.origin);
      const id = String(ev.record.id ?? '');
      if (res.valid) {
        seen.add(`structure:${id}`);
        structures.push(res.record as Structure);
        structureIds.add(id);
        out.valid++;
      } else {
        out.error = true;
        invalidStructures.push(res.record as unknown as Record<string, unknown>);
        if (!structureIds.has(id)) rejectedStructures.add(id);
      }
    } else {
      pending.push({ record: ev.record, origin: ev.origin });
    }
  }

  const services: Service[] = [];
  for (const { record, origin } of pending) {
    const out = outcome(origin);
    const res = check('service', record, origin);
    if (!res.valid) {
      out.error = true;
      invalidServices.push(res.record as unknown as Record<string, unknown>);
      continue;
    }
    const sid = String(record.structure_id);
    const id = String(record.id);
    if (!structureIds.has(sid)) {
      const rejected = rejectedStructures.has(sid);
      errors.push(errorRow({
        source, id, resource: 'service', file: origin.file, line: origin.line, field: 'structure_id',
        rule: rejected ? 'structure_rejected' : 'structure_missing',
        message: rejected ? `its structure ${sid} was rejected` : `no structure ${sid} in ${source}`, value: sid,
      }));
      out.error = true;
      invalidServices.push(res.record as unknown as Record<string, unknown>);
      continue;
    }
    seen.add(`service:${id}`);
    services.push(res.record as Service);
    out.valid++;
  }

  let imported = 0;
  let rejected = 0;
  const dropped = new Map<string, number>();
  for (const [key, o] of outcomes) {
    if (o.valid > 0) imported++;
    else if (o.drop !== undefined) dropped.set(o.drop, (dropped.get(o.drop) ?? 0) + 1);
    else {
      rejected++;
      if (!o.error) {
        const [file, line] = key.split('\u0000');
        errors.push(errorRow({ source, id: '', resource: 'record', file, line: Number(line), field: '', rule: 'no_record', message: 'this raw row gave no record', value: '' }));
      }
    }
  }
  return {
    source, structures, services, invalidStructures, invalidServices,
    errors: [...errors, ...ctx.warnings, ...warnings],
    dropped: [...dropped].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    unmapped: ctx.unmappedList(),
    rawRows: outcomes.size, imported, rejected,
  };
}
