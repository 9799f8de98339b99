/**
 * A database per test file: the real PostgreSQL when DATABASE_URL is set, else an in-memory PGlite.
 * Each test gets its own store namespace (as pg-boss gives each test its own schema), dropped only
 * when the test passed so a failure can be inspected.
 */
import { createHash } from 'node:crypto';
import { openDb, Store, type Db } from '../../src/store/index.js';

export const usingPostgres = Boolean(process.env.DATABASE_URL);

export async function testDb(): Promise<Db> {
  return openDb(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { dataDir: 'memory://' });
}

/** `t_<sha1(file + test)>`: unique per test, stable across runs. */
export function namespaceFor(file: string, test: string): string {
  return `t_${createHash('sha1').update(`${file}\u0000${test}`).digest('hex').slice(0, 16)}`;
}

export async function freshStore(db: Db, file: string, test: string): Promise<Store> {
  const store = new Store(db, namespaceFor(file, test));
  await store.drop();
  return store;
}
