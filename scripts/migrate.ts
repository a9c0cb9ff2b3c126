/**
 * npm run db:migrate — apply pending migrations to the database chosen by DATABASE_URL (server) or
 * SUQIU_DATA_DIR (embedded). The app also applies them itself at start; this is for deployments that
 * migrate before starting new instances. Never run it while the app holds the same PGlite folder.
 */
import { openDb } from '../db/client';

const t0 = performance.now();
const handle = await openDb();
console.log(
  `migrate: ${handle.engine} database ${handle.location} is up to date (${Math.round(performance.now() - t0)} ms)`,
);
await handle.close();
