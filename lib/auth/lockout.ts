/**
 * Login lockout, as pure functions of the stored counters and `now` (no clock inside).
 *
 * Rule: MAX_FAILED_LOGINS failures, each within FAILURE_WINDOW_MS of the one before, lock the
 * account for LOCKOUT_MS (failures further apart start the count again). While locked,
 * every attempt is refused without checking the password (even a correct one). When the lock
 * expires the counter starts again from zero; a successful login resets it.
 */

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
/** A failure older than this before the next one no longer counts. */
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

export interface LockoutCounters {
  failedLogins: number;
  lockedUntil: Date | null;
  lastFailedLoginAt: Date | null;
}

export type LockoutState = { locked: false } | { locked: true; until: Date; remainingMs: number };

export function lockoutState(counters: LockoutCounters, now: Date): LockoutState {
  const until = counters.lockedUntil;
  if (until && until.getTime() > now.getTime()) {
    return { locked: true, until, remainingMs: until.getTime() - now.getTime() };
  }
  return { locked: false };
}

/** The counters after one more failed attempt at `now`. */
export function afterFailedLogin(counters: LockoutCounters, now: Date): LockoutCounters {
  const expiredLock = counters.lockedUntil !== null && counters.lockedUntil.getTime() <= now.getTime();
  const stale =
    counters.lastFailedLoginAt !== null &&
    now.getTime() - counters.lastFailedLoginAt.getTime() > FAILURE_WINDOW_MS;
  const failures = (expiredLock || stale ? 0 : counters.failedLogins) + 1;
  if (failures >= MAX_FAILED_LOGINS) {
    return {
      failedLogins: failures,
      lockedUntil: new Date(now.getTime() + LOCKOUT_MS),
      lastFailedLoginAt: now,
    };
  }
  return {
    failedLogins: failures,
    lockedUntil: expiredLock ? null : counters.lockedUntil,
    lastFailedLoginAt: now,
  };
}

/** The counters after a successful login. */
export function afterSuccessfulLogin(): LockoutCounters {
  return { failedLogins: 0, lockedUntil: null, lastFailedLoginAt: null };
}

/** Whole minutes left, rounded up, for messages ("try again in 15 minutes"). */
export function remainingMinutes(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 60_000));
}
