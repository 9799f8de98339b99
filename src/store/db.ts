/**
 * One database interface over a real PostgreSQL (pg) and the embedded PGlite: the same SQL runs on
 * both. Bulk loads use COPY on both: pg-copy-streams on PostgreSQL, an in-memory CSV blob on PGlite.
 */
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';
import { error } from '../error.js';

export interface Db {
  readonly kind: 'postgres' | 'pglite';
  /** A parameterised statement; returns the rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Bulk load: rows as arrays in `columns` order (arrays and objects become JSON / Postgres arrays by column type). */
  copyRows(table: string, columns: string[], rows: Iterable<unknown[]>): Promise<number>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… ; absent: the embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  /** PGlite folder (default `./.recoupe/pglite`); `memory://` for a throw-away database. */
  dataDir?: string;
  /** PostgreSQL: a search_path / schema prefix is not used; tables are schema-qualified. */
  max?: number;
}

/**
 * Opens the database named by `databaseUrl`, or the embedded PGlite.
 *
 * @example
 *   const db = await openDb({ databaseUrl: process.env.DATABASE_URL });
 *   await db.query('select 1 as one'); // [{ one: 1 }]
 */
export async function openDb(opts: OpenOptions = {}): Promise<Db> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.max ?? 4 });
    try {
      const c = await pool.connect();
      c.release();
    } catch (err) {
      await pool.end();
      throw error(`cannot connect to ${redact(opts.databaseUrl)}: ${(err as Error).message}`, err);
    }
    return new PostgresDb(pool);
  }
  const dir = opts.dataDir ?? '.recoupe/pglite';
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const db = new PGlite(dir);
  await db.waitReady;
  return new PgliteDb(db);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** A SQL literal for COPY text format / INSERT values. */
function encode(v: unknown): unknown {
  if (v === undefined) return null;
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) return JSON.stringify(v);
  return v;
}

class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  constructor(private readonly pool: pg.Pool | pg.PoolClient, private readonly inTx = false) {}

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.inTx) return fn(this);
    const client = await (this.pool as pg.Pool).connect();
    try {
      await client.query('BEGIN');
      const out = await fn(new PostgresDb(client, true));
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async copyRows(table: string, columns: string[], rows: Iterable<unknown[]>): Promise<number> {
    const client = this.inTx ? (this.pool as pg.PoolClient) : await (this.pool as pg.Pool).connect();
    let n = 0;
    try {
      const sql = `COPY ${table} (${columns.map(quoteIdent).join(', ')}) FROM STDIN WITH (FORMAT csv)`;
      const stream = client.query(copyStreams.from(sql));
      const lines = (function* () {
        for (const r of rows) {
          n++;
          yield csvLine(r);
        }
      })();
      await pipeline(Readable.from(lines), stream);
    } finally {
      if (!this.inTx) (client as pg.PoolClient).release();
    }
    return n;
  }

  async close(): Promise<void> {
    if (!this.inTx) await (this.pool as pg.Pool).end();
  }
}

/** One row as a line of COPY's CSV format (NULL is an unquoted empty field; '' is quoted). */
function csvLine(r: unknown[]): string {
  return `${r.map((v) => csvField(encode(v))).join(',')}\n`;
}

function csvField(v: unknown): string {
  if (v === null) return '';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}

export function quoteIdent(name: string): string {
  return name.split('.').map((p) => (/^[a-z_][a-z0-9_]*$/.test(p) ? p : `"${p.replace(/"/g, '""')}"`)).join('.');
}

class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  constructor(private readonly db: PGlite | Parameters<Parameters<PGlite['transaction']>[0]>[0], private readonly inTx = false) {}

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query<T>(sql, params)).rows;
  }

  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.inTx) return fn(this);
    return (this.db as PGlite).transaction((tx) => fn(new PgliteDb(tx, true)));
  }

  /** COPY from an in-memory CSV blob (PGlite's `/dev/blob`), in chunks that bound memory. */
  async copyRows(table: string, columns: string[], rows: Iterable<unknown[]>): Promise<number> {
    const sql = `COPY ${table} (${columns.map(quoteIdent).join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`;
    let lines: string[] = [];
    let bytes = 0;
    let n = 0;
    const flush = async () => {
      if (!lines.length) return;
      await this.db.query(sql, [], { blob: new Blob(lines) });
      lines = [];
      bytes = 0;
    };
    for (const r of rows) {
      const line = csvLine(r);
      lines.push(line);
      bytes += line.length;
      n++;
      if (bytes >= 32 * 1024 * 1024) await flush();
    }
    await flush();
    return n;
  }

  async close(): Promise<void> {
    if (!this.inTx) await (this.db as PGlite).close();
  }
}
