import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './client';

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
