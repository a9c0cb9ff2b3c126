import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openDb } from '@/db/client';
import { createTestDb } from '@/db/testing/test-db';

// CI runs only *.db.test.ts on PostgreSQL (.ci/run): a file under another name must not reach a database.
describe('a test file not named *.db.test.ts', () => {
  it('is marked as one without a database', () => {
    expect(process.env.SUQIU_TEST_WITHOUT_DB).toMatch(/db-test-names\.test\.ts$/);
  });

  it('cannot open a test database or any other', async () => {
    await expect(createTestDb()).rejects.toThrow(
      /db-test-names\.test\.ts opens a database: name it \*\.db\.test\.ts/,
    );
    await expect(openDb({ dataDir: 'memory://' })).rejects.toThrow(/name it \*\.db\.test\.ts/);
    await expect(openDb({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(
      /name it \*\.db\.test\.ts/,
    );
  });

  it('passes the mark to the processes it starts', () => {
    const seen = execFileSync(
      process.execPath,
      ['-e', 'process.stdout.write(process.env.SUQIU_TEST_WITHOUT_DB ?? "")'],
      {
        encoding: 'utf8',
      },
    );
    expect(seen).toMatch(/db-test-names\.test\.ts$/);
  });
});
