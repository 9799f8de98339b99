/**
 * Loading and validating a matching configuration: JSON Schema first (ajv), then the references
 * between sections, each failure naming the field and the expected form.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { UsageError } from '../../src/error.js';
import { configSchema } from './schema.js';
import { defaultConfig } from './default.js';
import { STRING_TYPES, type MatchConfig } from './types.js';

const ajv = new Ajv({ allErrors: true, strict: false });
const check = ajv.compile(configSchema);

/** "/blocking/2/km" → "blocking[2].km" */
function fieldPath(err: ErrorObject): string {
  const parts = err.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = '';
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out ? `.${p}` : p;
  if (err.keyword === 'required') out += (out ? '.' : '') + String((err.params as { missingProperty: string }).missingProperty);
  if (err.keyword === 'additionalProperties') out += (out ? '.' : '') + String((err.params as { additionalProperty: string }).additionalProperty);
  return out || '(root)';
}

function describe(err: ErrorObject): string {
  const where = fieldPath(err);
  switch (err.keyword) {
    case 'required': return `${where} is required`;
    case 'additionalProperties': return `${where} is not a known setting`;
    case 'enum': return `${where} must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    default: return `${where} ${err.message ?? 'is invalid'}`;
  }
}

/**
 * Validates a configuration object and fills defaults; throws a UsageError listing every problem.
 *
 * @example
 *   const config = parseConfig({ fields: { name: { type: 'name' } }, blocking: [{ name: 'n', on: ['name'] }],
 *     comparisons: [{ name: 'name', field: 'name', levels: [{ exact: true }] }] });
 */
export function parseConfig(input: unknown, origin = 'config'): MatchConfig {
  if (!check(input)) {
    const seen = new Set<string>();
    const lines: string[] = [];
    for (const e of check.errors ?? []) {
      if (e.keyword === 'anyOf' || e.keyword === 'if') continue;
      const line = describe(e);
      if (!seen.has(line)) lines.push(line), seen.add(line);
    }
    throw new UsageError(`invalid ${origin}:\n  - ${lines.join('\n  - ')}`);
  }
  const base = defaultConfig();
  const raw = input as Partial<MatchConfig>;
  const config: MatchConfig = {
    version: 1,
    description: raw.description,
    columns: raw.columns ?? {},
    fields: raw.fields!,
    blocking: raw.blocking!,
    comparisons: raw.comparisons!,
    threshold: raw.threshold ?? base.threshold,
    reportFloor: raw.reportFloor ?? base.reportFloor,
    maxBlockSize: raw.maxBlockSize ?? base.maxBlockSize,
    cluster: { ...base.cluster, ...raw.cluster },
    // u from random pairs unless a config asks otherwise (the built-in config asks for blocked);
    // interactions name the built-in comparisons: none unless the config lists its own
    training: { ...base.training, u: 'random', interactions: [], ...raw.training },
    anywhere: raw.anywhere ?? false,
  };
  const problems = crossCheck(config);
  if (problems.length) throw new UsageError(`invalid ${origin}:\n  - ${problems.join('\n  - ')}`);
  return config;
}

function crossCheck(c: MatchConfig): string[] {
  const out: string[] = [];
  const fields = c.fields;
  const type = (f: string) => fields[f]?.type;
  for (const [name, f] of Object.entries(fields)) {
    const from = f.from === undefined ? [] : Array.isArray(f.from) ? f.from : [f.from];
    if (f.type === 'point' && from.length !== 2) out.push(`fields.${name}.from must list two columns [latitude, longitude] for a point`);
    if (f.crowd && f.type !== 'point') out.push(`fields.${name}.crowd is for point fields, "${name}" is ${f.type}`);
  }
  c.blocking.forEach((b, i) => {
    const at = `blocking[${i}]`;
    if (!b.on && !b.near && !b.token) out.push(`${at} needs "on" (fields of an exact key), "token" (a shared rare token) or "near" (a point field)`);
    if (b.on && b.near) out.push(`${at} cannot have both "on" and "near"`);
    for (const f of b.on ?? []) {
      if (!type(f)) out.push(`${at}.on names unknown field "${f}"`);
      else if (type(f) === 'point') out.push(`${at}.on cannot use point field "${f}" (use "near")`);
    }
    if (b.near) {
      if (type(b.near) !== 'point') out.push(`${at}.near must name a point field, got "${b.near}"`);
      if (b.km === undefined) out.push(`${at}.km is required with "near"`);
    }
    if (b.token && !STRING_TYPES.has(type(b.token)!)) out.push(`${at}.token must name a text field (name, address, text, string), got "${b.token}"`);
  });
  const names = new Set<string>();
  c.comparisons.forEach((cmp, i) => {
    const at = `comparisons[${i}]`;
    if (names.has(cmp.name)) out.push(`${at}.name "${cmp.name}" is used twice`);
    names.add(cmp.name);
    if (!type(cmp.field)) out.push(`${at}.field names unknown field "${cmp.field}"`);
    if (cmp.tfField !== undefined && (!type(cmp.tfField) || type(cmp.tfField) === 'point'))
      out.push(`${at}.tfField must name a field that is not a point, got "${cmp.tfField}"`);
    cmp.levels.forEach((l, j) => {
      const f = l.field ?? cmp.field;
      const t = type(f);
      const lat = `${at}.levels[${j}]`;
      if (!t) return void out.push(`${lat}.field names unknown field "${f}"`);
      if (l.maxFreq !== undefined && t === 'point') out.push(`${lat}.maxFreq needs a field with values, "${f}" is a point`);
      if (l.absent !== undefined && !type(l.absent)) out.push(`${lat}.absent names unknown field "${l.absent}"`);
      for (const a of l.also ?? []) {
        if (!type(a)) out.push(`${lat}.also names unknown field "${a}"`);
        else if (type(a) === 'point') out.push(`${lat}.also needs fields with values, "${a}" is a point`);
      }
      if (l.values !== undefined && t !== 'text' && t !== 'string') out.push(`${lat}.values needs a text or string field, "${f}" is ${t}`);
      if (l.km !== undefined && t !== 'point') out.push(`${lat}.km needs a point field, "${f}" is ${t}`);
      if (t === 'point' && l.km === undefined) out.push(`${lat} on point field "${f}" needs km`);
      if ((l.jw !== undefined || l.lev !== undefined || l.tokens !== undefined || l.sameNumber) && !STRING_TYPES.has(t))
        out.push(`${lat}: jw/lev/tokens/sameNumber need a text field, "${f}" is ${t}`);
    });
  });
  let radix = 1;
  for (const cmp of c.comparisons) radix *= cmp.levels.length + 2;
  if (radix > 2 ** 31) out.push(`comparisons: too many comparisons × levels (${radix} patterns > 2^31)`);
  for (const d of c.training.deterministic) for (const n of d) if (!names.has(n)) out.push(`training.deterministic names unknown comparison "${n}"`);
  (c.training.interactions ?? []).forEach(([a, b], k) => {
    for (const n of [a, b]) if (!names.has(n)) out.push(`training.interactions[${k}] names unknown comparison "${n}"`);
    if (a === b) out.push(`training.interactions[${k}] must name two different comparisons`);
  });
  if (c.cluster.warnSize > c.cluster.maxSize) out.push('cluster.warnSize must not exceed cluster.maxSize');
  if (c.reportFloor > c.threshold) out.push('reportFloor must not exceed threshold');
  return out;
}

/**
 * Reads and validates a configuration file; without a path, the built-in data·inclusion model.
 *
 * @example
 *   const config = loadConfig('fixtures/configs/restaurants.json');
 */
export function loadConfig(path?: string): MatchConfig {
  if (!path) return defaultConfig();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read config ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`config ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseConfig(json, `config ${path}`);
}
