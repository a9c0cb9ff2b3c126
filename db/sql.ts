import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './types';

/**
 * Run raw SQL and return its rows. Both drivers (node-postgres and PGlite) answer `execute` with
 * `{ rows }`; the shared `PgDatabase` type cannot say so, hence this one typed door.
 */
export async function queryRows<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** The first row, or undefined. */
export async function queryRow<T extends Record<string, unknown>>(
  db: DbOrTx,
  query: SQL,
): Promise<T | undefined> {
  return (await queryRows<T>(db, query))[0];
}

/** A node-postgres pool behind a server database: what `queryRowsPrepared` runs named statements on. */
interface NamedQueryPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}
const namedPools = new WeakMap<object, NamedQueryPool>();
const dialect = new PgDialect();
const names = new Map<string, string>();

/**
 * Called by `openServer` (db/client.ts): this database's hot statements may be prepared by name.
 * SUQIU_PREPARED_STATEMENTS=0 turns that off (behind a pooler in transaction mode that cannot keep
 * prepared statements, e.g. PgBouncer before 1.21).
 */
export function allowNamedStatements(db: object, pool: NamedQueryPool): void {
  if (process.env.SUQIU_PREPARED_STATEMENTS === '0') return;
  namedPools.set(db, pool);
}

/**
 * `queryRows` for a hot statement: on the server database it runs as a named prepared statement,
 * so each pooled connection parses it once and PostgreSQL may keep a generic plan instead of
 * planning it on every call (for intake's locating query, planning cost as much as running it).
 * The name carries a hash of the text, so an edited statement is never confused with the old one.
 * Inside a transaction, and on the embedded database, it is plain `queryRows`.
 */
export async function queryRowsPrepared<T extends Record<string, unknown>>(
  db: DbOrTx,
  name: string,
  query: SQL,
): Promise<T[]> {
  const pool = namedPools.get(db);
  if (!pool) return queryRows<T>(db, query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  let key = names.get(text);
  if (!key) {
    key = `${name}_${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
    names.set(text, key);
  }
  return (await pool.query({ name: key, text, values: params })).rows as T[];
}
