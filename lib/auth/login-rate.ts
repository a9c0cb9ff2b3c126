/**
 * Login throttling per client address, on top of the per-account lockout (lockout.ts): failed
 * sign-ins from one address (password spraying across many accounts) are counted in a sliding
 * window with the intake API's limiter (lib/intake/rate-limit.ts); past the limit every attempt
 * from that address is answered 429 with Retry-After before any password is checked. Successful
 * sign-ins are not counted, so an office behind one NAT address is not locked out by its own staff.
 */
import { intakeLimiter, type RateLimiter, type RateRule } from '@/lib/intake/rate-limit';

const configured = Number(process.env.SUQIU_RATE_LOGIN_PER_ADDRESS);

export const LOGIN_FAILURES_PER_ADDRESS: RateRule = {
  limit: Number.isFinite(configured) && configured > 0 ? configured : 20,
  windowMs: 15 * 60_000,
};

const key = (address: string) => `login-fail:${address}`;

/** Milliseconds until this address may try again (0: go ahead). */
export function loginWaitMs(
  address: string,
  now = Date.now(),
  limiter: RateLimiter = intakeLimiter(),
): number {
  return limiter.peek(key(address), LOGIN_FAILURES_PER_ADDRESS, now);
}

/** Count one failed sign-in from this address. */
export function recordLoginFailure(
  address: string,
  now = Date.now(),
  limiter: RateLimiter = intakeLimiter(),
): void {
  limiter.hit(key(address), LOGIN_FAILURES_PER_ADDRESS, now);
}
