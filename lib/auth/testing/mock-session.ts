/**
 * Calling route handlers as a given user in tests, without cookies: the signed-in user is whatever
 * `session.user` holds (null: signed out, so `requireCurrentUser` answers UNAUTHENTICATED). In a test file:
 *
 *   vi.mock('next/server', async (original) => (await import('@/lib/auth/testing/mock-session')).nextServerOutsideRequest(original));
 *   vi.mock('@/lib/auth/current-user.server', async () => (await import('@/lib/auth/testing/mock-session')).currentUserFromSession());
 *   session.user = world.users.leader;
 *
 * (For real session rows read from a cookie, see session-cookies.ts.)
 */
import { AppError } from '@/lib/http/errors';
import type { AuthUser } from '../types';

/** The user the mocked current-user module answers with: set it before each call. */
export const session: { user: AuthUser | null } = { user: null };

/** The `@/lib/auth/current-user.server` module as route handlers see it, reading `session.user`. */
export function currentUserFromSession() {
  return {
    getCurrentUser: async () => session.user,
    requireCurrentUser: async () => {
      if (!session.user) throw new AppError('UNAUTHENTICATED', 'Sign in');
      return session.user;
    },
  };
}

/** `next/server` with `connection()` a no-op: route handlers call it, and it needs a Next.js request scope. */
export async function nextServerOutsideRequest(original: <T>() => Promise<T>) {
  return { ...(await original<typeof import('next/server')>()), connection: async () => {} };
}
