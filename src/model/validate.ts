/**
 * Validation of schema v1 records: the official JSON Schema through ajv, plus the rules the schema
 * states in prose. Every problem becomes an error row; quality flags become warnings.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { structureSchema, serviceSchema } from './schemas.js';
import { errorRow, type ErrorRow } from './errors.js';
import { isoToday, looksPersonalEmail, luhnValid } from './checks.js';
import type { Service, Structure } from './generated.js';

export type ResourceKind = 'structure' | 'service';

export interface ValidationContext {
  /** Source slug written in error rows when the record has none. */
  source?: string;
  /** The day `date_maj` may not exceed (default: today in the process time zone). */
  today?: string;
  /** Where the record was read, copied into its error rows. */
  file?: string;
  line?: number;
}

export interface ValidationResult<T> {
  valid: boolean;
  record: T;
  errors: ErrorRow[];
  warnings: ErrorRow[];
}

/** The oldest `date_maj` the référentiel accepts (schema prose). */
export const MIN_DATE_MAJ = '2000-01-01';

// ajv-formats is CommonJS; its default export arrives as the module under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

let compiled: { structure: ValidateFunction; service: ValidateFunction } | undefined;

function validators() {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = { structure: ajv.compile(structureSchema), service: ajv.compile(serviceSchema) };
  }
  return compiled;
}

const RULE_NAMES: Record<string, string> = {
  minLength: 'min_length', maxLength: 'max_length', minItems: 'min_items',
  uniqueItems: 'unique_items', additionalProperties: 'additional_properties',
};

/** Which problem to report when one value breaks several keywords (a wrong length also breaks the pattern). */
const PRIORITY = ['required', 'type', 'enum', 'format', 'unique_items', 'min_items', 'minimum', 'min_length', 'max_length', 'pattern', 'const'];

/**
 * One row per value: collapses ajv's per-branch noise on `anyOf [X, null]` fields and keeps the most
 * telling keyword.
 */
function ajvRows(errs: ErrorObject[], record: Record<string, unknown>, base: RowBase): ErrorRow[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errs) {
    const path = e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : e.instancePath;
    const list = byPath.get(path) ?? [];
    list.push(e);
    byPath.set(path, list);
  }
  const rows: ErrorRow[] = [];
  for (const [path, list] of byPath) {
    const field = path.split('/')[1] ?? '';
    // "must be null" and "must match a schema in anyOf" only restate that the real branch failed
    let useful = list.filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && (e.params as { type?: string }).type === 'null'));
    if (useful.length === 0) {
      // only restatements here: the real problem sits deeper (an item of the list)
      if ([...byPath.keys()].some((p) => p.startsWith(`${path}/`))) continue;
      useful = list;
    }
    const ruleOf = (e: ErrorObject) => (e.keyword === 'format' ? 'format' : RULE_NAMES[e.keyword] ?? e.keyword);
    const branches = new Set(useful.map((e) => /\/anyOf\/(\d+)\/[^/]+$/.exec(e.schemaPath)?.[1] ?? ''));
    const value = list[0].keyword === 'required' ? undefined : pick(record, path);
    if (branches.size > 1) {
      rows.push(errorRow({ ...base, field, rule: 'pattern', message: `${field} matches none of the accepted forms`, value }));
      continue;
    }
    useful.sort((a, b) => rank(ruleOf(a)) - rank(ruleOf(b)));
    const e = useful[0];
    const rule = e.keyword === 'format' ? `format:${(e.params as { format: string }).format}` : ruleOf(e);
    rows.push(errorRow({ ...base, field, rule, message: `${field} ${e.message ?? 'is invalid'}`, value }));
  }
  return rows;
}

function rank(rule: string): number {
  const i = PRIORITY.indexOf(rule);
  return i < 0 ? PRIORITY.length : i;
}

function pick(record: Record<string, unknown>, path: string): unknown {
  let cur: unknown = record;
  for (const part of path.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

type RowBase = Pick<ErrorRow, 'source' | 'id' | 'resource'> & { file?: string; line?: number };

/** The rules the schema states in prose, and the quality warnings. */
function proseRows(kind: ResourceKind, r: Record<string, unknown>, base: RowBase, today: string) {
  const errors: ErrorRow[] = [];
  const warnings: ErrorRow[] = [];
  const dateMaj = r.date_maj;
  if (typeof dateMaj === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(dateMaj)) {
    if (dateMaj < MIN_DATE_MAJ || dateMaj > today) {
      errors.push(errorRow({
        ...base, field: 'date_maj', rule: 'date_range', value: dateMaj,
        message: `date_maj must be between ${MIN_DATE_MAJ} and today (${today})`,
      }));
    }
  }
  if (kind === 'service' && Array.isArray(r.publics) && r.publics.includes('tous-publics') && r.publics.length > 1) {
    errors.push(errorRow({
      ...base, field: 'publics', rule: 'tous_publics_exclusive', value: r.publics,
      message: 'publics: tous-publics cannot be used with other values',
    }));
  }
  if (typeof r.siret === 'string' && /^\d{14}$/.test(r.siret) && !luhnValid(r.siret)) {
    warnings.push(errorRow({
      ...base, field: 'siret', rule: 'siret_luhn', severity: 'warning', value: r.siret,
      message: 'siret fails the Luhn check',
    }));
  }
  if (typeof r.courriel === 'string' && looksPersonalEmail(r.courriel)) {
    warnings.push(errorRow({
      ...base, field: 'courriel', rule: 'personal_email', severity: 'warning', value: r.courriel,
      message: 'courriel looks like a personal address (firstname.lastname@webmail)',
    }));
  }
  if (kind === 'structure' && typeof r.nom === 'string' && /[^.]\.$/.test(r.nom.trim())) {
    warnings.push(errorRow({
      ...base, field: 'nom', rule: 'nom_trailing_point', severity: 'warning', value: r.nom,
      message: 'nom should not end with a point',
    }));
  }
  return { errors, warnings };
}

/**
 * Validates one record against the schema v1 JSON Schema and the prose rules.
 *
 * @example
 *   const res = validate('structure', { source: 'dora', id: 'dora--1', nom: 'CCAS de Rennes', date_maj: '2025-03-01' });
 *   res.valid // true
 */
export function validate<K extends ResourceKind>(
  kind: K,
  record: unknown,
  ctx: ValidationContext = {},
): ValidationResult<K extends 'structure' ? Structure : Service> {
  type T = K extends 'structure' ? Structure : Service;
  const base: RowBase = {
    source: '', id: '', resource: kind,
    ...(ctx.file !== undefined ? { file: ctx.file } : {}),
    ...(ctx.line !== undefined ? { line: ctx.line } : {}),
  };
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    base.source = ctx.source ?? '';
    const e = errorRow({ ...base, field: '', rule: 'type', message: `a ${kind} must be an object`, value: record });
    return { valid: false, record: record as T, errors: [e], warnings: [] };
  }
  const r = record as Record<string, unknown>;
  base.source = typeof r.source === 'string' ? r.source : ctx.source ?? '';
  base.id = typeof r.id === 'string' ? r.id : r.id === undefined || r.id === null ? '' : String(r.id);
  const fn = validators()[kind];
  const errors: ErrorRow[] = fn(r) ? [] : ajvRows(fn.errors ?? [], r, base);
  const prose = proseRows(kind, r, base, ctx.today ?? isoToday());
  errors.push(...prose.errors);
  return { valid: errors.length === 0, record: r as unknown as T, errors, warnings: prose.warnings };
}

/** Validates a schema v1 structure. */
export const validateStructure = (record: unknown, ctx?: ValidationContext) => validate('structure', record, ctx);
/** Validates a schema v1 service. */
export const validateService = (record: unknown, ctx?: ValidationContext) => validate('service', record, ctx);

/** A record with a `structure_id` is a service; otherwise a structure. */
export function detectKind(record: unknown): ResourceKind {
  return record !== null && typeof record === 'object' && 'structure_id' in record ? 'service' : 'structure';
}
