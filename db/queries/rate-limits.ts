/**
 * Rate-limit counters on the server database (table `rate_limit_counters`), shared by every worker
 * and machine. One statement counts a hit in the current window and reads the previous one
 * (`countRateHit`); `countRateHits` does the same for many hits at once (intake's concurrent
 * requests: lib/http/rate-store.server.ts).
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

export interface RateHit {
  key: string;
  window: number;
  windowMs: number;
}

/**
 * Count many hits in one statement, with the same counts as `countRateHit` called for each in
 * turn: the hits of one key and window are added together (one upsert per key and window, in key
 * order, so that two processes' statements never deadlock), and the k-th of them reads the count
 * before the statement plus k. The previous window is read as it stands after the statement (it
 * includes hits of this batch that fell in it).
 */
export async function countRateHits(db: DbOrTx, hits: readonly RateHit[]): Promise<WindowCounts[]> {
  if (hits.length === 0) return [];
  const groups = new Map<string, { key: string; window: number; windowMs: number; n: number }>();
  const slot = (key: string, window: number) => `${window}\u0000${key}`;
  const rank = hits.map((h) => {
    const id = slot(h.key, h.window);
    const g = groups.get(id) ?? { key: h.key, window: h.window, windowMs: h.windowMs, n: 0 };
    groups.set(id, g);
    return ++g.n;
  });
  const rows = [...groups.values()].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.window - b.window,
  );
  const counted = await queryRowsPrepared<{ key: string; window: number; hits: number; previous: number }>(
    db,
    'rate_limit_hits',
    sql`with v as (
          select * from unnest(${sql.param(rows.map((r) => r.key))}::text[],
            ${sql.param(rows.map((r) => r.window))}::bigint[], ${sql.param(rows.map((r) => r.n))}::int[],
            ${sql.param(rows.map((r) => new Date((r.window + 2) * r.windowMs).toISOString()))}::timestamptz[])
            with ordinality as t(key, "window", n, expires_at, o)),
        hit as (
          insert into rate_limit_counters (key, "window", hits, expires_at)
          select key, "window", n, expires_at from v order by o
          on conflict (key, "window") do update set hits = rate_limit_counters.hits + excluded.hits
          returning key, "window", hits)
        select hit.key, hit."window", hit.hits::int as hits,
          coalesce((select r.hits from rate_limit_counters r where r.key = hit.key and r."window" = hit."window" - 1), 0)::int
            as previous
        from hit`,
  );
  const after = new Map(counted.map((r) => [slot(r.key, Number(r.window)), r]));
  return hits.map((h, i) => {
    const g = groups.get(slot(h.key, h.window))!;
    const row = after.get(slot(h.key, h.window));
    const total = Number(row?.hits ?? g.n);
    // The previous window touched by this same statement: its count after it (the snapshot the
    // subquery reads predates the statement's own writes).
    const prev = after.get(slot(h.key, h.window - 1));
    return {
      current: total - g.n + rank[i]!,
      previous: prev ? Number(prev.hits) : Number(row?.previous ?? 0),
    };
  });
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
