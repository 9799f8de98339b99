/**
 * Survivorship: each field of the consolidated record chosen among the cluster's members by its
 * rule, with provenance (field → the member it came from).
 */
import { normaliseEmail, normalisePhone, registrableDomain, checkCoordinates } from '../../matching/normalise/index.js';
import type { FieldRule } from './config.js';
import { filled } from './quality.js';

export interface Member {
  id: string;
  source: string;
  record: Record<string, unknown>;
  /** `YYYY-MM-DD` or '' */
  dateMaj: string;
  quality: number;
  /** Source rank: lower wins ties. */
  priority: number;
  /** The member's coordinates are shared by many unrelated places: a commune centroid, not a geocoded address. */
  centroid?: boolean;
}

export interface Chosen {
  values: Record<string, unknown>;
  /** field → id of the member it came from; for `union` fields, every contributing member. */
  provenance: Record<string, string | string[]>;
}

export const ADDRESS_BLOCK = ['adresse', 'complement_adresse', 'code_postal', 'commune', 'code_insee'];
export const COORDINATES = ['latitude', 'longitude'];

type Cmp = (a: Member, b: Member) => number;
const byRecency: Cmp = (a, b) => (a.dateMaj < b.dateMaj ? 1 : a.dateMaj > b.dateMaj ? -1 : 0);
const byQuality: Cmp = (a, b) => b.quality - a.quality;
const byPriority: Cmp = (a, b) => a.priority - b.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const chain = (...cmps: Cmp[]): Cmp => (a, b) => {
  for (const c of cmps) {
    const r = c(a, b);
    if (r !== 0) return r;
  }
  return 0;
};

/**
 * How well formed a text value is: HTML loses, a sensible length wins, all capitals lose a little.
 *
 * @example
 *   textQuality('nom', 'CCAS DE RENNES') < textQuality('nom', 'CCAS de Rennes') // true
 */
export function textQuality(field: string, value: unknown): number {
  if (typeof value !== 'string') return 0;
  const t = value.trim();
  if (!t) return 0;
  let q = 1;
  if (/<\/?[a-z][^>]*>/i.test(t) || /&[a-z]+;/i.test(t)) q -= 0.6;
  const [lo, hi] = field === 'description' ? [50, 2000] : field === 'nom' ? [5, 100] : [3, 300];
  if (t.length < lo || t.length > hi) q -= 0.3;
  const letters = t.replace(/[^A-Za-zÀ-ÿ]/g, '');
  if (letters.length > 3 && letters === letters.toUpperCase()) q -= 0.2;
  return q;
}

/** The key under which two values count as the same (E.164 phone, lower-case email, domain). */
export function sameValueKey(field: string, value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  if (field === 'telephone') return normalisePhone(value) || value.trim();
  if (field === 'courriel') return normaliseEmail(value) || value.trim().toLowerCase();
  if (field === 'site_web') return registrableDomain(value) || value.trim().toLowerCase().replace(/\/+$/, '');
  if (field === 'siret') return value.replace(/\D/g, '');
  return value.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The normalised form published for a field chosen by frequency (E.164 phones, lower-case emails). */
function publishedForm(field: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (field === 'telephone') return normalisePhone(value) || value;
  if (field === 'courriel') return normaliseEmail(value) || value;
  return value;
}

function pickGrouped(field: string, cands: Member[], countSources: boolean): Member {
  const groups = new Map<string, Member[]>();
  for (const m of cands) {
    const k = sameValueKey(field, m.record[field]);
    const g = groups.get(k) ?? [];
    g.push(m);
    groups.set(k, g);
  }
  const weight = (g: Member[]) => (countSources ? new Set(g.map((m) => m.source)).size : g.length);
  const best = (g: Member[]) => [...g].sort(chain(byRecency, byQuality, byPriority))[0];
  let winner: Member[] | undefined;
  for (const g of groups.values()) {
    if (!winner) {
      winner = g;
      continue;
    }
    const d = weight(g) - weight(winner);
    if (d > 0 || (d === 0 && chain(countSources ? byQuality : byRecency, byRecency, byPriority)(best(g), best(winner)) < 0)) winner = g;
  }
  return best(winner!);
}

function decimals(x: number): number {
  const s = String(x);
  const i = s.indexOf('.');
  return i < 0 ? 0 : Math.min(6, s.length - i - 1);
}

/**
 * Chooses every field of the consolidated record.
 *
 * @example
 *   const { values, provenance } = chooseFields(members, { siret: 'confirmed', telephone: 'frequency' }, ['nom', 'siret', 'telephone']);
 */
export function chooseFields(members: Member[], rules: Record<string, FieldRule>, fields: readonly string[]): Chosen {
  const values: Record<string, unknown> = {};
  const provenance: Record<string, string | string[]> = {};
  const done = new Set<string>();
  const take = (field: string, m: Member | undefined, value?: unknown) => {
    done.add(field);
    if (!m) {
      values[field] = null;
      return;
    }
    values[field] = value === undefined ? m.record[field] ?? null : value;
    if (values[field] !== null) provenance[field] = m.id;
  };
  for (const field of fields) {
    if (done.has(field)) continue;
    if (ADDRESS_BLOCK.includes(field)) {
      const completeness = (m: Member) => ADDRESS_BLOCK.filter((f) => filled(m.record[f])).length;
      const cands = members.filter((m) => completeness(m) > 0);
      const m = [...cands].sort(chain((a, b) => completeness(b) - completeness(a), (a, b) => textQuality('adresse', b.record.adresse) - textQuality('adresse', a.record.adresse), byRecency, byPriority))[0];
      for (const f of ADDRESS_BLOCK) if (fields.includes(f)) take(f, m);
      continue;
    }
    if (COORDINATES.includes(field)) {
      const cands = members.filter((m) => checkCoordinates(Number(m.record.latitude), Number(m.record.longitude)) !== null);
      const precision = (m: Member) => Math.min(decimals(Number(m.record.latitude)), decimals(Number(m.record.longitude)), 5);
      const m = [...cands].sort(chain((a, b) => Number(a.centroid ?? false) - Number(b.centroid ?? false), (a, b) => precision(b) - precision(a), byRecency, byPriority))[0];
      for (const f of COORDINATES) if (fields.includes(f)) take(f, m);
      continue;
    }
    const rule = rules[field] ?? 'recency';
    const cands = members.filter((m) => filled(m.record[field]));
    if (cands.length === 0) {
      take(field, undefined);
      continue;
    }
    switch (rule) {
      case 'union': {
        const seen = new Set<string>();
        const out: unknown[] = [];
        const from: string[] = [];
        for (const m of [...cands].sort(byPriority)) {
          const list = Array.isArray(m.record[field]) ? (m.record[field] as unknown[]) : [m.record[field]];
          let added = false;
          for (const v of list) {
            const k = JSON.stringify(v);
            if (!seen.has(k)) {
              seen.add(k);
              out.push(v);
              added = true;
            }
          }
          if (added) from.push(m.id);
        }
        done.add(field);
        values[field] = out;
        provenance[field] = from;
        break;
      }
      case 'max': {
        const m = [...cands].sort((a, b) => (String(a.record[field]) < String(b.record[field]) ? 1 : String(a.record[field]) > String(b.record[field]) ? -1 : byPriority(a, b)))[0];
        take(field, m);
        break;
      }
      case 'confirmed':
        take(field, pickGrouped(field, cands, true));
        break;
      case 'frequency': {
        const m = pickGrouped(field, cands, false);
        take(field, m, publishedForm(field, m.record[field]));
        break;
      }
      case 'quality':
        take(field, [...cands].sort(chain((a, b) => textQuality(field, b.record[field]) - textQuality(field, a.record[field]), byRecency, byPriority))[0]);
        break;
      case 'priority':
        take(field, [...cands].sort(chain(byPriority, byRecency))[0]);
        break;
      case 'precision':
      case 'recency':
      default:
        take(field, [...cands].sort(chain(byRecency, byQuality, byPriority))[0]);
    }
  }
  return { values, provenance };
}
