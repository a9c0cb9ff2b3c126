/**
 * Runs before every test file (vitest.config.ts `setupFiles`). A file not named `*.db.test.ts` is
 * marked as one without a database: `openDb` and `createTestDb` then throw (db/client.ts), here and
 * in any process the file starts. CI runs only `*.db.test.ts` on the second engine (PostgreSQL), so
 * the name is what puts a database test there; lib/testing/db-test-names.test.ts checks the guard.
 */
import { expect } from 'vitest';

const file = expect.getState().testPath ?? '';
if (file.endsWith('.db.test.ts')) delete process.env.SUQIU_TEST_WITHOUT_DB;
else process.env.SUQIU_TEST_WITHOUT_DB = file || 'this test file';
