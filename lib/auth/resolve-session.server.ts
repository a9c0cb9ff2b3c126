import 'server-only';
import type { DbOrTx } from '@/db/client';
import { deleteSession, getSession, touchSession } from '@/db/queries/sessions';
import { getUserWithBindings } from '@/db/queries/users';
import {
  hashSessionToken,
  isSessionExpired,
  isWellFormedToken,
  sessionExpiry,
  shouldTouchSession,
} from './session';
import { toAuthUser } from './to-auth-user';
import type { AuthUser } from './types';

/**
 * The user behind a cookie token at `now`, or null (no token, unknown, expired, user disabled).
 * Expired sessions are deleted; live ones slide their idle expiry forward.
 */
export async function resolveSession(
  db: DbOrTx,
  input: { token: string | undefined; now: Date },
): Promise<AuthUser | null> {
  if (!isWellFormedToken(input.token)) return null;
  const id = hashSessionToken(input.token);
  const session = await getSession(db, { id });
  if (!session) return null;
  if (isSessionExpired(session, input.now)) {
    await deleteSession(db, { id });
    return null;
  }
  const row = await getUserWithBindings(db, { id: session.userId });
  if (!row || row.disabledAt) return null;
  if (shouldTouchSession(session, input.now)) {
    await touchSession(db, {
      id,
      lastSeenAt: input.now,
      expiresAt: sessionExpiry(session.createdAt, input.now),
    });
  }
  return toAuthUser(row);
}
