/**
 * The HMAC key of the expiring attachment links (`SUQIU_MEDIA_SECRET`, see signed-url.ts).
 *
 * - `npm run demo` keeps one beside the data folder (`<SUQIU_DATA_DIR>.media-secret`, mode 0600),
 *   created at the first start and read at every later one, so links survive restarts and a fresh
 *   demo shows its photos.
 * - A production start (`next start`, `npm start`, `npm run start:cluster`) without one refuses to
 *   start with `MEDIA_SECRET_MISSING` (instrumentation.ts) instead of failing every attachment link.
 * Node only (fs); no database. Plain JavaScript so that scripts/start-demo.mjs reads the same code.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Fewer characters than this is not a secret (32 random bytes in hex are 64). */
export const MEDIA_SECRET_MIN_LENGTH = 32;

export const MEDIA_SECRET_MISSING =
  'SUQIU_MEDIA_SECRET is not set (or shorter than 32 characters): attachment links cannot be signed. ' +
  'Set it to a long random value, e.g. `export SUQIU_MEDIA_SECRET=$(openssl rand -hex 32)`, the same on ' +
  'every server; `npm run demo` creates one for you beside its data folder.';

/** @param {Record<string, string | undefined>} env @returns {string | null} */
export function mediaSecretProblem(env = process.env) {
  const value = env.SUQIU_MEDIA_SECRET ?? '';
  return value.length >= MEDIA_SECRET_MIN_LENGTH ? null : MEDIA_SECRET_MISSING;
}

/** Where the demo keeps its secret: beside the data folder (as its `.lock`). */
/** @param {string} dataDir */
export function mediaSecretPath(dataDir) {
  return `${path.resolve(dataDir)}.media-secret`;
}

/** Read the secret kept beside `dataDir`, or create it (0600) the first time. */
/** @param {string} dataDir */
export function ensureMediaSecretFile(dataDir) {
  const file = mediaSecretPath(dataDir);
  try {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= MEDIA_SECRET_MIN_LENGTH) {
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      return { secret, created: false, file };
    }
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { secret, created: true, file };
}
