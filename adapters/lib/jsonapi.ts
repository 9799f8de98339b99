/**
 * Drupal JSON:API files: either one response `{data, included, links}` or the responses of a
 * crawl that followed `links.next`, saved as an array of pages. Yields the resources of `data`,
 * numbered by their position across pages, and the `included` resources by id (taxonomy terms).
 */
import type { AdapterEvent, Origin } from '../types.js';
import { allRows } from './read.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

export interface JsonApiFile {
  resources: { resource: Obj; origin: Origin }[];
  /** `included` resources by id. */
  included: Map<string, Obj>;
  errors: Extract<AdapterEvent, { kind: 'error' }>[];
}

const isPage = (row: Obj) => Array.isArray(row.data) && ('links' in row || 'jsonapi' in row || 'included' in row);

/**
 * @example
 *   const { resources, included } = await readJsonApi(dir, 'contacts.json', 'agefiph');
 */
export async function readJsonApi(dir: string, name: string, source: string): Promise<JsonApiFile> {
  const main = await allRows(dir, name, source);
  const included = new Map<string, Obj>();
  const resources: JsonApiFile['resources'] = [];
  const add = (list: unknown) => {
    if (Array.isArray(list)) for (const r of list) if (typeof obj(r).id === 'string') included.set(obj(r).id as string, obj(r));
  };
  if (main.rows.length && main.rows.every(({ row }) => isPage(row))) {
    // a crawl saved as pages: resources numbered across pages
    let n = 0;
    for (const { row, origin } of main.rows) {
      add(row.included);
      for (const r of row.data as unknown[]) resources.push({ resource: obj(r), origin: { file: origin.file, line: ++n } });
    }
  } else {
    for (const { row, origin } of main.rows) resources.push({ resource: row, origin });
    if (main.rows.length) {
      const inc = await allRows(dir, name, source, { arrayKey: 'included' });
      for (const { row } of inc.rows) add([row]);
    }
  }
  return { resources, included, errors: main.errors };
}

/** The `included` resource a to-one or to-many relationship points to, in order. */
export function related(resource: Obj, field: string, included: Map<string, Obj>): Obj[] {
  const data = obj(obj(resource.relationships)[field]).data;
  const refs = Array.isArray(data) ? data : data ? [data] : [];
  return refs.map((r) => included.get(String(obj(r).id))).filter((r): r is Obj => r !== undefined);
}

/** The ids a relationship points to (to tell "no relation" from "a relation not included"). */
export function relatedIds(resource: Obj, field: string): string[] {
  const data = obj(obj(resource.relationships)[field]).data;
  const refs = Array.isArray(data) ? data : data ? [data] : [];
  return refs.map((r) => String(obj(r).id));
}
