/**
 * Rate-limit counters on the server database (table `rate_limit_counters`), shared by every worker
 * and machine. One statement per hit: count it in the current window and read the previous one.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRowsPrepared } from '../sql';

export interface WindowCounts {
  /** Hits in the current window (including this one, for `countRateHit`). */
  current: number;
  previous: number;
}

/** Count one hit for `key` in window `window` (each `windowMs` long) and read both windows. */
export async function countRateHit(
  db: DbOrTx,
  p: { key: string; window: number; windowMs: number },
): Promise<WindowCounts> {
  const expiresAt = new Date((p.window + 2) * p.windowMs).toISOString();
  const [row] = await queryRowsPrepared<{ current: number; previous: number }>(
    db,
    'rate_limit_hit',
    sql`with hit as (
          insert into rate_limit_counters (key, "window", hits, expires_at)
          values (${p.key}, ${p.window}, 1, ${expiresAt}::timestamptz)
          on conflict (key, "window") do update set hits = rate_limit_counters.hits + 1
          returning hits)
        select (select hits from hit)::int as current,
          coalesce((select hits from rate_limit_counters where key = ${p.key} and "window" = ${p.window - 1}), 0)::int
            as previous`,
  );
  return { current: Number(row?.current ?? 1), previous: Number(row?.previous ?? 0) };
}

/** Both windows' counts without counting a hit. */
export async function readRateCounts(db: DbOrTx, p: { key: string; window: number }): Promise<WindowCounts> {
  const row = await queryRow<{ current: number; previous: number }>(
    db,
    sql`select coalesce(sum(hits) filter (where "window" = ${p.window}), 0)::int as current,
          coalesce(sum(hits) filter (where "window" = ${p.window - 1}), 0)::int as previous
        from rate_limit_counters where key = ${p.key} and "window" in (${p.window}, ${p.window - 1})`,
  );
  return { current: Number(row?.current ?? 0), previous: Number(row?.previous ?? 0) };
}

/** Forget windows that no longer count. */
export async function deleteExpiredRateCounts(db: DbOrTx, now: Date): Promise<void> {
  await db.execute(sql`delete from rate_limit_counters where expires_at < ${now.toISOString()}::timestamptz`);
}

/** A lock on `key` until `until` (window -1 marks a lock row; a later lock extends it). */
export async function upsertRateLock(db: DbOrTx, p: { key: string; until: Date }): Promise<void> {
  await db.execute(sql`insert into rate_limit_counters (key, "window", hits, expires_at)
      values (${p.key}, -1, 1, ${p.until.toISOString()}::timestamptz)
      on conflict (key, "window") do update set expires_at = greatest(rate_limit_counters.expires_at, excluded.expires_at)`);
}

/** When the lock on `key` ends, or null when there is none. */
export async function getRateLock(db: DbOrTx, key: string): Promise<Date | null> {
  const row = await queryRow<{ until: string | Date }>(
    db,
    sql`select expires_at as until from rate_limit_counters where key = ${key} and "window" = -1`,
  );
  return row ? new Date(row.until) : null;
}
