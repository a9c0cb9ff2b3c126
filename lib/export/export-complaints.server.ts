import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { createTranslator } from 'next-intl';
import type { DbOrTx } from '@/db/client';
import {
  type ComplaintExportRow,
  countComplaintsForExport,
  type ExportCursor,
  type ExportOrder,
  listComplaintExportPage,
} from '@/db/queries/complaint-export';
import { complaintFilterSql as hotspotFilterSql, inCell } from '@/db/queries/hotspots';
import { complaintFilterSql } from '@/db/queries/map-bins';
import { polygonContains } from '@/db/queries/map-panels';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan, can, complaintMapScope, complaintScope, contactFullSql } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { divisionPrefix, isWithinDivision } from '@/lib/geo/division-code';
import { resolveAnalysisArea } from '@/lib/hotspots/analysis-area';
import { filterOf, hotspotQuery } from '@/lib/hotspots/hotspot-params';
import { AppError } from '@/lib/http/errors';
import type { Locale } from '@/lib/i18n/config';
import mapEn from '@/lib/i18n/messages/en/map.json';
import reportsEn from '@/lib/i18n/messages/en/reports.json';
import mapZh from '@/lib/i18n/messages/zh-CN/map.json';
import reportsZh from '@/lib/i18n/messages/zh-CN/reports.json';
import { indicatorComplaintsWhere } from '@/lib/stats/list-indicator-complaints.server';
import type { ComplaintExportQuery } from './complaint-export-query';
import { type XlsxColumn, xlsxStream } from './xlsx.server';

const DONE_STATUSES = ['resolved', 'closed', 'merged', 'rejected'];
/** Rows per database round trip. */
export const EXPORT_BATCH = 1000;

const T = sql.raw('complaints');
const inList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * The rows of a list exactly as the list selects them: the caller's jurisdiction (`complaintScope`,
 * which already keeps misconduct reports to inspectors; map selections use `complaintMapScope`, as
 * the map does) ANDed with the list's own conditions, and the list's order.
 */
export function exportSelection(
  user: AuthUser,
  q: Exclude<ComplaintExportQuery, { list: 'indicator' }>,
  now: Date,
): { where: SQL; order: ExportOrder; label: string } {
  switch (q.list) {
    case 'inbox':
      assertCan(user, 'complaint.handle');
      return {
        where: sql`${complaintScope(user)} and ${T}.status::text not in (${inList(DONE_STATUSES)})`,
        order: 'due',
        label: 'inbox',
      };
    case 'dispatch':
      assertCan(user, 'complaint.dispatch');
      return {
        where: sql`${complaintScope(user)} and ${T}.status::text in ('triaged', 'returned') and ${T}.responsible_office_id is null`,
        order: 'dispatch',
        label: 'dispatch',
      };
    case 'cell': {
      const divisionCode = resolveAnalysisArea(user, q.cell.division);
      const f = hotspotQuery.pick({
        from: true,
        to: true,
        category: true,
        status: true,
        urgency: true,
        channel: true,
      });
      const filter = filterOf(f.parse(q.params));
      return {
        where: sql`${hotspotFilterSql(filter)} and ${complaintScope(user)} and ${inCell({ divisionCode, size: q.cell.cellSize, shape: q.cell.shape, i: q.cell.i, j: q.cell.j })}`,
        order: 'newest',
        label: `cell-${q.cell.i}-${q.cell.j}`,
      };
    }
    case 'selection':
      assertCan(user, 'map.read');
      return {
        where: sql`${polygonContains(q.ring)} and ${complaintMapScope(user)} and ${complaintFilterSql(q.filter, now)}`,
        order: 'newest',
        label: 'selection',
      };
    case 'all': {
      assertCan(user, 'complaint.read');
      const parts: SQL[] = [complaintScope(user), complaintFilterSql(q.filter, now)];
      if (q.area) {
        const j = user.jurisdiction;
        if (j.kind === 'division' && !isWithinDivision(q.area, j.divisionCode, j.divisionLevel))
          throw new AppError('NOT_FOUND', 'No such division in your jurisdiction');
        parts.push(sql`starts_with(${T}.village_code, ${divisionPrefix(q.area)})`);
      }
      return { where: sql.join(parts, sql` and `), order: 'newest', label: q.area ?? 'all' };
    }
  }
}

/** The cases behind a figure of /stats, exactly as the drill-down lists them (newest first). */
async function indicatorSelection(
  db: DbOrTx,
  user: AuthUser,
  q: Extract<ComplaintExportQuery, { list: 'indicator' }>,
  now: Date,
): Promise<{ where: SQL; order: ExportOrder; label: string }> {
  assertCan(user, 'stats.read');
  const where = await indicatorComplaintsWhere(db, user, { ...q, now });
  return { where, order: 'newest', label: `${q.indicator}-${q.part}` };
}

/** Batches of rows after each other in the list's order (keyset pagination). */
async function* pages(
  db: DbOrTx,
  params: {
    where: SQL;
    order: ExportOrder;
    now: Date;
    withContact: boolean;
    contactWhere?: SQL;
    batch: number;
  },
): AsyncGenerator<ComplaintExportRow[]> {
  let after: ExportCursor | null = null;
  for (;;) {
    const rows = await listComplaintExportPage(db, { ...params, after, limit: params.batch });
    if (rows.length > 0) yield rows;
    if (rows.length < params.batch) return;
    const last = rows[rows.length - 1]!;
    after = { k: last.k, id: last.id };
  }
}

export function complaintColumns(
  locale: Locale,
  opts: { withContact: boolean; withKind: boolean },
): XlsxColumn<ComplaintExportRow>[] {
  const messages = locale === 'en' ? { reports: reportsEn, map: mapEn } : { reports: reportsZh, map: mapZh };
  const t = createTranslator({ locale, messages, namespace: 'reports.export' });
  const m = createTranslator({ locale, messages, namespace: 'map' });
  const label = (group: 'status' | 'channel' | 'deadline', v: string) =>
    m.has(`${group}.${v}` as never) ? m(`${group}.${v}` as never) : v;
  const en = locale === 'en';
  const cols: (XlsxColumn<ComplaintExportRow> | false)[] = [
    { key: 'trackingCode', header: t('columns.trackingCode'), width: 20, value: (r) => r.trackingCode },
    opts.withKind && {
      key: 'kind',
      header: t('columns.kind'),
      width: 14,
      value: (r) => (r.kind === 'misconduct' ? t('kindValue.misconduct') : t('kindValue.complaint')),
    },
    { key: 'title', header: t('columns.title'), width: 40, value: (r) => r.title },
    {
      key: 'category1',
      header: t('columns.category1'),
      width: 12,
      value: (r) => (en ? r.category1En : r.category1Zh),
    },
    {
      key: 'category',
      header: t('columns.category'),
      width: 18,
      value: (r) => (en ? r.categoryEn : r.categoryZh),
    },
    {
      key: 'urgency',
      header: t('columns.urgency'),
      width: 10,
      value: (r) => (en ? r.urgencyEn : r.urgencyZh),
    },
    { key: 'status', header: t('columns.status'), width: 10, value: (r) => label('status', r.status) },
    { key: 'channel', header: t('columns.channel'), width: 12, value: (r) => label('channel', r.channel) },
    { key: 'county', header: t('columns.county'), width: 10, value: (r) => r.county },
    { key: 'town', header: t('columns.town'), width: 14, value: (r) => r.town },
    { key: 'village', header: t('columns.village'), width: 14, value: (r) => r.village },
    { key: 'address', header: t('columns.address'), width: 30, value: (r) => r.address },
    { key: 'office', header: t('columns.office'), width: 24, value: (r) => r.office },
    { key: 'submittedAt', header: t('columns.submittedAt'), type: 'datetime', value: (r) => r.submittedAt },
    {
      key: 'dispatchedAt',
      header: t('columns.dispatchedAt'),
      type: 'datetime',
      value: (r) => r.dispatchedAt,
    },
    {
      key: 'firstReplyDueAt',
      header: t('columns.firstReplyDueAt'),
      type: 'deadline',
      value: (r) => r.firstReplyDueAt,
    },
    {
      key: 'firstRepliedAt',
      header: t('columns.firstRepliedAt'),
      type: 'datetime',
      value: (r) => r.firstRepliedAt,
    },
    {
      key: 'resolveDueAt',
      header: t('columns.resolveDueAt'),
      type: 'deadline',
      value: (r) => r.resolveDueAt,
    },
    { key: 'resolvedAt', header: t('columns.resolvedAt'), type: 'datetime', value: (r) => r.resolvedAt },
    {
      key: 'deadline',
      header: t('columns.deadline'),
      width: 10,
      value: (r) => label('deadline', r.deadline),
    },
    { key: 'reopenCount', header: t('columns.reopenCount'), type: 'integer', value: (r) => r.reopenCount },
    { key: 'returnCount', header: t('columns.returnCount'), type: 'integer', value: (r) => r.returnCount },
    opts.withContact && {
      key: 'contactName',
      header: t('columns.contactName'),
      width: 10,
      value: (r) => r.contactName ?? null,
    },
    opts.withContact && {
      key: 'contactPhone',
      header: t('columns.contactPhone'),
      width: 14,
      value: (r) => r.contactPhone ?? null,
    },
  ];
  return cols.filter((c): c is XlsxColumn<ComplaintExportRow> => c !== false);
}

export interface ComplaintExport {
  rows: number;
  filename: string;
  body: ReadableStream<Uint8Array>;
}

/**
 * Any complaint list as a streaming .xlsx, within the caller's jurisdiction. Contacts (name, phone)
 * are left out unless asked for with `contact=1`, and then only for roles with
 * `complaint.readContact` (grid workers, handlers, inspectors; never leaders): FORBIDDEN otherwise.
 */
export async function exportComplaints(
  db: DbOrTx,
  user: AuthUser,
  q: ComplaintExportQuery,
  opts: { now: Date; locale: Locale; batch?: number; ip?: string | null; query?: string },
): Promise<ComplaintExport> {
  if (q.contact) assertCan(user, 'complaint.readContact');
  const { where, order, label } =
    q.list === 'indicator'
      ? await indicatorSelection(db, user, q, opts.now)
      : exportSelection(user, q, opts.now);
  const rows = await countComplaintsForExport(db, { where });
  // Recorded before the first byte leaves: an export that starts is an export on the record.
  await writeAudit(db, {
    actorUserId: user.id,
    action: AUDIT.export,
    targetType: 'complaints',
    targetId: q.list,
    data: { format: 'xlsx', list: q.list, rows, contact: q.contact, query: opts.query ?? null },
    ip: opts.ip ?? null,
  });
  const columns = complaintColumns(opts.locale, {
    withContact: q.contact,
    withKind: can(user, 'complaint.readMisconduct') && q.list !== 'selection' && q.list !== 'cell',
  });
  const t = createTranslator({
    locale: opts.locale,
    messages: { reports: opts.locale === 'en' ? reportsEn : reportsZh },
    namespace: 'reports.export',
  });
  const body = xlsxStream([
    {
      name: t('sheet'),
      columns,
      batches: pages(db, {
        where,
        order,
        now: opts.now,
        withContact: q.contact,
        contactWhere: contactFullSql(user),
        batch: opts.batch ?? EXPORT_BATCH,
      }),
    },
  ]);
  const stamp = new Date(opts.now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return {
    rows,
    filename: `${t('file')}-${label}-${stamp}.xlsx`,
    body,
  };
}
