import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** Browser tests: real Chromium against a running app (APP_URL). See .ci/run. */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['**/*.browser.test.ts'],
    exclude: ['node_modules/**', '.next/**'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
