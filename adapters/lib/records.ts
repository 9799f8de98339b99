/**
 * Shared pieces of record building: ids, names, publics, zones.
 */
import { createRequire } from 'node:module';
import type { ImportContext } from '../context.js';
import type { Where } from '../vocab/map.js';
import { NAME_MAX, str } from './values.js';
import { phone } from './phones.js';

/**
 * The référentiel id of a native id: `<source>--<native id>`.
 *
 * @example
 *   rid('dora', 'a1b2') // 'dora--a1b2'
 */
export const rid = (source: string, native: unknown): string => `${source}--${String(native).trim()}`;

/** A name cut at 150 characters (with a warning), as the national pipeline does. */
export function name(value: unknown, ctx: ImportContext, where: Where, field = 'nom'): string | null {
  const s = str(value)?.replace(/\s+/g, ' ') ?? null;
  if (s === null || s.length <= NAME_MAX) return s;
  ctx.warn(where, field, 'name_truncated', `${field} cut at ${NAME_MAX} characters`, s);
  return `${s.slice(0, NAME_MAX - 1).trimEnd()}…`;
}

/**
 * `tous-publics` cannot sit with other publics: when it does, the specific ones are kept.
 *
 * @example
 *   publics(['tous-publics', 'jeunes']) // ['jeunes']
 */
export function publics(values: string[] | null): string[] | null {
  if (!values) return null;
  return values.length > 1 && values.includes('tous-publics') ? values.filter((v) => v !== 'tous-publics') : values;
}

const require = createRequire(import.meta.url);
let byRegion: Map<string, string[]> | undefined;
let regionOf: Map<string, string> | undefined;

/**
 * The region (INSEE code) of a département, from @etalab/decoupage-administratif.
 *
 * @example
 *   regionOfDepartement('35') // '53'
 */
export function regionOfDepartement(dep: string): string | null {
  if (!regionOf) {
    regionOf = new Map();
    const deps = require('@etalab/decoupage-administratif/data/departements.json') as { code: string; region: string }[];
    for (const d of deps) regionOf.set(d.code, d.region);
  }
  return regionOf.get(dep) ?? null;
}

/**
 * The département codes of a region (INSEE code), from @etalab/decoupage-administratif.
 *
 * @example
 *   departementsOfRegion('53') // ['22', '29', '35', '56']
 */
export function departementsOfRegion(region: string): string[] {
  if (!byRegion) {
    byRegion = new Map();
    const deps = require('@etalab/decoupage-administratif/data/departements.json') as { code: string; region: string }[];
    for (const d of deps) {
      const l = byRegion.get(d.region) ?? [];
      l.push(d.code);
      byRegion.set(d.region, l);
    }
  }
  return byRegion.get(region) ?? [];
}

/**
 * A v0 `zone_diffusion` as v1 `zone_eligibilite`: a region becomes its départements, the country
 * `["france"]`, anything else its code.
 *
 * @example
 *   zoneEligibilite('region', '53') // ['22', '29', '35', '56']
 */
export function zoneEligibilite(type: unknown, code: unknown): string[] | null {
  const t = str(type);
  const c = str(code);
  if (t === 'pays') return ['france'];
  if (c === null) return null;
  if (t === 'region') {
    const deps = departementsOfRegion(c);
    return deps.length ? deps : [c];
  }
  return [c];
}

/**
 * A phone through `phone()`, with a warning when a non-empty raw value gives no usable number
 * (several numbers in one string, too short, not a number).
 *
 * @example
 *   telephone('02 99 00 11 22 / 06 12 34 56 78', ctx, where) // null, and a `telephone_unusable` warning
 */
export function telephone(value: unknown, ctx: ImportContext, where: Where): string | null {
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    const p = phone(v);
    if (p) return p;
  }
  const raw = values.map(str).filter(Boolean);
  if (raw.length) ctx.warn(where, 'telephone', 'telephone_unusable', 'telephone: no usable phone number', raw.join(' | '));
  return null;
}
