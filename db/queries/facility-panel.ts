/**
 * What the map's facility panel reads: one facility (inside the caller's `facilityScope`), its counted
 * complaints by level-1 category and month, its buildings, and its recent complaints (inside the
 * caller's `complaintMapScope`). "Its complaints" are those whose facility link counts for findings
 * (`countedFacilityLinkSql`); links below the confidence bar are counted apart as unconfirmed.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';
import { countedFacilityLinkSql } from './complaint-links';
import { deadlineStateSql } from './map';

export interface FacilityPanelRow extends Record<string, unknown> {
  id: number;
  name: string;
  kind: string;
  operator: string | null;
  lng: number;
  lat: number;
  officeId: number;
  officeName: string;
  officePhone: string | null;
  villageName: string | null;
  townName: string | null;
}

export function getScopedFacility(db: DbOrTx, params: { id: number; scope: SQL }) {
  return queryRow<FacilityPanelRow>(
    db,
    sql`select facilities.id, facilities.name, facilities.kind::text as kind, facilities.operator,
          ST_X(facilities.location)::float8 as lng, ST_Y(facilities.location)::float8 as lat,
          o.id as "officeId", o.name as "officeName", o.phone as "officePhone",
          v.name as "villageName", t.name as "townName"
        from facilities join offices o on o.id = facilities.supervising_office_id
        left join divisions v on v.code = facilities.division_code
        left join divisions t on t.code = v.parent_code
        where facilities.id = ${params.id} and ${params.scope}`,
  );
}

export interface FacilityMonthCountRow extends Record<string, unknown> {
  month: string;
  code: string;
  name: string;
  color: string;
  n: number;
}

/** Counted complaints at a facility per month (Asia/Shanghai) and level-1 category, from `from`. */
export function listFacilityMonthCounts(
  db: DbOrTx,
  params: { facilityId: number; scope: SQL; from: Date },
): Promise<FacilityMonthCountRow[]> {
  return queryRows<FacilityMonthCountRow>(
    db,
    sql`select to_char(complaints.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month,
          coalesce(c1.code, '') as code, coalesce(c1.name_zh, '未分类') as name, coalesce(c1.color, '#8c8c8c') as color,
          count(*)::int as n
        from complaints
        left join categories c on c.code = complaints.category_code
        left join categories c1 on c1.code = coalesce(c.parent_code, c.code)
        where complaints.facility_id = ${params.facilityId} and ${countedFacilityLinkSql('complaints')}
          and complaints.submitted_at >= ${params.from.toISOString()}::timestamptz and ${params.scope}
        group by 1, 2, 3, 4 order by 1, 2`,
  );
}

/** Complaints linked to the facility below the confidence bar (not counted until staff confirm them). */
export async function countUnconfirmedFacilityLinks(
  db: DbOrTx,
  params: { facilityId: number; scope: SQL; from: Date },
): Promise<number> {
  const row = await queryRow<{ n: number }>(
    db,
    sql`select count(*)::int as n from complaints
        where complaints.facility_id = ${params.facilityId} and not ${countedFacilityLinkSql('complaints')}
          and complaints.submitted_at >= ${params.from.toISOString()}::timestamptz and ${params.scope}`,
  );
  return row?.n ?? 0;
}

export interface FacilityBuildingRow extends Record<string, unknown> {
  id: number;
  address: string;
  floors: number;
  complaints: number;
}

/** The facility's building and every building inside its boundary (a compound), with their complaints. */
export function listFacilityBuildings(db: DbOrTx, params: { facilityId: number; complaintScope: SQL }) {
  return queryRows<FacilityBuildingRow>(
    db,
    sql`select b.id, b.address, b.floors,
          (select count(*)::int from complaints where complaints.building_id = b.id and ${params.complaintScope}) as complaints
        from facilities f join buildings b
          on b.id = f.building_id or (f.boundary is not null and ST_Intersects(b.footprint, f.boundary)
                                      and ST_Area(ST_Intersection(b.footprint, f.boundary)) > 0.5 * ST_Area(b.footprint))
        where f.id = ${params.facilityId}
        order by b.id = f.building_id desc, b.address limit 200`,
  );
}

export interface FacilityComplaintRow extends Record<string, unknown> {
  id: number;
  trackingCode: string;
  title: string;
  category: string | null;
  status: string;
  deadline: string;
  resolveDueAt: string | null;
  submittedAt: string;
  linkMethod: string | null;
  linkReason: string | null;
}

/** The facility's most recent counted complaints, newest first. */
export function listFacilityComplaints(
  db: DbOrTx,
  params: { facilityId: number; scope: SQL; now: Date; limit: number },
) {
  return queryRows<FacilityComplaintRow>(
    db,
    sql`select complaints.id::int as id, complaints.tracking_code as "trackingCode", complaints.title,
          coalesce(cat.name_zh, complaints.category_code) as category, complaints.status::text as status,
          ${deadlineStateSql(params.now, sql.raw('complaints'))} as deadline, complaints.resolve_due_at as "resolveDueAt",
          complaints.submitted_at as "submittedAt", complaints.facility_link_method::text as "linkMethod",
          complaints.facility_link_reason as "linkReason"
        from complaints left join categories cat on cat.code = complaints.category_code
        where complaints.facility_id = ${params.facilityId} and ${countedFacilityLinkSql('complaints')} and ${params.scope}
        order by complaints.submitted_at desc, complaints.id desc limit ${params.limit}`,
  );
}
