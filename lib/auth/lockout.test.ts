import { describe, expect, it } from 'vitest';
import {
  afterFailedLogin,
  afterSuccessfulLogin,
  FAILURE_WINDOW_MS,
  LOCKOUT_MS,
  type LockoutCounters,
  lockoutState,
  MAX_FAILED_LOGINS,
  remainingMinutes,
} from './lockout';

const t0 = new Date('2026-03-01T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

function fail(
  times: number,
  from: LockoutCounters = { failedLogins: 0, lockedUntil: null, lastFailedLoginAt: null },
) {
  let c = from;
  for (let i = 0; i < times; i++) c = afterFailedLogin(c, at(i * 1000));
  return c;
}

describe('login lockout', () => {
  it('counts failures without locking below the limit', () => {
    const c = fail(MAX_FAILED_LOGINS - 1);
    expect(c.failedLogins).toBe(MAX_FAILED_LOGINS - 1);
    expect(lockoutState(c, at(10_000))).toEqual({ locked: false });
  });

  it(`locks for 15 minutes on failure number ${MAX_FAILED_LOGINS}`, () => {
    const c = fail(MAX_FAILED_LOGINS);
    const lastFailure = at((MAX_FAILED_LOGINS - 1) * 1000);
    expect(c.lockedUntil?.getTime()).toBe(lastFailure.getTime() + LOCKOUT_MS);
    const state = lockoutState(c, lastFailure);
    expect(state.locked).toBe(true);
    if (state.locked) {
      expect(state.remainingMs).toBe(LOCKOUT_MS);
      expect(remainingMinutes(state.remainingMs)).toBe(15);
    }
    const later = lockoutState(c, new Date(lastFailure.getTime() + 10 * 60_000 + 1));
    expect(later.locked && remainingMinutes(later.remainingMs)).toBe(5);
  });

  it('unlocks when the window has passed, and counts afresh', () => {
    const locked = fail(MAX_FAILED_LOGINS);
    const until = locked.lockedUntil!;
    expect(lockoutState(locked, new Date(until.getTime() - 1)).locked).toBe(true);
    expect(lockoutState(locked, until)).toEqual({ locked: false });
    const next = afterFailedLogin(locked, new Date(until.getTime() + 1));
    expect(next).toEqual({
      failedLogins: 1,
      lockedUntil: null,
      lastFailedLoginAt: new Date(until.getTime() + 1),
    });
  });

  it('resets after a successful login', () => {
    expect(afterSuccessfulLogin()).toEqual({ failedLogins: 0, lockedUntil: null, lastFailedLoginAt: null });
  });

  it('forgets failures spread out beyond the window', () => {
    let c: LockoutCounters = { failedLogins: 0, lockedUntil: null, lastFailedLoginAt: null };
    for (let i = 0; i < MAX_FAILED_LOGINS * 2; i++) c = afterFailedLogin(c, at(i * (FAILURE_WINDOW_MS + 1)));
    expect(c.failedLogins).toBe(1);
    expect(lockoutState(c, at(MAX_FAILED_LOGINS * 2 * (FAILURE_WINDOW_MS + 1))).locked).toBe(false);
  });

  it('rounds the remaining time up to whole minutes, at least 1', () => {
    expect(remainingMinutes(1)).toBe(1);
    expect(remainingMinutes(60_001)).toBe(2);
  });
});
