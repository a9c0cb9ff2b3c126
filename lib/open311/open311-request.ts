/**
 * Open311 `requests` (pure): the query parameters of `GET requests.json` and the mapping of a
 * public complaint row to a GeoReport v2 request.
 *
 * Filters (spec): `service_request_id` (comma list of public ids; overrides all others),
 * `service_code` (comma list), `start_date` / `end_date` (w3 date-time, or a day or month of the
 * platform's date grammar; default the last 90 days,
 * a range may not span more than 90 days), `status` (`open`, `closed` or both, comma list).
 * Extension: `page` (from 1) and `page_size` (1–200, default 50); the response carries
 * `X-Page`, `X-Page-Size` and, when a next page may exist, a `Link: <…>; rel="next"` header.
 */
import { z } from 'zod';
import type { PublicRequestFilter, PublicRequestRow } from '@/db/queries/open311';
import { OPEN311_CLOSED_STATUSES } from '@/db/queries/open311';
import { formatW3cDateTime } from '@/lib/format/date-time';
import { DATE_FORM, isDateValue, periodEnd, periodStart } from '@/lib/http/date-range';
import { CATEGORY_CODE_RE } from '@/lib/intake/submit-input';

export const OPEN311_MAX_SPAN_DAYS = 90;
export const OPEN311_PAGE_SIZE_DEFAULT = 50;
export const OPEN311_PAGE_SIZE_MAX = 200;
const DAY_MS = 86_400_000;

/**
 * `service_request_id` is the complaint's public number, never its tracking code: the code (with
 * the phone's last 4 digits where a phone was given) is what opens /track, rating and reopening, so
 * it is given once, on the receipt, and published nowhere.
 */
export const OPEN311_ID_RE = /^[1-9]\d{0,17}$/;

const commaList = <T extends z.ZodType<string, string>>(item: T, max: number) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).min(1).max(max));

/**
 * The spec's w3 date-time, or the platform's one date grammar (lib/http/date-range.ts: `YYYY-MM-DD` or
 * `YYYY-MM`, whole days in Asia/Shanghai): a day or month starts `start_date` at its first instant and
 * ends `end_date` at its last.
 */
const W3_DATE_TIME = z.iso.datetime({ offset: true });
const w3Date = (end: 'from' | 'to') =>
  z.string().transform((v, ctx) => {
    if (W3_DATE_TIME.safeParse(v).success) return new Date(v);
    if (isDateValue(v)) return end === 'from' ? periodStart(v) : new Date(periodEnd(v).getTime() - 1);
    ctx.addIssue({ code: 'custom', message: `must be a w3 date-time with offset, or ${DATE_FORM}` });
    return z.NEVER;
  });

export const listRequestsQuery = z
  .object({
    service_request_id: commaList(
      z.string().regex(OPEN311_ID_RE, 'Not a service_request_id'),
      100,
    ).optional(),
    service_code: commaList(z.string().regex(CATEGORY_CODE_RE, 'Unknown service_code format'), 50).optional(),
    start_date: w3Date('from').optional(),
    end_date: w3Date('to').optional(),
    status: commaList(z.enum(['open', 'closed']), 2).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    page_size: z.coerce.number().int().min(1).max(OPEN311_PAGE_SIZE_MAX).default(OPEN311_PAGE_SIZE_DEFAULT),
    jurisdiction_id: z.string().optional(),
    /** Accepted and ignored (discovery says so): no key is needed. */
    api_key: z.string().max(200).optional(),
  })
  .strict();

export type ListRequestsQuery = z.output<typeof listRequestsQuery>;

/** The SQL filter for a parsed query; `now` is an argument (the default window ends at it). */
export function toRequestFilter(q: ListRequestsQuery, now: Date): PublicRequestFilter {
  const page = { limit: q.page_size, offset: (q.page - 1) * q.page_size };
  if (q.service_request_id) return { ids: q.service_request_id.map(Number), ...page };
  const span = OPEN311_MAX_SPAN_DAYS * DAY_MS;
  const end = q.end_date ?? (q.start_date ? new Date(q.start_date.getTime() + span) : now);
  const start = q.start_date ?? new Date(end.getTime() - span);
  const status = q.status && new Set(q.status).size === 1 ? q.status[0] : undefined;
  return { serviceCodes: q.service_code, status, start, end, ...page };
}

/** Range errors the zod object cannot see (start after end, more than 90 days). */
export function requestFilterIssues(q: ListRequestsQuery): { path: string; message: string }[] {
  if (!q.start_date || !q.end_date) return [];
  if (q.start_date > q.end_date) return [{ path: 'start_date', message: 'start_date is after end_date' }];
  if (q.end_date.getTime() - q.start_date.getTime() > OPEN311_MAX_SPAN_DAYS * DAY_MS) {
    return [{ path: 'end_date', message: `A range may not span more than ${OPEN311_MAX_SPAN_DAYS} days` }];
  }
  return [];
}

/** Public words for our statuses (`status_notes`); never an office's or staff member's own note. */
export const STATUS_NOTES: Record<string, string> = {
  received: '已受理 / Received',
  triaged: '已研判，待派单 / Graded, awaiting dispatch',
  dispatched: '已派单 / Dispatched',
  accepted: '已签收 / Accepted by the office',
  in_progress: '办理中 / In progress',
  resolved: '已办结 / Resolved',
  reopened: '重新办理 / Reopened',
  closed: '已关闭 / Closed',
  returned: '已退回重派 / Returned for re-dispatch',
  transferred: '已转办 / Transferred',
  escalated: '已升级督办 / Escalated',
  merged: '已合并办理 / Merged with another request',
  rejected: '不予受理 / Not accepted',
};

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string | null;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number;
  long: number;
  media_url: string | null;
}

const closed = new Set<string>(OPEN311_CLOSED_STATUSES);

export function toOpen311Request(r: PublicRequestRow): Open311Request {
  return {
    service_request_id: String(r.id),
    status: closed.has(r.status) ? 'closed' : 'open',
    status_notes: STATUS_NOTES[r.status] ?? null,
    service_name: r.categoryName,
    // Not yet classified: an empty code (the schema needs a string; no service has it).
    service_code: r.categoryCode ?? '',
    // The resident's own words may carry personal data: only their holder sees them (/track).
    description: null,
    agency_responsible: r.officeName,
    service_notice: null,
    // In China Standard Time, as every screen shows it (the same instant as UTC would be).
    requested_datetime: formatW3cDateTime(r.submittedAt)!,
    updated_datetime: formatW3cDateTime(r.updatedAt),
    expected_datetime: closed.has(r.status) ? null : formatW3cDateTime(r.resolveDueAt),
    address: r.place,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: null,
  };
}
