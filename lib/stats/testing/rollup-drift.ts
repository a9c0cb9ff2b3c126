/**
 * For tests: the statistics rollups, monthly and daily (and the hot-spot bins) as the triggers keep
 * them, against the same rollups computed afresh from the complaints (the migrations' backfills).
 * Returns the differing rows (none when exact).
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { queryRows } from '@/db/sql';
import { hotspotBinsDrift } from '@/lib/hotspots/testing/hotspot-bins-drift';

const COLS = [
  'volume',
  'resolved',
  'on_time_num',
  'on_time_den',
  'no_deadline',
  'dispatch_num',
  'dispatch_den',
  'reply_num',
  'reply_den',
  'return_num',
  'return_den',
  'reopen_num',
  'reopen_den',
  'overdue',
  'handling_seconds',
  'rating_den',
  'rating_num',
  'letters_issued',
  'letters_answered',
  'checks_done',
  'checks_passed',
];

export async function rollupDrift(db: DbOrTx): Promise<Record<string, unknown>[]> {
  const cols = sql.raw(COLS.join(', '));
  const nonZero = sql.raw(COLS.map((c) => `${c} <> 0`).join(' or '));
  const fresh = sql.raw(
    COLS.map((c) => `sum(f.${c})${c === 'handling_seconds' ? '' : '::integer'} as ${c}`).join(', '),
  );
  const stats = await queryRows<Record<string, unknown>>(
    db,
    sql`with live as (
          select area_code, month, office_id, category, ${cols} from complaint_stats_rollups where ${nonZero}
        ), fresh as (
          select * from (
            select a.code as area_code, f.month, coalesce(c.responsible_office_id, 0) as office_id,
              coalesce(left(c.category_code, 2), '') as category, ${fresh}
            from complaints c
            cross join lateral complaint_stats_facts(c, true) f
            cross join lateral unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
            where c.kind = 'complaint'
            group by 1, 2, 3, 4
          ) x where ${nonZero}
        )
        (select 'trigger' as side, * from (select * from live except select * from fresh) d)
        union all
        (select 'fresh' as side, * from (select * from fresh except select * from live) d)
        limit 20`,
  );
  const durations = await queryRows<Record<string, unknown>>(
    db,
    sql`with live as (
          select area_code, month, hour, n, seconds from complaint_stats_durations where n <> 0 or seconds <> 0
        ), fresh as (
          select a.code as area_code, date_trunc('month', c.resolved_at at time zone 'Asia/Shanghai')::date as month,
            floor(extract(epoch from (c.resolved_at - c.submitted_at)) / 3600)::integer as hour, count(*)::integer as n,
            sum(extract(epoch from (c.resolved_at - c.submitted_at))) as seconds
          from complaints c
          cross join lateral unnest(complaint_stats_areas(c.county_code, c.town_code, c.village_code)) a(code)
          where c.kind = 'complaint' and c.resolved_at is not null
          group by 1, 2, 3
        )
        (select 'trigger' as side, * from (select * from live except select * from fresh) d)
        union all
        (select 'fresh' as side, * from (select * from fresh except select * from live) d)
        limit 20`,
  );
  // The daily tables: cities, counties and towns (no villages).
  const daily = await queryRows<Record<string, unknown>>(
    db,
    sql`with live as (
          select area_code, day, office_id, category, ${cols} from complaint_stats_daily where ${nonZero}
        ), fresh as (
          select * from (
            select a.code as area_code, f.day, coalesce(c.responsible_office_id, 0) as office_id,
              coalesce(left(c.category_code, 2), '') as category, ${fresh}
            from complaints c
            cross join lateral complaint_stats_day_facts(c, true) f
            cross join lateral unnest(complaint_stats_areas(c.county_code, c.town_code, null)) a(code)
            where c.kind = 'complaint'
            group by 1, 2, 3, 4
          ) x where ${nonZero}
        )
        (select 'trigger daily' as side, * from (select * from live except select * from fresh) d)
        union all
        (select 'fresh daily' as side, * from (select * from fresh except select * from live) d)
        limit 20`,
  );
  const dailyDurations = await queryRows<Record<string, unknown>>(
    db,
    sql`with live as (
          select area_code, day, hour, n, seconds from complaint_stats_daily_durations where n <> 0 or seconds <> 0
        ), fresh as (
          select a.code as area_code, (c.resolved_at at time zone 'Asia/Shanghai')::date as day,
            floor(extract(epoch from (c.resolved_at - c.submitted_at)) / 3600)::integer as hour, count(*)::integer as n,
            sum(extract(epoch from (c.resolved_at - c.submitted_at))) as seconds
          from complaints c
          cross join lateral unnest(complaint_stats_areas(c.county_code, c.town_code, null)) a(code)
          where c.kind = 'complaint' and c.resolved_at is not null
          group by 1, 2, 3
        )
        (select 'trigger daily' as side, * from (select * from live except select * from fresh) d)
        union all
        (select 'fresh daily' as side, * from (select * from fresh except select * from live) d)
        limit 20`,
  );
  return [...stats, ...durations, ...daily, ...dailyDurations, ...(await hotspotBinsDrift(db))];
}
