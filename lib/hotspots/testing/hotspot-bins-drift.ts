/**
 * For tests: the hot-spot bins and cells as the triggers keep them, against the same counted afresh
 * from the complaints (the migrations' backfill). Returns the differing rows (none when exact).
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { queryRows } from '@/db/sql';

export async function hotspotBinsDrift(db: DbOrTx): Promise<Record<string, unknown>[]> {
  return queryRows<Record<string, unknown>>(
    db,
    sql`with live as (
          select month, village_code, town_code, county_code, cx, cy, category_code, status::text as status, sum(n)::int as n
          from complaint_hotspot_bins group by 1, 2, 3, 4, 5, 6, 7, 8 having sum(n) <> 0
        ), fresh as (
          select date_trunc('month', submitted_at at time zone 'Asia/Shanghai')::date as month,
            coalesce(village_code, '') as village_code, coalesce(town_code, '') as town_code,
            coalesce(county_code, '') as county_code, floor(ST_X(location_m) / 250::float8)::int as cx,
            floor(ST_Y(location_m) / 250::float8)::int as cy, coalesce(category_code, '') as category_code,
            status::text as status, count(*)::int as n
          from complaints where kind = 'complaint' group by 1, 2, 3, 4, 5, 6, 7, 8
        )
        (select 'trigger' as side, * from (select * from live except select * from fresh) d)
        union all
        (select 'fresh' as side, * from (select * from fresh except select * from live) d)
        union all
        (select 'cells: trigger' as side, month, village_code, town_code, county_code, cx, cy, '' as category_code, '' as status, n
           from (select month, village_code, town_code, county_code, cx, cy, sum(n)::int as n
                 from complaint_hotspot_cells group by 1, 2, 3, 4, 5, 6 having sum(n) <> 0
                 except
                 select month, village_code, town_code, county_code, cx, cy, sum(n)::int from fresh group by 1, 2, 3, 4, 5, 6) d)
        union all
        (select 'cells: fresh' as side, month, village_code, town_code, county_code, cx, cy, '' as category_code, '' as status, n
           from (select month, village_code, town_code, county_code, cx, cy, sum(n)::int as n from fresh group by 1, 2, 3, 4, 5, 6
                 except
                 select month, village_code, town_code, county_code, cx, cy, sum(n)::int
                 from complaint_hotspot_cells group by 1, 2, 3, 4, 5, 6 having sum(n) <> 0) d)
        limit 20`,
  );
}
