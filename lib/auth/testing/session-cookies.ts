/**
 * Calling route handlers as a signed-in user in tests: a cookie jar that a mocked `next/headers`
 * reads, and real session rows to put in it. In a test file:
 *
 *   vi.mock('next/headers', async () => (await import('@/lib/auth/testing/session-cookies')).nextHeadersFromJar());
 *   cookieJar.cookie = `${SESSION_COOKIE}=${await openTestSession(db, user.id)}`;
 */
import type { DbOrTx } from '@/db/client';
import { insertSession } from '@/db/queries/sessions';
import { generateSessionToken, hashSessionToken } from '../session';

/** The Cookie header the mocked `cookies()` and `headers()` answer with: set it before each call. */
export const cookieJar = { cookie: '' };

function parseJar(): Map<string, string> {
  return new Map(
    cookieJar.cookie
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const),
  );
}

/** The `next/headers` module as route handlers see it, reading `cookieJar`. */
export function nextHeadersFromJar() {
  return {
    cookies: async () => ({
      get: (name: string) => {
        const value = parseJar().get(name);
        return value === undefined ? undefined : { name, value };
      },
      has: (name: string) => parseJar().has(name),
      getAll: () => [...parseJar()].map(([name, value]) => ({ name, value })),
    }),
    headers: async () => new Headers({ cookie: cookieJar.cookie }),
  };
}

/** A live session for a user, as login leaves it (one hour); returns the cookie token. */
export async function openTestSession(db: DbOrTx, userId: number, now = new Date()): Promise<string> {
  const token = generateSessionToken();
  await insertSession(db, {
    id: hashSessionToken(token),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
  });
  return token;
}
