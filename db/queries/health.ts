import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow } from '../sql';

/** Tables whose row counts the health check reports. */
export const COUNTED_TABLES = [
  'divisions',
  'grids',
  'buildings',
  'households',
  'persons',
  'facilities',
  'offices',
  'users',
  'categories',
  'complaints',
  'complaint_events',
  'ratings',
] as const;

export async function getHealth(db: DbOrTx) {
  const version = await queryRow<{ postgis: string; postgres: string }>(
    db,
    sql`select postgis_lib_version() as postgis, current_setting('server_version') as postgres`,
  );
  const counts = await queryRow<Record<(typeof COUNTED_TABLES)[number], number>>(
    db,
    sql.raw(`select ${COUNTED_TABLES.map((t) => `(select count(*)::int from ${t}) as ${t}`).join(', ')}`),
  );
  return {
    postgis: version?.postgis ?? 'unknown',
    postgres: version?.postgres ?? 'unknown',
    counts: counts ?? {},
  };
}
