/**
 * Complaint rows for Excel exports, one keyset page at a time (never the whole table in memory).
 * `where` is built by the caller from the policy's scope and the list's own conditions; it
 * references the unaliased `complaints` table, as the policy conditions do.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';
import { deadlineStateSql } from './map';

const T = sql.raw('complaints');

/**
 * The orders of the lists an export reproduces, each with the id as tie-break:
 * - `due`: the inbox (next deadline the office faces, soonest first, none last);
 * - `dispatch`: the manual dispatch queue (dispatch deadline, oldest first);
 * - `newest`: map selections, hot-spot cells, drill-downs (submission time, newest first).
 */
export type ExportOrder = 'due' | 'dispatch' | 'newest';

const SORT_KEY: Record<ExportOrder, { key: SQL; dir: 'asc' | 'desc' }> = {
  due: {
    key: sql`coalesce(case when ${T}.first_replied_at is null then least(${T}.first_reply_due_at, ${T}.resolve_due_at) else ${T}.resolve_due_at end, 'infinity'::timestamptz)`,
    dir: 'asc',
  },
  dispatch: { key: sql`coalesce(${T}.dispatch_due_at, 'infinity'::timestamptz)`, dir: 'asc' },
  newest: { key: sql`${T}.submitted_at`, dir: 'desc' },
};

/** Where the next page starts: the last row's sort key (as PostgreSQL text, exact to the microsecond) and id. */
export interface ExportCursor {
  k: string;
  id: number;
}

export interface ComplaintExportRow extends Record<string, unknown> {
  id: number;
  trackingCode: string;
  kind: string;
  title: string;
  categoryZh: string | null;
  categoryEn: string | null;
  category1Zh: string | null;
  category1En: string | null;
  urgencyZh: string | null;
  urgencyEn: string | null;
  status: string;
  channel: string;
  county: string | null;
  town: string | null;
  village: string | null;
  address: string | null;
  office: string | null;
  submittedAt: string;
  dispatchedAt: string | null;
  firstReplyDueAt: string | null;
  firstRepliedAt: string | null;
  resolveDueAt: string | null;
  resolvedAt: string | null;
  deadline: string;
  reopenCount: number;
  returnCount: number;
  contactName?: string | null;
  contactPhone?: string | null;
  k: string;
}

export async function countComplaintsForExport(db: DbOrTx, params: { where: SQL }): Promise<number> {
  const row = await queryRow<{ n: number }>(
    db,
    sql`select count(*)::int as n from complaints where ${params.where}`,
  );
  return row?.n ?? 0;
}

/** One page of rows after `after` in the list's order. Contacts only when `withContact`. */
export async function listComplaintExportPage(
  db: DbOrTx,
  params: {
    where: SQL;
    order: ExportOrder;
    after: ExportCursor | null;
    limit: number;
    now: Date;
    withContact: boolean;
    /** Rows whose contact the caller may see in full (`contactFullSql`); the others export none. */
    contactWhere?: SQL;
  },
): Promise<ComplaintExportRow[]> {
  const { key, dir } = SORT_KEY[params.order];
  const after = params.after
    ? dir === 'asc'
      ? sql`and (${key}, ${T}.id) > (${params.after.k}::timestamptz, ${params.after.id}::bigint)`
      : sql`and (${key}, ${T}.id) < (${params.after.k}::timestamptz, ${params.after.id}::bigint)`
    : sql``;
  const direction = sql.raw(dir);
  return queryRows<ComplaintExportRow>(
    db,
    sql`select ${T}.id::int as id, ${T}.tracking_code as "trackingCode", ${T}.kind::text as kind, ${T}.title,
          cat.name_zh as "categoryZh", cat.name_en as "categoryEn",
          coalesce(pcat.name_zh, cat.name_zh) as "category1Zh", coalesce(pcat.name_en, cat.name_en) as "category1En",
          ug.name_zh as "urgencyZh", ug.name_en as "urgencyEn",
          ${T}.status::text as status, ${T}.channel::text as channel,
          dc.name as county, dt.name as town, dv.name as village, ${T}.address, o.name as office,
          ${T}.submitted_at as "submittedAt", ${T}.dispatched_at as "dispatchedAt",
          ${T}.first_reply_due_at as "firstReplyDueAt", ${T}.first_replied_at as "firstRepliedAt",
          ${T}.resolve_due_at as "resolveDueAt", ${T}.resolved_at as "resolvedAt",
          ${deadlineStateSql(params.now, T)} as deadline,
          ${T}.reopen_count::int as "reopenCount", ${T}.return_count::int as "returnCount",
          ${params.withContact ? sql`cc.name as "contactName", cc.phone as "contactPhone",` : sql``}
          (${key})::text as k
        from complaints
        left join categories cat on cat.code = ${T}.category_code
        left join categories pcat on pcat.code = cat.parent_code
        left join urgency_grades ug on ug.code = ${T}.urgency_code
        left join divisions dc on dc.code = ${T}.county_code
        left join divisions dt on dt.code = ${T}.town_code
        left join divisions dv on dv.code = ${T}.village_code
        left join offices o on o.id = ${T}.responsible_office_id
        ${params.withContact ? sql`left join complaint_contacts cc on cc.complaint_id = ${T}.id and ${params.contactWhere ?? sql`false`}` : sql``}
        where ${params.where} ${after}
        order by ${key} ${direction}, ${T}.id ${direction}
        limit ${params.limit}`,
  );
}
