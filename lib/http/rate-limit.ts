/**
 * Rate limiting for any route (the public intake API, Open311, sign-in): a rule, the in-memory
 * sliding window used on the embedded database, and the 429 it answers. On the server database the
 * counts live in a shared table instead (rate-store.server.ts: one limit across all workers and
 * machines). Time is an argument, so the maths is testable. The intake API's rules: lib/intake/rate-rules.ts.
 */
import { AppError } from './errors';

export interface RateRule {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(private readonly maxKeys = 100_000) {}

  /** Count one hit for `key`; returns the milliseconds to wait when over the limit, else 0. */
  hit(key: string, rule: RateRule, now: number): number {
    this.sweep(now, rule.windowMs);
    const since = now - rule.windowMs;
    const list = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (list.length >= rule.limit) {
      this.hits.set(key, list);
      return list[0]! + rule.windowMs - now;
    }
    list.push(now);
    this.hits.set(key, list);
    return 0;
  }

  /** Whether `key` is over the limit, without counting a hit. */
  peek(key: string, rule: RateRule, now: number): number {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - rule.windowMs);
    return list.length >= rule.limit ? list[0]! + rule.windowMs - now : 0;
  }

  private sweep(now: number, windowMs: number): void {
    if (now - this.lastSweep < 60_000 && this.hits.size < this.maxKeys) return;
    this.lastSweep = now;
    for (const [key, list] of this.hits) {
      if (list.length === 0 || list[list.length - 1]! <= now - Math.max(windowMs, 3_600_000))
        this.hits.delete(key);
    }
    // Still too many keys (a flood of distinct addresses): forget the oldest half.
    if (this.hits.size >= this.maxKeys) {
      let drop = Math.floor(this.hits.size / 2);
      for (const key of this.hits.keys()) {
        if (drop-- <= 0) break;
        this.hits.delete(key);
      }
    }
  }
}

const globalForLimiter = globalThis as unknown as { __suqiuRateLimiter?: RateLimiter };

/** The process-wide limiter (one across `next dev` reloads). */
export function processLimiter(): RateLimiter {
  globalForLimiter.__suqiuRateLimiter ??= new RateLimiter();
  return globalForLimiter.__suqiuRateLimiter;
}

export function rateLimited(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError('RATE_LIMITED', `Too many requests; retry in ${seconds} s`, undefined, {
    'retry-after': String(seconds),
  });
}
