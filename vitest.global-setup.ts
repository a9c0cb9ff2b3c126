import { prepareTestTemplate } from './db/testing/test-db';

export default async function setup(): Promise<void> {
  await prepareTestTemplate();
}
