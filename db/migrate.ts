import path from 'node:path';
import type { DbHandle } from './types';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

/** Apply pending drizzle migrations with the engine's own migrator (drizzle-kit cannot load PostGIS into PGlite). */
export async function migrateDb(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (handle.engine === 'server') {
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    // biome-ignore lint/suspicious/noExplicitAny: the migrator is typed per driver; the handle is the shared PgDatabase.
    await migrate(handle.db as any, config);
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    await migrate(handle.db as any, config);
  }
}
