/**
 * The store: migrations, the staging schema of a run, and its atomic publication.
 *
 * Everything lives under one namespace `ns` (default `recoupe`): bookkeeping in schema `ns`,
 * published data in `ns_pub`. A run builds `ns_stage`; `publish` swaps it in with one transaction
 * (the previous publication is kept as `ns_prev`), so readers never see half a run and a failed run
 * leaves the previous publication intact. Tests give each test its own namespace.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fromRoot } from '../paths.js';
import { UsageError } from '../error.js';
import type { Db } from './db.js';

export * from './db.js';

export interface PublishInfo {
  counts: unknown;
  histogram: unknown;
  duplicates: unknown;
  timings: unknown;
  model: unknown;
  staleSources: string[];
  idChanges: { old_id: string; new_id: string; kind: string }[];
  /** Tests only: throw inside the publishing transaction, after the swap. */
  failAfterSwap?: boolean;
}

/**
 * @example
 *   const store = new Store(await openDb(), 'recoupe');
 *   await store.migrate();
 *   const runId = await store.beginRun();
 *   await store.createStage();
 *   // … load STAGE tables with db.copyRows(`${store.stage}.structures`, …)
 *   await store.publish(runId, info);
 */
export class Store {
  readonly meta: string;
  readonly pub: string;
  readonly stage: string;
  readonly prev: string;

  constructor(readonly db: Db, readonly ns = 'recoupe') {
    if (!/^[a-z_][a-z0-9_]{0,40}$/.test(ns)) throw new UsageError(`store namespace must be a lower-case SQL identifier, got "${ns}"`);
    this.meta = ns;
    this.pub = `${ns}_pub`;
    this.stage = `${ns}_stage`;
    this.prev = `${ns}_prev`;
  }

  private sql(file: string, schema?: string): string {
    let text = readFileSync(fromRoot('src', 'store', file), 'utf8').replaceAll('{{meta}}', this.meta);
    if (schema) text = text.replaceAll('{{schema}}', schema);
    return text;
  }

  /** Applies the SQL migrations not applied yet, in file order. */
  async migrate(): Promise<string[]> {
    const m = this.meta;
    await this.db.exec(`CREATE SCHEMA IF NOT EXISTS ${m}; CREATE TABLE IF NOT EXISTS ${m}.migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await this.db.query<{ name: string }>(`SELECT name FROM ${m}.migrations`)).map((r) => r.name));
    const files = readdirSync(fromRoot('src', 'store', 'migrations')).filter((f) => f.endsWith('.sql')).sort();
    const applied: string[] = [];
    for (const f of files) {
      if (done.has(f)) continue;
      const sql = this.sql(`migrations/${f}`);
      await this.db.transaction(async (tx) => {
        await tx.exec(sql);
        await tx.query(`INSERT INTO ${m}.migrations (name) VALUES ($1) ON CONFLICT DO NOTHING`, [f]);
      });
      applied.push(f);
    }
    return applied;
  }

  async schemaExists(name: string, db: Db = this.db): Promise<boolean> {
    return (await db.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [name])).length > 0;
  }

  /** Drops and recreates the staging schema with the publication's tables. */
  async createStage(): Promise<void> {
    await this.db.exec(`DROP SCHEMA IF EXISTS ${this.stage} CASCADE; CREATE SCHEMA ${this.stage};\n${this.sql('publication.sql', this.stage)}`);
  }

  async beginRun(): Promise<number> {
    const [r] = await this.db.query<{ id: string }>(`INSERT INTO ${this.meta}.runs (status) VALUES ('running') RETURNING id`);
    return Number(r.id);
  }

  async failRun(runId: number, err: unknown): Promise<void> {
    await this.db.query(`UPDATE ${this.meta}.runs SET status = 'failed', ended_at = now(), error = $2 WHERE id = $1`, [runId, String((err as Error)?.message ?? err)]);
  }

  /** Source structure id → consolidated id, from the current publication (empty before the first). */
  async previousMembership(): Promise<Map<string, string>> {
    if (!(await this.schemaExists(this.pub))) return new Map();
    const rows = await this.db.query<{ structure_id: string; cluster_id: string }>(`SELECT structure_id, cluster_id FROM ${this.pub}.clusters`);
    return new Map(rows.map((r) => [r.structure_id, r.cluster_id]));
  }

  /** Every consolidated id ever published. */
  async usedIds(): Promise<Set<string>> {
    return new Set((await this.db.query<{ id: string }>(`SELECT id FROM ${this.meta}.id_registry`)).map((r) => r.id));
  }

  /** The last published rows of a source, as the producer said them, for a source whose import failed. */
  async lastGoodRows(source: string): Promise<{ structures: Record<string, unknown>[]; services: Record<string, unknown>[] }> {
    if (!(await this.schemaExists(this.pub))) return { structures: [], services: [] };
    const get = async (t: string) =>
      (await this.db.query<{ _raw: Record<string, unknown> }>(`SELECT _raw FROM ${this.pub}.${t} WHERE source = $1 ORDER BY id`, [source])).map((r) => r._raw);
    return { structures: await get('source_structures'), services: await get('source_services') };
  }

  /** The id of the run currently published, or undefined. */
  async publishedRun(): Promise<number | undefined> {
    if (!(await this.schemaExists(this.pub))) return undefined;
    const [r] = await this.db.query<{ run_id: string }>(`SELECT run_id FROM ${this.pub}.meta`);
    return r ? Number(r.run_id) : undefined;
  }

  /** Swaps the staging schema in, in one transaction, and records the run, the ids and their changes. */
  async publish(runId: number, info: PublishInfo): Promise<void> {
    const { meta, stage, pub, prev } = this;
    await this.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO ${stage}.meta (run_id) VALUES ($1)`, [runId]);
      for (const c of info.idChanges) {
        await tx.query(`INSERT INTO ${meta}.id_changes (run_id, old_id, new_id, kind) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [runId, c.old_id, c.new_id, c.kind]);
      }
      // the publication carries the whole id history, so a consumer can follow any id it ever saw
      await tx.exec(`INSERT INTO ${stage}.id_changes (old_id, new_id, kind) SELECT old_id, new_id, kind FROM ${meta}.id_changes ORDER BY run_id, old_id, new_id`);
      await tx.query(
        `INSERT INTO ${meta}.id_registry (id, first_run, last_run, status)
         SELECT id, $1, $1, 'active' FROM ${stage}.structures
         ON CONFLICT (id) DO UPDATE SET last_run = $1, status = 'active'`,
        [runId],
      );
      for (const kind of ['merge', 'split', 'retired']) {
        const ids = info.idChanges.filter((c) => c.kind === kind).map((c) => c.old_id);
        if (ids.length) {
          await tx.query(`UPDATE ${meta}.id_registry SET status = $1 WHERE id = ANY($2::text[]) AND id NOT IN (SELECT id FROM ${stage}.structures)`, [kind === 'merge' ? 'merged' : kind, ids]);
        }
      }
      await tx.exec(`DROP SCHEMA IF EXISTS ${prev} CASCADE`);
      if (await this.schemaExists(pub, tx)) await tx.exec(`ALTER SCHEMA ${pub} RENAME TO ${prev}`);
      await tx.exec(`ALTER SCHEMA ${stage} RENAME TO ${pub}`);
      if (info.failAfterSwap) throw new Error('publication failed (injected)');
      await tx.query(
        `UPDATE ${meta}.runs SET status = 'published', ended_at = now(), counts = $2, histogram = $3, duplicates = $4,
         timings = $5, model = $6, stale_sources = $7 WHERE id = $1`,
        [runId, JSON.stringify(info.counts), JSON.stringify(info.histogram), JSON.stringify(info.duplicates), JSON.stringify(info.timings), JSON.stringify(info.model ?? null), JSON.stringify(info.staleSources)],
      );
    });
  }

  /** Drops everything of this namespace (tests). */
  async drop(): Promise<void> {
    await this.db.exec([this.stage, this.pub, this.prev, this.meta].map((s) => `DROP SCHEMA IF EXISTS ${s} CASCADE;`).join('\n'));
  }
}
