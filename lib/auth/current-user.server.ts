import 'server-only';
import { cookies } from 'next/headers';
import { cache } from 'react';
import { getDb } from '@/db/client';
import { AppError } from '@/lib/http/errors';
import { resolveSession } from './resolve-session.server';
import { SESSION_COOKIE } from './session';
import type { AuthUser } from './types';

/**
 * The signed-in user for this request (server components, route handlers, server actions), or
 * null. Memoised per request.
 */
export const getCurrentUser = cache(async (): Promise<AuthUser | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return resolveSession(await getDb(), { token, now: new Date() });
});

/** The signed-in user, or UNAUTHENTICATED. */
export async function requireCurrentUser(): Promise<AuthUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return user;
}
