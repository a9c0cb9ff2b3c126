/**
 * The workbench's counts: one grouped row per question, each filtered by the caller's policy
 * conditions (`complaintScope`, `letterScope`) exactly as the list it links to.
 */
import { type SQL, sql } from 'drizzle-orm';
import { CLOSED_STATUSES } from '@/lib/sla/deadline-state';
import type { DbOrTx } from '../client';
import { queryRow } from '../sql';
import { caseFilterSql } from './case-filters';

const CLOSED = sql.join(
  CLOSED_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);

export interface CaseCounts extends Record<string, unknown> {
  open: number;
  toAccept: number;
  dueSoon: number;
  overdue: number;
  replyOverdue: number;
  manualQueue: number;
  newToday: number;
}

/**
 * Open cases in the scope: all, waiting to be accepted (dispatched), due within DUE_SOON_HOURS,
 * past their resolve deadline, past their first-reply deadline without a reply, in the manual
 * dispatch queue (triaged or returned, no office), and received since `dayStart`.
 */
export async function countOpenCases(
  db: DbOrTx,
  params: { scope: SQL; now: Date; dayStart: Date; gridId?: number },
): Promise<CaseCounts> {
  const row = await queryRow<CaseCounts>(
    db,
    sql`select count(*)::int as open,
          count(*) filter (where ${caseFilterSql('to_accept', params.now)})::int as "toAccept",
          count(*) filter (where ${caseFilterSql('due_soon', params.now)})::int as "dueSoon",
          count(*) filter (where ${caseFilterSql('overdue', params.now)})::int as overdue,
          count(*) filter (where ${caseFilterSql('reply_overdue', params.now)})::int as "replyOverdue",
          count(*) filter (where ${caseFilterSql('manual_queue', params.now)})::int as "manualQueue",
          count(*) filter (where complaints.submitted_at >= ${params.dayStart.toISOString()}::timestamptz)::int as "newToday"
        from complaints
        where complaints.status not in (${CLOSED}) and ${params.scope} ${params.gridId !== undefined ? sql`and complaints.grid_id = ${params.gridId}` : sql``}`,
  );
  return (
    row ?? { open: 0, toAccept: 0, dueSoon: 0, overdue: 0, replyOverdue: 0, manualQueue: 0, newToday: 0 }
  );
}

/** Unanswered supervision letters in the viewer's letter scope, and those past their answer deadline. */
export async function countOpenLetters(db: DbOrTx, params: { letterScope: SQL; now: Date }) {
  const row = await queryRow<{ open: number; late: number }>(
    db,
    sql`select count(*)::int as open,
          count(*) filter (where l.due_at < ${params.now.toISOString()}::timestamptz)::int as late
        from supervision_letters l left join complaints on complaints.id = l.complaint_id
        where l.answered_at is null and ${params.letterScope}`,
  );
  return row ?? { open: 0, late: 0 };
}

/** Spot checks waiting for a result, on cases of the scope. */
export async function countPendingSpotChecks(db: DbOrTx, params: { scope: SQL }) {
  const row = await queryRow<{ n: number }>(
    db,
    sql`select count(*)::int as n from spot_checks s join complaints on complaints.id = s.complaint_id
        where s.result = 'pending' and ${params.scope}`,
  );
  return row?.n ?? 0;
}

/** Deadline alerts (due soon, overdue) raised since `since` on cases of the scope. */
export async function countRecentAlerts(db: DbOrTx, params: { scope: SQL; since: Date }) {
  const row = await queryRow<{ n: number }>(
    db,
    sql`select count(*)::int as n from deadline_alerts a join complaints on complaints.id = a.subject_id
        where a.subject_type = 'complaint' and a.raised_at >= ${params.since.toISOString()}::timestamptz
          and ${params.scope}`,
  );
  return row?.n ?? 0;
}

/** The admin's configuration at a glance. */
export async function countConfiguration(db: DbOrTx, params: { now: Date }) {
  const row = await queryRow<{
    users: number;
    locked: number;
    offices: number;
    routingRules: number;
    triageRules: number;
    policies: number;
  }>(
    db,
    sql`select (select count(*)::int from users where disabled_at is null) as users,
          (select count(*)::int from users where locked_until > ${params.now.toISOString()}::timestamptz) as locked,
          (select count(*)::int from offices) as offices,
          (select count(*)::int from routing_rules) as "routingRules",
          (select count(*)::int from triage_rules) as "triageRules",
          (select count(*)::int from deadline_policies) as policies`,
  );
  return row ?? { users: 0, locked: 0, offices: 0, routingRules: 0, triageRules: 0, policies: 0 };
}
