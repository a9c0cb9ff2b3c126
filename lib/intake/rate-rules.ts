/**
 * The public intake API's rate limits (per client address, per phone, per tracking code and
 * address), counted by lib/http/rate-store.server.ts.
 */
import type { RateRule } from '@/lib/http/rate-limit';

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
