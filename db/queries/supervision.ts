/**
 * Rows behind supervision (督办): the board, supervision letters, spot-check draws and checks, and
 * case-level follow-up visits. Board and list queries AND the `scope` their verb passes (the policy's
 * `complaintScope(viewer)`, or for letters lib/supervision/letter-scope.ts `letterScope(viewer)`).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';

const OPEN = sql`('received','triaged','dispatched','accepted','in_progress','reopened','returned','transferred','escalated')`;

/** Whether an office (alias `o`) serves a division inside `code` (the office's division or an ancestor of it is `code`). */
export function officeWithin(code: string): SQL {
  return sql`exists (select 1 from divisions od
      left join divisions op on op.code = od.parent_code
      left join divisions og on og.code = op.parent_code
      left join divisions ogg on ogg.code = og.parent_code
      where od.code = o.division_code and ${code} in (od.code, op.code, og.code, ogg.code))`;
}

// ---- board ----------------------------------------------------------------------------------------

export interface BoardOffice {
  officeId: number;
  officeName: string;
  tier: string;
  open: number;
  dueSoon: number;
  overdue: number;
  lettersOpen: number;
  lettersLate: number;
  failedChecks: number;
}
type BoardOfficeRow = BoardOffice & Record<string, unknown>;

/**
 * Open cases in the viewer's scope by first-responsible office: how many, due soon, overdue; with
 * each office's open and late letters and its failed spot checks over the last 365 days. Offices
 * with nothing due soon, overdue, pending or failed are left out. Ordered worst first.
 */
export function listBoardOffices(db: DbOrTx, params: { scope: SQL; now: Date; dueSoonHours: number }) {
  const now = params.now.toISOString();
  const soon = new Date(params.now.getTime() + params.dueSoonHours * 3_600_000).toISOString();
  const yearAgo = new Date(params.now.getTime() - 365 * 86_400_000).toISOString();
  const { scope } = params;
  return queryRows<BoardOfficeRow>(
    db,
    sql`with cases as (
          select complaints.responsible_office_id as office_id,
                 count(*)::int as open,
                 (count(*) filter (where complaints.resolve_due_at >= ${now}::timestamptz and complaints.resolve_due_at < ${soon}::timestamptz))::int as due_soon,
                 (count(*) filter (where complaints.resolve_due_at < ${now}::timestamptz))::int as overdue
          from complaints
          where complaints.status in ${OPEN} and complaints.responsible_office_id is not null and ${scope}
          group by complaints.responsible_office_id
        ),
        letters as (
          select l.office_id,
                 (count(*) filter (where l.answered_at is null))::int as letters_open,
                 (count(*) filter (where l.answered_at is null and l.due_at < ${now}::timestamptz
                   or l.answered_at > l.due_at))::int as letters_late
          from supervision_letters l join complaints on complaints.id = l.complaint_id
          where ${scope} and (l.answered_at is null or l.issued_at >= ${yearAgo}::timestamptz)
          group by l.office_id
        ),
        failed as (
          select coalesce(s.office_id, complaints.responsible_office_id) as office_id, count(*)::int as failed_checks
          from spot_checks s join complaints on complaints.id = s.complaint_id
          where s.result = 'failed' and s.checked_at >= ${yearAgo}::timestamptz and ${scope}
          group by 1
        ),
        ids as (select office_id from cases where due_soon + overdue > 0
                union select office_id from letters where letters_open > 0
                union select office_id from failed)
        select o.id as "officeId", o.name as "officeName", o.tier::text as tier,
               coalesce(c.open, 0) as open, coalesce(c.due_soon, 0) as "dueSoon", coalesce(c.overdue, 0) as overdue,
               coalesce(l.letters_open, 0) as "lettersOpen", coalesce(l.letters_late, 0) as "lettersLate",
               coalesce(f.failed_checks, 0) as "failedChecks"
        from ids join offices o on o.id = ids.office_id
        left join cases c on c.office_id = o.id
        left join letters l on l.office_id = o.id
        left join failed f on f.office_id = o.id
        order by coalesce(c.overdue, 0) desc, coalesce(c.due_soon, 0) desc, coalesce(f.failed_checks, 0) desc, o.name
        limit 300`,
  );
}

export interface BoardCase {
  id: number;
  trackingCode: string;
  title: string;
  status: string;
  officeId: number | null;
  officeName: string | null;
  resolveDueAt: Date;
  letterId: number | null;
  letterCode: string | null;
  letterAnsweredAt: Date | null;
}
type BoardCaseRow = BoardCase & Record<string, unknown>;

/**
 * Open cases of the viewer's scope whose resolve deadline has passed (`overdue`) or falls within the
 * due-soon window, earliest deadline first, with the latest supervision letter of each.
 */
export function listBoardCases(
  db: DbOrTx,
  params: { scope: SQL; now: Date; dueSoonHours: number; which: 'overdue' | 'due_soon'; limit?: number },
) {
  const now = params.now.toISOString();
  const soon = new Date(params.now.getTime() + params.dueSoonHours * 3_600_000).toISOString();
  const window =
    params.which === 'overdue'
      ? sql`complaints.resolve_due_at < ${now}::timestamptz`
      : sql`complaints.resolve_due_at >= ${now}::timestamptz and complaints.resolve_due_at < ${soon}::timestamptz`;
  return queryRows<BoardCaseRow>(
    db,
    sql`select complaints.id, complaints.tracking_code as "trackingCode", complaints.title, complaints.status::text as status,
               complaints.responsible_office_id as "officeId", o.name as "officeName",
               complaints.resolve_due_at as "resolveDueAt",
               l.id as "letterId", l.code as "letterCode", l.answered_at as "letterAnsweredAt"
        from complaints
        left join offices o on o.id = complaints.responsible_office_id
        left join lateral (select sl.id, sl.code, sl.answered_at from supervision_letters sl
                           where sl.complaint_id = complaints.id order by sl.issued_at desc limit 1) l on true
        where complaints.status in ${OPEN} and ${window} and ${params.scope}
        order by complaints.resolve_due_at asc, complaints.id
        limit ${Math.min(params.limit ?? 200, 500)}`,
  );
}

// ---- letters --------------------------------------------------------------------------------------

export interface Letter {
  id: number;
  code: string;
  complaintId: number | null;
  trackingCode: string | null;
  complaintTitle: string | null;
  complaintDescription: string | null;
  complaintAddress: string | null;
  complaintSubmittedAt: Date | null;
  complaintResolveDueAt: Date | null;
  officeId: number;
  officeName: string;
  issuingOfficeId: number;
  issuingOfficeName: string;
  issuedByName: string | null;
  reason: string;
  issuedAt: Date;
  dueAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedByName: string | null;
  answeredAt: Date | null;
  answer: string | null;
  answeredByName: string | null;
}
export type LetterRow = Letter & Record<string, unknown>;

const letterColumns = sql`l.id, l.code, l.complaint_id as "complaintId", complaints.tracking_code as "trackingCode",
  complaints.title as "complaintTitle", complaints.description as "complaintDescription",
  complaints.address as "complaintAddress", complaints.submitted_at as "complaintSubmittedAt",
  complaints.resolve_due_at as "complaintResolveDueAt", l.office_id as "officeId", o.name as "officeName",
  l.issuing_office_id as "issuingOfficeId", io.name as "issuingOfficeName", iu.display_name as "issuedByName",
  l.reason, l.issued_at as "issuedAt", l.due_at as "dueAt", l.acknowledged_at as "acknowledgedAt",
  au.display_name as "acknowledgedByName", l.answered_at as "answeredAt", l.answer, an.display_name as "answeredByName"`;

const letterJoins = sql`from supervision_letters l
  join offices o on o.id = l.office_id
  join offices io on io.id = l.issuing_office_id
  left join complaints on complaints.id = l.complaint_id
  left join users iu on iu.id = l.issued_by_user_id
  left join users au on au.id = l.acknowledged_by_user_id
  left join users an on an.id = l.answered_by_user_id`;

/** A letter (alias `l`, its case `complaints`) inside `scope` (lib/supervision/letter-scope.ts), or null. */
export function getLetter(db: DbOrTx, params: { scope: SQL; id: number }) {
  return queryRow<LetterRow>(
    db,
    sql`select ${letterColumns} ${letterJoins} where l.id = ${params.id} and ${params.scope}`,
  );
}

/** Recent letters inside `scope` (letter-scope.ts): unanswered first (earliest due first), then the latest answered. */
export function listLetters(
  db: DbOrTx,
  params: { scope: SQL; complaintId?: number; unansweredOnly?: boolean; limit?: number },
) {
  const forCase = params.complaintId !== undefined ? sql`l.complaint_id = ${params.complaintId}` : sql`true`;
  const open = params.unansweredOnly ? sql`l.answered_at is null` : sql`true`;
  return queryRows<LetterRow>(
    db,
    sql`select ${letterColumns} ${letterJoins}
        where ${params.scope} and ${forCase} and ${open}
        order by (l.answered_at is null) desc, case when l.answered_at is null then l.due_at end asc, l.issued_at desc
        limit ${Math.min(params.limit ?? 100, 500)}`,
  );
}

/**
 * Insert a letter numbered DB<year><6-digit seq>, the next number of the year. Race-safe: the code is
 * unique, a concurrent insert of the same number does nothing (no aborted transaction) and returns
 * null, and the caller retries with a fresh statement (which sees the winner's row).
 */
export async function insertLetterNextCode(
  db: DbOrTx,
  v: {
    year: number;
    complaintId: number;
    officeId: number;
    issuingOfficeId: number;
    issuedByUserId: number | null;
    reason: string;
    issuedAt: Date;
    dueAt: Date;
  },
) {
  const prefix = `DB${v.year}`;
  return queryRow<{ id: number; code: string }>(
    db,
    sql`insert into supervision_letters (code, complaint_id, office_id, issuing_office_id, issued_by_user_id, reason, issued_at, due_at)
        select ${prefix} || lpad((coalesce(max(substring(code from 7)::int), 0) + 1)::text, 6, '0'),
               ${v.complaintId}, ${v.officeId}, ${v.issuingOfficeId}, ${v.issuedByUserId}, ${v.reason},
               ${v.issuedAt.toISOString()}::timestamptz, ${v.dueAt.toISOString()}::timestamptz
        from supervision_letters where code ~ ${`^${prefix}[0-9]{6}$`}
        on conflict (code) do nothing
        returning id, code`,
  );
}

/** The 纪委 office of a division (the issuer of its letters). */
export function getDisciplineOffice(db: DbOrTx, params: { divisionCode: string }) {
  return queryRow<{ id: number; name: string }>(
    db,
    sql`select id, name from offices where kind = 'discipline' and division_code = ${params.divisionCode} order by id limit 1`,
  );
}

/** A letter as its office sees it for acknowledging or answering (no scope: the verb checks the office). */
export function getLetterForUpdate(db: DbOrTx, params: { id: number }) {
  return queryRow<{
    id: number;
    code: string;
    complaintId: number | null;
    officeId: number;
    issuingOfficeId: number;
    acknowledgedAt: Date | null;
    answeredAt: Date | null;
  }>(
    db,
    sql`select id, code, complaint_id as "complaintId", office_id as "officeId", issuing_office_id as "issuingOfficeId",
               acknowledged_at as "acknowledgedAt", answered_at as "answeredAt"
        from supervision_letters where id = ${params.id} for update`,
  );
}

// ---- spot checks ----------------------------------------------------------------------------------

/** Offices inside a division (not 纪委) with cases resolved in a month (CST), and the month's resolved case ids. */
export function listSpotCheckPopulations(
  db: DbOrTx,
  params: { month: string; divisionCode: string | null; officeIds?: number[] },
) {
  const start = `${params.month}-01T00:00:00+08:00`;
  const within = params.divisionCode ? officeWithin(params.divisionCode) : sql`true`;
  const only =
    params.officeIds && params.officeIds.length > 0
      ? sql`o.id = any(${sql.param(params.officeIds)}::int[])`
      : sql`true`;
  return queryRows<{ officeId: number; ids: number[] }>(
    db,
    sql`select o.id as "officeId", array_agg(c.id order by c.id)::bigint[] as ids
        from complaints c join offices o on o.id = c.responsible_office_id
        where c.kind = 'complaint' and c.status in ('resolved', 'closed')
          and c.resolved_at >= ${start}::timestamptz and c.resolved_at < (${start}::timestamptz + interval '1 month')
          and o.kind <> 'discipline' and ${within} and ${only}
        group by o.id order by o.id`,
  );
}

export function listDraws(db: DbOrTx, params: { month: string; officeIds: number[] }) {
  if (params.officeIds.length === 0) return Promise.resolve([]);
  return queryRows<{ id: number; officeId: number; complaintIds: number[] }>(
    db,
    sql`select id, office_id as "officeId", complaint_ids as "complaintIds" from spot_check_draws
        where month = ${params.month} and office_id = any(${sql.param(params.officeIds)}::int[])`,
  );
}

export interface SpotCheck {
  id: number;
  complaintId: number;
  trackingCode: string;
  title: string;
  status: string;
  officeName: string | null;
  resolvedAt: Date | null;
  sampledAt: Date;
  drawMonth: string | null;
  result: string;
  finding: string | null;
  checkedAt: Date | null;
  inspectorName: string | null;
}
type SpotCheckRow = SpotCheck & Record<string, unknown>;

/** Spot checks inside `scope` (on `complaints`): pending ones first (oldest first), then the latest results. */
export function listSpotChecks(
  db: DbOrTx,
  params: { scope: SQL; complaintId?: number; pendingOnly?: boolean; limit?: number },
) {
  const forCase = params.complaintId !== undefined ? sql`s.complaint_id = ${params.complaintId}` : sql`true`;
  const pending = params.pendingOnly ? sql`s.result = 'pending'` : sql`true`;
  return queryRows<SpotCheckRow>(
    db,
    sql`select s.id, s.complaint_id as "complaintId", complaints.tracking_code as "trackingCode", complaints.title,
               complaints.status::text as status, o.name as "officeName", complaints.resolved_at as "resolvedAt",
               s.sampled_at as "sampledAt", d.month as "drawMonth", s.result::text as result, s.finding,
               s.checked_at as "checkedAt", u.display_name as "inspectorName"
        from spot_checks s
        join complaints on complaints.id = s.complaint_id
        left join offices o on o.id = coalesce(s.office_id, complaints.responsible_office_id)
        left join spot_check_draws d on d.id = s.draw_id
        left join users u on u.id = s.inspector_user_id
        where ${params.scope} and ${forCase} and ${pending}
        order by (s.result = 'pending') desc, case when s.result = 'pending' then s.sampled_at end asc,
                 s.checked_at desc nulls last, s.id
        limit ${Math.min(params.limit ?? 100, 500)}`,
  );
}

/** The month's draws for offices inside a division (the board's "drawn this month"). */
/** One office's spot-check draw of a month: the share drawn of how many resolved cases. */
export type SpotCheckDraw = {
  id: number;
  officeName: string;
  share: number;
  population: number;
  drawn: number;
};

export function listDrawsWithin(db: DbOrTx, params: { month: string; divisionCode: string }) {
  return queryRows<SpotCheckDraw>(
    db,
    sql`select d.id, o.name as "officeName", d.share, d.population, cardinality(d.complaint_ids)::int as drawn
        from spot_check_draws d join offices o on o.id = d.office_id
        where d.month = ${params.month} and ${officeWithin(params.divisionCode)}
        order by o.name`,
  );
}

// ---- follow-up visits -----------------------------------------------------------------------------

export function listCaseVisits(db: DbOrTx, params: { complaintId: number }) {
  return queryRows<{
    id: number;
    method: string;
    outcome: string;
    note: string | null;
    visitedAt: Date;
    visitor: string;
  }>(
    db,
    sql`select v.id, v.method::text as method, v.outcome, v.note, v.visited_at as "visitedAt", u.display_name as visitor
        from follow_up_visits v join users u on u.id = v.visitor_user_id
        where v.complaint_id = ${params.complaintId} order by v.visited_at desc, v.id desc limit 50`,
  );
}
