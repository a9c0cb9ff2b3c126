import { defineConfig } from 'drizzle-kit';

// Used only for `drizzle-kit generate`: migrations are applied in code at start (db/migrate.ts)
// because drizzle-kit opens PGlite without PostGIS.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  extensionsFilters: ['postgis'],
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/suqiu' },
});
