/**
 * Rate limits for the public intake API and sign-in (per client address, per phone, per tracking
 * code and address): the rules, and the in-memory sliding window used on the embedded database.
 * On the server database the counts live in a shared table instead (rate-store.server.ts: one
 * limit across all workers and machines). Time is an argument, so the maths is testable.
 */
import { AppError } from '@/lib/http/errors';

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

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

/** Defaults; each can be raised by an environment variable (e.g. for a load test). */
export const INTAKE_RATE_RULES = {
  submitPerAddress: { limit: num('SUQIU_RATE_SUBMIT_PER_ADDRESS', 30), windowMs: 10 * 60_000 },
  submitPerPhone: { limit: num('SUQIU_RATE_SUBMIT_PER_PHONE', 10), windowMs: 60 * 60_000 },
  uploadPerAddress: { limit: num('SUQIU_RATE_UPLOAD_PER_ADDRESS', 120), windowMs: 10 * 60_000 },
  trackPerAddress: { limit: num('SUQIU_RATE_TRACK_PER_ADDRESS', 60), windowMs: 10 * 60_000 },
  /** Open311's public reads (lists, one request): their own budget, not the tracking one. */
  open311ReadPerAddress: { limit: num('SUQIU_RATE_OPEN311_PER_ADDRESS', 300), windowMs: 10 * 60_000 },
  /** The report form's helpers (debounced while typing): building search and category suggestion. */
  searchPerAddress: { limit: num('SUQIU_RATE_SEARCH_PER_ADDRESS', 120), windowMs: 10 * 60_000 },
  suggestPerAddress: { limit: num('SUQIU_RATE_SUGGEST_PER_ADDRESS', 1200), windowMs: 10 * 60_000 },
  /** Misses (unknown code or wrong digits) for one code from one address: 10 per hour, then 429 there. */
  trackFailuresPerCode: { limit: 10, windowMs: 60 * 60_000 },
} satisfies Record<string, RateRule>;

const globalForLimiter = globalThis as unknown as { __suqiuIntakeLimiter?: RateLimiter };

/** The process-wide limiter (one across `next dev` reloads). */
export function intakeLimiter(): RateLimiter {
  globalForLimiter.__suqiuIntakeLimiter ??= new RateLimiter();
  return globalForLimiter.__suqiuIntakeLimiter;
}

export function rateLimited(waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError('RATE_LIMITED', `Too many requests; retry in ${seconds} s`, undefined, {
    'retry-after': String(seconds),
  });
}
