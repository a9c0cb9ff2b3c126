import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { prepareTestTemplate, removeTestCities, TEST_RUN_KEY } from './db/testing/test-db';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await prepareTestTemplate();
  // This run's seeded test cities (createSeededTestDb) are named after it and removed when it ends.
  const run = randomBytes(4).toString('hex');
  project.provide(TEST_RUN_KEY, run);
  return () => removeTestCities(run);
}
