/**
 * What the grid worker's workspace (/grid) reads: the grid, its buildings with complaint counts,
 * the open cases with deadlines, the follow-up visits due and those recorded. Every function takes
 * the caller's policy conditions (`buildingScope`, `complaintScope`) and ANDs them in; complaint
 * counts are the complaints linked to a building by `complaints.building_id`.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { GridWorkspaceBuilding } from '@/lib/grid/grid-workspace';
import { CLOSED_STATUSES } from '@/lib/sla/deadline-state';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';
import { deadlineStateSql } from './map';

const T = sql.raw('complaints');
const CLOSED = sql.join(
  CLOSED_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);
const isOpen = sql`complaints.status not in (${CLOSED})`;

export interface GridHeaderRow extends Record<string, unknown> {
  id: number;
  code: string;
  name: string;
  villageName: string | null;
  townName: string | null;
  /** The grid's outline, GeoJSON geometry text. */
  boundary: string;
  bbox: [number, number, number, number];
}

export function getGridHeader(db: DbOrTx, params: { gridId: number; scope: SQL }) {
  return queryRow<GridHeaderRow>(
    db,
    sql`select grids.id, grids.code, grids.name, v.name as "villageName", t.name as "townName",
          ST_AsGeoJSON(grids.boundary, 6) as boundary,
          json_build_array(ST_XMin(grids.boundary), ST_YMin(grids.boundary), ST_XMax(grids.boundary), ST_YMax(grids.boundary)) as bbox
        from grids left join divisions v on v.code = grids.village_code
        left join divisions t on t.code = v.parent_code
        where grids.id = ${params.gridId} and ${params.scope}`,
  );
}

/** A building row as the SQL gives it: the page's shape (`GridWorkspaceBuilding`), the footprint as GeoJSON text. */
export type GridBuildingRow = Omit<GridWorkspaceBuilding, 'footprint'> & { footprint: string } & Record<
    string,
    unknown
  >;

/** The buildings of one grid with their complaint counts, busiest first. */
export function listGridBuildings(
  db: DbOrTx,
  params: { gridId: number; buildingScope: SQL; complaintScope: SQL; now: Date },
) {
  const state = deadlineStateSql(params.now, T);
  return queryRows<GridBuildingRow>(
    db,
    sql`select buildings.id, buildings.code, buildings.address, buildings.use::text as use, buildings.floors,
          coalesce(h.n, 0)::int as households, coalesce(k.total, 0)::int as complaints,
          coalesce(k.open, 0)::int as open, coalesce(k.overdue, 0)::int as overdue,
          coalesce(k.due_soon, 0)::int as "dueSoon", k.next_due as "nextDueAt", v.last as "lastVisitAt",
          ST_X(buildings.centre)::float8 as lng, ST_Y(buildings.centre)::float8 as lat,
          ST_AsGeoJSON(buildings.footprint, 6) as footprint
        from buildings
        left join lateral (select count(*) as n from households where households.building_id = buildings.id) h on true
        left join lateral (
          select count(*) as total,
            count(*) filter (where ${isOpen}) as open,
            count(*) filter (where ${state} = 'overdue') as overdue,
            count(*) filter (where ${state} = 'due_soon') as due_soon,
            min(complaints.resolve_due_at) filter (where ${isOpen}) as next_due
          from complaints where complaints.building_id = buildings.id and ${params.complaintScope}) k on true
        left join lateral (select max(visited_at) as last from follow_up_visits
          where follow_up_visits.building_id = buildings.id) v on true
        where buildings.grid_id = ${params.gridId} and ${params.buildingScope}
        order by coalesce(k.overdue, 0) desc, coalesce(k.open, 0) desc, coalesce(k.total, 0) desc, buildings.address`,
  );
}

export interface GridCaseRow extends Record<string, unknown> {
  id: number;
  trackingCode: string;
  title: string;
  status: string;
  category: string | null;
  categoryEn: string | null;
  office: string | null;
  deadline: string;
  resolveDueAt: string | null;
  submittedAt: string;
  buildingId: number | null;
  buildingAddress: string | null;
}

/** The open cases of the grid (located in it or reported by the worker), soonest deadline first. */
export function listGridOpenCases(
  db: DbOrTx,
  params: { gridId: number; complaintScope: SQL; now: Date; limit: number },
) {
  return queryRows<GridCaseRow>(
    db,
    sql`select complaints.id::int as id, complaints.tracking_code as "trackingCode", complaints.title,
          complaints.status::text as status, cat.name_zh as category, cat.name_en as "categoryEn",
          o.name as office, ${deadlineStateSql(params.now, T)} as deadline,
          complaints.resolve_due_at as "resolveDueAt", complaints.submitted_at as "submittedAt",
          complaints.building_id as "buildingId", b.address as "buildingAddress"
        from complaints
        left join categories cat on cat.code = complaints.category_code
        left join offices o on o.id = complaints.responsible_office_id
        left join buildings b on b.id = complaints.building_id
        where complaints.grid_id = ${params.gridId} and ${isOpen} and ${params.complaintScope}
        order by complaints.resolve_due_at asc nulls last, complaints.id
        limit ${params.limit}`,
  );
}

export interface VisitDueRow extends Record<string, unknown> {
  id: number;
  trackingCode: string;
  title: string;
  status: string;
  resolvedAt: string;
  visitDueAt: string;
  buildingId: number | null;
  buildingAddress: string | null;
}

/** The condition "a follow-up visit is due" on `complaints` (shared by the list and the workbench count). */
function visitDueSql(params: { gridId: number; complaintScope: SQL; now: Date; windowDays: number }): SQL {
  const now = sql`${params.now.toISOString()}::timestamptz`;
  return sql`complaints.grid_id = ${params.gridId} and complaints.status in ('resolved', 'closed')
    and complaints.resolved_at is not null
    and complaints.resolved_at >= ${now} - make_interval(days => ${params.windowDays})
    and complaints.resolved_at <= ${now}
    and ${params.complaintScope}
    and not exists (select 1 from follow_up_visits v where v.complaint_id = complaints.id
                    and v.visited_at >= complaints.resolved_at)`;
}

/** How many follow-up visits are due in the grid (the workbench's count). */
export async function countGridVisitsDue(
  db: DbOrTx,
  params: { gridId: number; complaintScope: SQL; now: Date; windowDays: number },
): Promise<number> {
  const row = await queryRow<{ n: number }>(
    db,
    sql`select count(*)::int as n from complaints where ${visitDueSql(params)}`,
  );
  return row?.n ?? 0;
}

/**
 * 待回访: complaints of the grid resolved within `windowDays` with no follow-up visit since their
 * resolution; each is due `dueDays` after it was resolved. Oldest first.
 */
export function listGridVisitsDue(
  db: DbOrTx,
  params: {
    gridId: number;
    complaintScope: SQL;
    now: Date;
    windowDays: number;
    dueDays: number;
    limit: number;
  },
) {
  return queryRows<VisitDueRow>(
    db,
    sql`select complaints.id::int as id, complaints.tracking_code as "trackingCode", complaints.title,
          complaints.status::text as status, complaints.resolved_at as "resolvedAt",
          complaints.resolved_at + make_interval(days => ${params.dueDays}) as "visitDueAt",
          complaints.building_id as "buildingId", b.address as "buildingAddress"
        from complaints left join buildings b on b.id = complaints.building_id
        where ${visitDueSql(params)}
        order by complaints.resolved_at asc, complaints.id
        limit ${params.limit}`,
  );
}

export interface GridVisitRow extends Record<string, unknown> {
  id: number;
  method: string;
  outcome: string;
  note: string | null;
  visitedAt: string;
  visitor: string;
  buildingId: number | null;
  buildingAddress: string | null;
  complaintId: number | null;
}

/** Visits recorded in the grid (to its buildings or its cases), newest first. */
export function listGridVisits(db: DbOrTx, params: { gridId: number; limit: number }) {
  return queryRows<GridVisitRow>(
    db,
    sql`select v.id, v.method::text as method, v.outcome, v.note, v.visited_at as "visitedAt",
          u.display_name as visitor, coalesce(v.building_id, c.building_id) as "buildingId",
          b.address as "buildingAddress", v.complaint_id::int as "complaintId"
        from follow_up_visits v
        join users u on u.id = v.visitor_user_id
        left join complaints c on c.id = v.complaint_id
        left join buildings b on b.id = coalesce(v.building_id, c.building_id)
        where (b.grid_id = ${params.gridId} or (v.building_id is null and c.grid_id = ${params.gridId}))
        order by v.visited_at desc, v.id desc
        limit ${params.limit}`,
  );
}
