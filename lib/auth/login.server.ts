import 'server-only';
import type { Db } from '@/db/client';
import { insertSession } from '@/db/queries/sessions';
import {
  getUserForLogin,
  getUserWithBindings,
  recordSuccessfulLogin,
  updateLoginCounters,
} from '@/db/queries/users';
import { AUDIT, type AuditAction } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { AppError } from '@/lib/http/errors';
import type { RateRule } from '@/lib/http/rate-limit';
import { rateStore } from '@/lib/http/rate-store.server';
import { afterFailedLogin, FAILURE_WINDOW_MS, LOCKOUT_MS, lockoutState, MAX_FAILED_LOGINS } from './lockout';
import { hashPassword, passwordNeedsRehash, verifyDummyPassword, verifyPassword } from './password';
import { generateSessionToken, hashSessionToken, sessionExpiry } from './session';
import { toAuthUser } from './to-auth-user';
import type { AuthUser } from './types';

export interface LoginInput {
  username: string;
  password: string;
  now: Date;
  ip?: string | null;
  userAgent?: string | null;
}

export interface LoginResult {
  user: AuthUser;
  /** The raw token for the cookie; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

/** The one message for an unknown user, a disabled user and a wrong password. */
export const INVALID_CREDENTIALS = 'Invalid username or password';

export function invalidCredentials(): AppError {
  return new AppError('UNAUTHENTICATED', INVALID_CREDENTIALS);
}

/** Locked: RATE_LIMITED with Retry-After (seconds), from which the route builds the message. */
export function accountLocked(remainingMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(remainingMs / 1000));
  return new AppError(
    'RATE_LIMITED',
    `Account locked; try again in ${Math.ceil(seconds / 60)} min`,
    undefined,
    {
      'retry-after': String(seconds),
    },
  );
}

type Outcome = { ok: true; userId: number } | { ok: false; error: AppError };

/**
 * A name with no usable account locks like a real one (MAX_FAILED_LOGINS failures, then 429 for
 * about LOCKOUT_MS), so that the answers do not tell which usernames exist. Counted in the rate
 * store (shared by all workers on the server database).
 */
const UNKNOWN_NAME_RULE: RateRule = {
  limit: MAX_FAILED_LOGINS,
  windowMs: Math.max(LOCKOUT_MS, FAILURE_WINDOW_MS),
};
const unknownNameKey = (username: string) => `login-name:${username.trim().toLowerCase().slice(0, 64)}`;

/**
 * Check a username and password and open a session.
 *
 * Unknown users, disabled users and wrong passwords get the same UNAUTHENTICATED error, and an
 * unknown user still costs one argon2 verification. MAX_FAILED_LOGINS failures lock the account
 * (RATE_LIMITED with Retry-After). The user row is locked for the check so that concurrent
 * attempts count one by one. A hash made with old parameters is upgraded on success.
 */
export async function login(db: Db, input: LoginInput): Promise<LoginResult> {
  const { now } = input;
  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    const audit = (action: AuditAction, userId: number | null, data: Record<string, unknown>) =>
      writeAudit(tx, {
        actorUserId: userId,
        action,
        targetType: 'user',
        targetId: userId,
        // The name typed, for failures (bounded): an unknown name is evidence of guessing.
        data: { username: input.username.slice(0, 64), ...data },
        ip: input.ip ?? null,
        at: now,
      });
    const row = await getUserForLogin(tx, { username: input.username, lock: true });
    if (!row || row.disabledAt) {
      const store = rateStore(db);
      const key = unknownNameKey(input.username);
      const reason = row ? 'disabled' : 'unknown_user';
      const lockedMs = await store.lockedFor(key, now.getTime());
      if (lockedMs > 0) {
        await audit(AUDIT.authLoginFailed, row?.id ?? null, { reason, locked: true });
        return { ok: false, error: accountLocked(lockedMs) };
      }
      await verifyDummyPassword(input.password);
      await audit(AUDIT.authLoginFailed, row?.id ?? null, { reason });
      // Counted as a real account's failures are (lockout.ts): within the window, then a lock.
      const wait = await store.hit(key, UNKNOWN_NAME_RULE, now.getTime());
      if (wait > 0 || (await store.peek(key, UNKNOWN_NAME_RULE, now.getTime())) > 0) {
        await store.lock(key, now.getTime() + LOCKOUT_MS);
        return { ok: false, error: accountLocked(LOCKOUT_MS) };
      }
      return { ok: false, error: invalidCredentials() };
    }
    const state = lockoutState(row, now);
    if (state.locked) {
      await audit(AUDIT.authLoginFailed, row.id, { reason: 'locked' });
      return { ok: false, error: accountLocked(state.remainingMs) };
    }

    if (!(await verifyPassword(row.passwordHash, input.password))) {
      const next = afterFailedLogin(row, now);
      await updateLoginCounters(tx, { id: row.id, ...next });
      const after = lockoutState(next, now);
      await audit(AUDIT.authLoginFailed, row.id, { reason: 'wrong_password', failures: next.failedLogins });
      if (after.locked) await audit(AUDIT.authLockout, row.id, { until: next.lockedUntil });
      return { ok: false, error: after.locked ? accountLocked(after.remainingMs) : invalidCredentials() };
    }

    const newPasswordHash = passwordNeedsRehash(row.passwordHash)
      ? await hashPassword(input.password)
      : undefined;
    await recordSuccessfulLogin(tx, { id: row.id, now, newPasswordHash });
    await audit(AUDIT.authLogin, row.id, {});
    return { ok: true, userId: row.id };
  });
  if (!outcome.ok) throw outcome.error;

  const userRow = await getUserWithBindings(db, { id: outcome.userId });
  if (!userRow) throw invalidCredentials();
  const token = generateSessionToken();
  const expiresAt = sessionExpiry(now, now);
  await insertSession(db, {
    id: hashSessionToken(token),
    userId: outcome.userId,
    createdAt: now,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 400),
  });
  return { user: toAuthUser(userRow), token, expiresAt };
}
