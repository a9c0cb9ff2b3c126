import 'server-only';
/**
 * Where the rate limits count (rate-limit.ts has the rules and the in-memory sliding window).
 *
 * - Server database (`DATABASE_URL`): the table `rate_limit_counters`, shared by every worker of
 *   `npm run start:cluster` and every machine on the database, so a limit is one limit however
 *   many processes answer. A sliding-window counter: hits per fixed window, the previous window
 *   weighted by the part of it still inside the sliding window. Hits that arrive while a count is
 *   in flight are counted together in the next statement (`countRateHits`: one upsert per key and
 *   window, the same counts as one statement per hit), so a busy process sends one statement per
 *   group of requests, not one per request, and the limit still holds across processes.
 * - Embedded database: this process's memory (PGlite allows one process per data folder).
 * `SUQIU_RATE_STORE=memory|database` overrides the choice.
 */
import type { Db, DbOrTx } from '@/db/client';
import { getDb } from '@/db/client';
import {
  countRateHits,
  deleteExpiredRateCounts,
  getRateLock,
  type RateHit,
  readRateCounts,
  upsertRateLock,
  type WindowCounts,
} from '@/db/queries/rate-limits';
import { processLimiter, type RateLimiter, type RateRule, rateLimited } from './rate-limit';

export interface RateStore {
  /** Count one hit for `key`; the milliseconds to wait when over the limit, else 0. */
  hit(key: string, rule: RateRule, now: number): Promise<number>;
  /** Whether `key` is at its limit, without counting a hit. */
  peek(key: string, rule: RateRule, now: number): Promise<number>;
  /** Lock `key` until `until` (ms); `lockedFor` tells the milliseconds left, exactly. */
  lock(key: string, until: number): Promise<void>;
  lockedFor(key: string, now: number): Promise<number>;
}

export class MemoryRateStore implements RateStore {
  constructor(readonly limiter: RateLimiter = processLimiter()) {}
  async hit(key: string, rule: RateRule, now: number) {
    return this.limiter.hit(key, rule, now);
  }
  async peek(key: string, rule: RateRule, now: number) {
    return this.limiter.peek(key, rule, now);
  }
  private readonly locks = new Map<string, number>();
  async lock(key: string, until: number) {
    if (this.locks.size > 100_000) this.locks.clear();
    this.locks.set(key, Math.max(until, this.locks.get(key) ?? 0));
  }
  async lockedFor(key: string, now: number) {
    return Math.max(0, (this.locks.get(key) ?? 0) - now);
  }
}

/** The sliding-window estimate from two fixed windows, and the wait until it is back under `limit`. */
export function slidingWindow(
  counts: { current: number; previous: number },
  rule: RateRule,
  now: number,
): { estimate: number; waitMs: (limit: number) => number } {
  const start = Math.floor(now / rule.windowMs) * rule.windowMs;
  const elapsed = (now - start) / rule.windowMs;
  const estimate = counts.previous * (1 - elapsed) + counts.current;
  return {
    estimate,
    waitMs: (limit) => {
      if (counts.current >= limit || counts.previous === 0) return start + rule.windowMs - now;
      const until = 1 - (limit - counts.current) / counts.previous;
      return Math.max(1, Math.ceil((until - elapsed) * rule.windowMs));
    },
  };
}

let lastSweep = 0;

/** Most hits counted by one statement. */
const MAX_HITS_PER_STATEMENT = 512;

interface PendingHit {
  hit: RateHit;
  resolve: (c: WindowCounts) => void;
  reject: (e: unknown) => void;
}

/**
 * Group counting of rate-limit hits for one database: a hit that arrives while no count is in
 * flight is counted at once, alone; hits that arrive meanwhile are counted together by the next
 * statement. Each caller gets the counts it would have got from a statement of its own.
 */
class RateHitBatcher {
  private readonly queue: PendingHit[] = [];
  private busy = false;

  constructor(private readonly db: DbOrTx) {}

  count(hit: RateHit): Promise<WindowCounts> {
    return new Promise((resolve, reject) => {
      this.queue.push({ hit, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.busy || this.queue.length === 0) return;
    const batch = this.queue.splice(0, MAX_HITS_PER_STATEMENT);
    this.busy = true;
    countRateHits(
      this.db,
      batch.map((p) => p.hit),
    )
      .then(
        (counts) => {
          for (const [i, p] of batch.entries()) p.resolve(counts[i]!);
        },
        (error) => {
          for (const p of batch) p.reject(error);
        },
      )
      .finally(() => {
        this.busy = false;
        this.pump();
      });
  }
}

const batchers = new WeakMap<object, RateHitBatcher>();

function countHit(db: DbOrTx, hit: RateHit): Promise<WindowCounts> {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new RateHitBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher.count(hit);
}

export class DatabaseRateStore implements RateStore {
  constructor(private readonly db: () => Promise<DbOrTx> = getDb) {}

  async hit(key: string, rule: RateRule, now: number) {
    const db = await this.db();
    const window = Math.floor(now / rule.windowMs);
    const counts = await countHit(db, { key: `${rule.windowMs}:${key}`, window, windowMs: rule.windowMs });
    if (now - lastSweep > 60_000) {
      lastSweep = now;
      void deleteExpiredRateCounts(db, new Date(now)).catch(() => {});
    }
    const w = slidingWindow(counts, rule, now);
    // This hit is counted: allowed while the estimate stays within the limit.
    return w.estimate <= rule.limit ? 0 : w.waitMs(rule.limit);
  }

  async peek(key: string, rule: RateRule, now: number) {
    const window = Math.floor(now / rule.windowMs);
    const counts = await readRateCounts(await this.db(), { key: `${rule.windowMs}:${key}`, window });
    const w = slidingWindow(counts, rule, now);
    return w.estimate >= rule.limit ? w.waitMs(rule.limit) : 0;
  }

  async lock(key: string, until: number) {
    await upsertRateLock(await this.db(), { key: `lock:${key}`, until: new Date(until) });
  }

  async lockedFor(key: string, now: number) {
    const until = await getRateLock(await this.db(), `lock:${key}`);
    return until ? Math.max(0, until.getTime() - now) : 0;
  }
}

const globalForStore = globalThis as unknown as { __suqiuRateStore?: RateStore };

const databaseCounts = () =>
  (process.env.SUQIU_RATE_STORE ?? (process.env.DATABASE_URL ? 'database' : 'memory')) === 'database';

/**
 * The store: the database's table on the server engine, memory on the embedded one. `db` (never a
 * transaction: a refused request rolls back, its count must stay) names the database to count
 * in; by default the process's.
 */
export function rateStore(db?: Db): RateStore {
  if (db && databaseCounts()) return new DatabaseRateStore(async () => db);
  if (!globalForStore.__suqiuRateStore) {
    globalForStore.__suqiuRateStore = databaseCounts() ? new DatabaseRateStore() : new MemoryRateStore();
  }
  return globalForStore.__suqiuRateStore;
}

/** Count a hit and throw RATE_LIMITED (429 with Retry-After) when over the limit. */
export async function enforceRate(
  key: string,
  rule: RateRule,
  now = Date.now(),
  store: RateStore = rateStore(),
): Promise<void> {
  const waitMs = await store.hit(key, rule, now);
  if (waitMs > 0) throw rateLimited(waitMs);
}

/** Throw RATE_LIMITED when `key` is at its limit, without counting. */
export async function assertUnderRate(
  key: string,
  rule: RateRule,
  now = Date.now(),
  store: RateStore = rateStore(),
): Promise<void> {
  const waitMs = await store.peek(key, rule, now);
  if (waitMs > 0) throw rateLimited(waitMs);
}
