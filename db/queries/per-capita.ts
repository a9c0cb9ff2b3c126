/**
 * Residents of the person registry (人到户: persons → households → buildings → grids → villages) and
 * complaints, per village and per grid of an area, for per-capita rates and silent areas
 * (lib/stats/silent-areas.ts). Complaints: ordinary ones (never misconduct reports) submitted in the
 * period, within the policy's `complaintScope` (passed in by the verb); residents are counts only, no personal data.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRows } from '../sql';

interface Params {
  /** The viewer's `complaintScope` (lib/auth/policy.ts). */
  complaintScope: SQL;
  /** The area (any level); villages whose lineage contains it. */
  areaCode: string;
  /** Inclusive days, 'YYYY-MM-DD', Asia/Shanghai. */
  from: string;
  to: string;
}

const VILLAGES_IN = (areaCode: string) => sql`(select v.code from divisions v
  left join divisions t on t.code = v.parent_code
  left join divisions c on c.code = t.parent_code
  left join divisions ci on ci.code = c.parent_code
  where v.level = 'village' and ${areaCode} in (v.code, t.code, c.code, ci.code))`;

const PERIOD = (p: Params) =>
  sql`complaints.submitted_at >= (${p.from}::date)::timestamp at time zone 'Asia/Shanghai'
      and complaints.submitted_at < (${p.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`;

export interface VillageCountRow extends Record<string, unknown> {
  code: string;
  name: string;
  town_code: string;
  town_name: string;
  county_code: string;
  county_name: string;
  ur_code: string | null;
  residents: number;
  complaints: number;
}

export function listVillageCounts(db: DbOrTx, p: Params) {
  return queryRows<VillageCountRow>(
    db,
    sql`with v as (${VILLAGES_IN(p.areaCode)}),
        res as (
          select g.village_code, count(pe.id)::int as residents
          from grids g join buildings b on b.grid_id = g.id join households h on h.building_id = b.id
          join persons pe on pe.household_id = h.id
          where g.village_code in (select code from v) group by 1
        ),
        cnt as (
          select complaints.village_code, count(*)::int as complaints from complaints
          where complaints.kind = 'complaint' and complaints.village_code in (select code from v)
            and ${PERIOD(p)} and ${p.complaintScope}
          group by 1
        )
        select d.code, d.name, t.code as town_code, t.name as town_name, c.code as county_code, c.name as county_name,
               d.ur_code, coalesce(res.residents, 0) as residents, coalesce(cnt.complaints, 0) as complaints
        from divisions d join divisions t on t.code = d.parent_code join divisions c on c.code = t.parent_code
        left join res on res.village_code = d.code left join cnt on cnt.village_code = d.code
        where d.code in (select code from v)
        order by d.code`,
  );
}

export interface GridCountRow extends Record<string, unknown> {
  id: number;
  code: string;
  name: string;
  village_code: string;
  residents: number;
  complaints: number;
}

export function listGridCounts(db: DbOrTx, p: Params) {
  return queryRows<GridCountRow>(
    db,
    sql`with v as (${VILLAGES_IN(p.areaCode)}),
        res as (
          select b.grid_id, count(pe.id)::int as residents
          from buildings b join households h on h.building_id = b.id join persons pe on pe.household_id = h.id
          join grids g on g.id = b.grid_id
          where g.village_code in (select code from v) group by 1
        ),
        cnt as (
          select complaints.grid_id, count(*)::int as complaints from complaints
          where complaints.kind = 'complaint' and complaints.village_code in (select code from v)
            and complaints.grid_id is not null and ${PERIOD(p)} and ${p.complaintScope}
          group by 1
        )
        select g.id, g.code, g.name, g.village_code, coalesce(res.residents, 0) as residents,
               coalesce(cnt.complaints, 0) as complaints
        from grids g left join res on res.grid_id = g.id left join cnt on cnt.grid_id = g.id
        where g.village_code in (select code from v)
        order by g.id`,
  );
}
