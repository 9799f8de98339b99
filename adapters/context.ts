/**
 * Per-import state an adapter writes into: unmapped vocabulary values and warnings found while
 * mapping (before validation).
 */
import { errorRow, type ErrorRow, type Resource } from '../src/model/index.js';
import type { UnmappedCount } from './types.js';

export interface ImportOptions {
  /** The day `date_maj` may not exceed (tests pin it); default today. */
  today?: string;
}

export class ImportContext {
  readonly warnings: ErrorRow[] = [];
  private readonly unmappedCounts = new Map<string, UnmappedCount>();

  constructor(readonly source: string, readonly options: ImportOptions = {}) {}

  /**
   * Records a raw vocabulary value with no v1 equivalent: counted, and a warning row for the record.
   *
   * @example
   *   ctx.unmapped('thematiques', 'astrologie', { id: 'dora--1', resource: 'service' })
   */
  unmapped(
    field: string, value: string, where: { id: string; resource: Resource; file?: string; line?: number },
    rule: 'unmapped_value' | 'no_v1_equivalent' = 'unmapped_value',
  ): void {
    const key = `${field}\u0000${value}`;
    const hit = this.unmappedCounts.get(key);
    if (hit) hit.count++;
    else this.unmappedCounts.set(key, { field, value, count: 1 });
    const message = rule === 'unmapped_value'
      ? `${field}: unknown value "${value}", not mapped to schema v1`
      : `${field}: "${value}" has no schema v1 equivalent`;
    this.warn(where, field, rule, message, value);
  }

  /** Adds a warning row (the record is kept). */
  warn(
    where: { id: string; resource: Resource; file?: string; line?: number },
    field: string, rule: string, message: string, value?: unknown,
  ): void {
    this.warnings.push(errorRow({ source: this.source, ...where, field, rule, message, value, severity: 'warning' }));
  }

  /** Adds a row about the file rather than one raw row (a bad header, an unknown column). */
  report(row: ErrorRow): void {
    this.warnings.push(row);
  }

  /** Unmapped values, most frequent first. */
  unmappedList(): UnmappedCount[] {
    return [...this.unmappedCounts.values()].sort((a, b) => b.count - a.count || a.field.localeCompare(b.field) || a.value.localeCompare(b.value));
  }
}
