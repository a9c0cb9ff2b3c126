/**
 * The database's types, apart from the client (db/client.ts re-exports them), so that what the
 * client loads on demand (migrate.ts, sql.ts) can name them without importing the client back.
 */
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DbOrTx = Db | Tx;
export type Engine = 'embedded' | 'server';

export interface DbHandle {
  db: Db;
  engine: Engine;
  /** A human label for logs: the data folder or the server host/database (never the password). */
  location: string;
  close(): Promise<void>;
}
