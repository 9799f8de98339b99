/**
 * Error rows: every rejected or flagged value becomes one row, never a silent drop.
 *
 * `resource` is `structure` or `service` once the row is known to be one; `record` for problems
 * found while reading a file, before the row has a type.
 */
export type Resource = 'structure' | 'service' | 'record';
export type Severity = 'error' | 'warning';

export interface ErrorRow {
  source: string;
  id: string;
  resource: Resource;
  field: string;
  rule: string;
  message: string;
  value: string;
  severity: Severity;
  file?: string;
  line?: number;
}

/** Column order of every `errors.csv` the project writes. */
export const ERROR_COLUMNS = [
  'source', 'id', 'resource', 'field', 'rule', 'severity', 'message', 'value', 'file', 'line',
] as const;

/** Renders any value for the `value` column: strings as they are, the rest as JSON, cut at 500 chars. */
export function showValue(value: unknown): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}

/**
 * Builds an error row with defaults for the optional parts.
 *
 * @example
 *   errorRow({ source: 'dora', id: 'dora--1', resource: 'structure', field: 'siret',
 *              rule: 'pattern', message: 'must be 14 digits', value: '123' })
 */
export function errorRow(
  row: Omit<ErrorRow, 'severity' | 'value'> & { severity?: Severity; value?: unknown },
): ErrorRow {
  return { ...row, severity: row.severity ?? 'error', value: showValue(row.value) };
}
