/**
 * The public Open311 view of complaints (GeoReport v2 `requests`). Only what anyone may read:
 * never misconduct reports (kind 'misconduct'), never the contact, the free-text description, the
 * free-text address, event notes or routing reasons. The place is the division names and a point
 * rounded to 0.001° (≈ 100 m), so a request cannot be traced to a household.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRows } from '../sql';

/** Statuses Open311 calls `closed`; every other status is `open`. */
export const OPEN311_CLOSED_STATUSES = ['resolved', 'closed', 'merged', 'rejected'] as const;

export interface PublicRequestRow {
  /** The public id (Open311 `service_request_id`); the tracking code is the reporter's secret and never leaves here. */
  id: number;
  status: string;
  categoryCode: string | null;
  categoryName: string | null;
  officeName: string | null;
  submittedAt: Date;
  updatedAt: Date;
  resolveDueAt: Date | null;
  place: string | null;
  lng: number;
  lat: number;
}

export interface PublicRequestFilter {
  ids?: number[];
  serviceCodes?: string[];
  status?: 'open' | 'closed';
  start?: Date;
  end?: Date;
  limit: number;
  offset: number;
}

export async function listPublicRequests(db: DbOrTx, f: PublicRequestFilter): Promise<PublicRequestRow[]> {
  const where: SQL[] = [sql`c.kind = 'complaint'`];
  if (f.ids) where.push(sql`c.id = any(${sql.param(f.ids)}::bigint[])`);
  if (f.serviceCodes) where.push(sql`c.category_code = any(${sql.param(f.serviceCodes)}::text[])`);
  const closed = sql.raw(OPEN311_CLOSED_STATUSES.map((s) => `'${s}'`).join(','));
  if (f.status === 'closed') where.push(sql`c.status::text in (${closed})`);
  if (f.status === 'open') where.push(sql`c.status::text not in (${closed})`);
  if (f.start) where.push(sql`c.submitted_at >= ${f.start.toISOString()}::timestamptz`);
  if (f.end) where.push(sql`c.submitted_at <= ${f.end.toISOString()}::timestamptz`);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select c.id, c.status::text as status, c.category_code, cat.name_zh as category_name,
          o.name as office_name, c.submitted_at, c.updated_at, c.resolve_due_at,
          concat_ws(', ', v.name, t.name, cty.name, '攀枝花市') as place,
          round(ST_X(c.location)::numeric, 3)::float8 as lng, round(ST_Y(c.location)::numeric, 3)::float8 as lat
        from complaints c
        left join categories cat on cat.code = c.category_code
        left join offices o on o.id = c.responsible_office_id
        left join divisions v on v.code = c.village_code
        left join divisions t on t.code = c.town_code
        left join divisions cty on cty.code = c.county_code
        where ${sql.join(where, sql` and `)}
        order by c.submitted_at desc, c.id desc
        limit ${f.limit} offset ${f.offset}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    status: r.status as string,
    categoryCode: (r.category_code as string | null) ?? null,
    categoryName: (r.category_name as string | null) ?? null,
    officeName: (r.office_name as string | null) ?? null,
    submittedAt: new Date(r.submitted_at as string),
    updatedAt: new Date(r.updated_at as string),
    resolveDueAt: r.resolve_due_at ? new Date(r.resolve_due_at as string) : null,
    place: (r.place as string | null) || null,
    lng: Number(r.lng),
    lat: Number(r.lat),
  }));
}
