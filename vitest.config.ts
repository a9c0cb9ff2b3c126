import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      'server-only': path.resolve(import.meta.dirname, 'lib/testing/server-only-stub.ts'),
    },
  },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', '.next/**', '**/*.browser.test.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    // Only *.db.test.ts files may open a database (CI runs just those on PostgreSQL): see the file.
    setupFiles: ['./lib/testing/vitest-setup.ts'],
    // Each database test file boots its own PostGIS (PGlite in memory or a server database).
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
