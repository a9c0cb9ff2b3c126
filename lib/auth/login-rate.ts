/**
 * Login throttling per client address, on top of the per-account lockout (lockout.ts): failed
 * sign-ins from one address (password spraying across many accounts) are counted in a sliding
 * window with the intake API's limiter (lib/http/rate-store.server.ts: shared by all workers on the server database); past the limit every attempt
 * from that address is answered 429 with Retry-After before any password is checked. Successful
 * sign-ins are not counted, so an office behind one NAT address is not locked out by its own staff.
 */
import type { RateRule } from '@/lib/http/rate-limit';
import { type RateStore, rateStore } from '@/lib/http/rate-store.server';

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
  store: RateStore = rateStore(),
): Promise<number> {
  return store.peek(key(address), LOGIN_FAILURES_PER_ADDRESS, now);
}

/** Count one failed sign-in from this address. */
export async function recordLoginFailure(
  address: string,
  now = Date.now(),
  store: RateStore = rateStore(),
): Promise<void> {
  await store.hit(key(address), LOGIN_FAILURES_PER_ADDRESS, now);
}
