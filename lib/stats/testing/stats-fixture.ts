/**
 * Hand-built cases for the statistics tests. Every timestamp is written in China Standard Time
 * (`+08:00`) so the expected numbers in the tests can be worked out by hand from this file.
 *
 * January 2026 in 西区's first village (清香坪社区), "now" = 2026-03-01 08:00 CST:
 *   A  closed, on time; satisfied; spot check passed                         (office: health)
 *   B  received 31 Jan 23:30 CST (15:30 UTC: still January), dispatched 1 Feb (within 24 h), open
 *   C  received 20 Dec 2025; returned once (first dispatch on time, re-dispatch late);
 *      resolved late on 20 Jan; rated basically satisfied in Jan; spot check failed; letter answered (water)
 *   D  resolved 8 Jan, rated unsatisfied, reopened, resolved again 5 Feb, rated satisfied 6 Feb (health)
 *   E  merged before dispatch
 *   F  rejected
 *   G  escalated, deadline reset to 25 Jan and passed, still open; letter answered      (health)
 *   H  returned once, both dispatches late, no first reply past its deadline; letter unanswered; SL01 (town gov)
 *   K  resolved at 23:30 CST on 31 Jan (January), rated basically satisfied 1 Feb 00:30 CST (February);
 *      a pending spot check                                                            (health)
 *   L  received at 00:00 CST on 1 Jan (January), triaged, never dispatched, reply overdue, uncategorised
 *   M  received 31 Dec 23:59:59 CST (December), not triaged
 *   I  a misconduct report in January with a rating, letter and spot check (excluded everywhere)
 *   J  a 东区 complaint in January (outside 西区)
 */
import { sql } from 'drizzle-orm';
import type { DbHandle, DbOrTx } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { AppError } from '@/lib/http/errors';
import { buildWorkflowWorld, insertCase, type WorkflowWorld, XIQU } from '@/lib/workflow/testing/fixture';

export const STATS_NOW = new Date('2026-03-01T08:00:00+08:00');

const at = (s: string) => new Date(`${s}+08:00`);

interface CaseSpec {
  status: Parameters<typeof insertCase>[1]['status'];
  submitted: string;
  officeId?: number | null;
  villageCode?: string;
  /** Default WJ01 (卫健/药品价格); null: uncategorised. */
  categoryCode?: string | null;
  kind?: 'complaint' | 'misconduct';
  dispatched?: string;
  dispatchDue?: string;
  replied?: string;
  replyDue?: string;
  resolved?: string;
  resolveDue?: string;
  returnCount?: number;
  reopenCount?: number;
}

async function mk(db: DbOrTx, spec: CaseSpec): Promise<number> {
  const id = await insertCase(db, {
    status: spec.status,
    officeId: spec.officeId ?? null,
    submittedAt: at(spec.submitted),
    villageCode: spec.villageCode,
    categoryCode: spec.categoryCode,
  });
  const t = (s?: string) => (s ? at(s).toISOString() : null);
  await db.execute(sql`update complaints set
      kind = ${spec.kind ?? 'complaint'}::complaint_kind,
      dispatched_at = ${t(spec.dispatched)}::timestamptz,
      dispatch_due_at = ${t(spec.dispatchDue)}::timestamptz,
      first_replied_at = ${t(spec.replied)}::timestamptz,
      first_reply_due_at = ${t(spec.replyDue)}::timestamptz,
      resolved_at = ${t(spec.resolved)}::timestamptz,
      resolve_due_at = ${t(spec.resolveDue)}::timestamptz,
      return_count = ${spec.returnCount ?? 0},
      reopen_count = ${spec.reopenCount ?? 0}
    where id = ${id}`);
  return id;
}

async function event(db: DbOrTx, complaintId: number, type: string, when: string) {
  await db.execute(sql`insert into complaint_events (complaint_id, type, created_at)
    values (${complaintId}, ${type}, ${at(when).toISOString()}::timestamptz)`);
}

async function rating(db: DbOrTx, complaintId: number, level: string, when: string, round = 1) {
  await db.execute(sql`insert into ratings (complaint_id, round, level, created_at)
    values (${complaintId}, ${round}, ${level}::rating_level, ${at(when).toISOString()}::timestamptz)`);
}

async function check(db: DbOrTx, complaintId: number, result: string, sampled: string, checked?: string) {
  await db.execute(sql`insert into spot_checks (complaint_id, sampled_at, result, checked_at)
    values (${complaintId}, ${at(sampled).toISOString()}::timestamptz, ${result}::spot_check_result,
      ${checked ? at(checked).toISOString() : null}::timestamptz)`);
}

let letterSeq = 0;
async function letter(db: DbOrTx, complaintId: number, officeId: number, issued: string, answered?: string) {
  letterSeq++;
  const jw = await queryRow<{ id: number }>(
    db,
    sql`select id from offices where kind = 'discipline' and division_code = ${XIQU}`,
  );
  await db.execute(sql`insert into supervision_letters (code, complaint_id, office_id, issuing_office_id, reason, issued_at, due_at, answered_at, answer)
    values (${`DBTEST${String(letterSeq).padStart(6, '0')}`}, ${complaintId}, ${officeId}, ${jw!.id}, '请报告办理进度',
      ${at(issued).toISOString()}::timestamptz, ${at(issued).toISOString()}::timestamptz + interval '3 days',
      ${answered ? at(answered).toISOString() : null}::timestamptz, ${answered ? '已整改' : null})`);
}

export type StatsCases = Record<
  'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H' | 'K' | 'L' | 'M' | 'I' | 'J',
  number
>;

export async function insertStatsCases(db: DbOrTx, world: WorkflowWorld): Promise<StatsCases> {
  const { health, water, townGov, dongquHealth } = world.offices;
  const A = await mk(db, {
    status: 'closed',
    officeId: health,
    submitted: '2026-01-05T10:00:00',
    dispatched: '2026-01-05T12:00:00',
    dispatchDue: '2026-01-06T10:00:00',
    replied: '2026-01-07T09:00:00',
    replyDue: '2026-01-13T00:00:00',
    resolved: '2026-01-10T10:00:00',
    resolveDue: '2026-01-27T00:00:00',
  });
  await rating(db, A, 'satisfied', '2026-01-11T09:00:00');
  await check(db, A, 'passed', '2026-01-15T09:00:00', '2026-01-20T09:00:00');

  const B = await mk(db, {
    status: 'accepted',
    submitted: '2026-01-31T23:30:00',
    dispatched: '2026-02-01T10:00:00',
    dispatchDue: '2026-02-01T23:30:00',
    replyDue: '2026-02-07T00:00:00',
    resolveDue: '2026-02-21T00:00:00',
  });

  const C = await mk(db, {
    status: 'closed',
    officeId: water,
    submitted: '2025-12-20T10:00:00',
    dispatched: '2025-12-22T10:00:00',
    dispatchDue: '2025-12-21T10:00:00',
    replied: '2025-12-23T10:00:00',
    replyDue: '2025-12-28T00:00:00',
    resolved: '2026-01-20T10:00:00',
    resolveDue: '2026-01-16T00:00:00',
    returnCount: 1,
  });
  await event(db, C, 'dispatched', '2025-12-20T10:00:00');
  await event(db, C, 'returned', '2025-12-21T09:00:00');
  await event(db, C, 'dispatched', '2025-12-22T10:00:00');
  await rating(db, C, 'basically_satisfied', '2026-01-21T10:00:00');
  await check(db, C, 'failed', '2026-01-25T10:00:00', '2026-01-28T10:00:00');
  await letter(db, C, water, '2026-01-16T10:00:00', '2026-01-19T10:00:00');

  const D = await mk(db, {
    status: 'closed',
    officeId: health,
    submitted: '2026-01-03T10:00:00',
    dispatched: '2026-01-03T11:00:00',
    dispatchDue: '2026-01-04T10:00:00',
    replied: '2026-01-04T10:00:00',
    replyDue: '2026-01-11T00:00:00',
    resolved: '2026-02-05T10:00:00',
    resolveDue: '2026-02-11T00:00:00',
    reopenCount: 1,
  });
  await rating(db, D, 'unsatisfied', '2026-01-09T10:00:00', 1);
  await event(db, D, 'reopened', '2026-01-09T12:00:00');
  await rating(db, D, 'satisfied', '2026-02-06T10:00:00', 2);

  const E = await mk(db, {
    status: 'merged',
    submitted: '2026-01-06T10:00:00',
    dispatchDue: '2026-01-07T10:00:00',
    replyDue: '2026-01-14T00:00:00',
    resolveDue: '2026-01-28T00:00:00',
  });
  const F = await mk(db, {
    status: 'rejected',
    submitted: '2026-01-07T10:00:00',
    dispatchDue: '2026-01-08T10:00:00',
    replyDue: '2026-01-15T00:00:00',
    resolveDue: '2026-01-29T00:00:00',
  });

  const G = await mk(db, {
    status: 'escalated',
    officeId: health,
    submitted: '2026-01-02T10:00:00',
    dispatched: '2026-01-02T11:00:00',
    dispatchDue: '2026-01-03T10:00:00',
    replied: '2026-01-04T10:00:00',
    replyDue: '2026-01-10T00:00:00',
    resolveDue: '2026-01-26T00:00:00',
  });
  await letter(db, G, health, '2026-01-26T10:00:00', '2026-01-28T10:00:00');

  const H = await mk(db, {
    status: 'accepted',
    officeId: townGov,
    categoryCode: 'SL01',
    submitted: '2026-01-10T10:00:00',
    dispatched: '2026-01-13T09:00:00',
    dispatchDue: '2026-01-11T10:00:00',
    replyDue: '2026-01-18T00:00:00',
    resolveDue: '2026-03-11T00:00:00',
    returnCount: 1,
  });
  await event(db, H, 'dispatched', '2026-01-12T09:00:00');
  await event(db, H, 'returned', '2026-01-12T15:00:00');
  await event(db, H, 'dispatched', '2026-01-13T09:00:00');
  await letter(db, H, townGov, '2026-01-20T10:00:00');

  const K = await mk(db, {
    status: 'closed',
    officeId: health,
    submitted: '2026-01-15T12:00:00',
    dispatched: '2026-01-15T13:00:00',
    dispatchDue: '2026-01-16T12:00:00',
    replied: '2026-01-15T18:00:00',
    replyDue: '2026-01-23T00:00:00',
    resolved: '2026-01-31T23:30:00',
    resolveDue: '2026-02-06T00:00:00',
  });
  await rating(db, K, 'basically_satisfied', '2026-02-01T00:30:00');
  await check(db, K, 'pending', '2026-02-10T00:30:00');

  const L = await mk(db, {
    status: 'triaged',
    categoryCode: null,
    submitted: '2026-01-01T00:00:00',
    dispatchDue: '2026-01-02T00:00:00',
    replyDue: '2026-01-09T00:00:00',
    resolveDue: '2026-03-21T00:00:00',
  });
  const M = await mk(db, { status: 'received', submitted: '2025-12-31T23:59:59' });

  const I = await mk(db, {
    status: 'closed',
    kind: 'misconduct',
    officeId: health,
    submitted: '2026-01-08T10:00:00',
    dispatched: '2026-01-08T11:00:00',
    dispatchDue: '2026-01-09T10:00:00',
    replied: '2026-01-09T10:00:00',
    replyDue: '2026-01-16T00:00:00',
    resolved: '2026-01-12T10:00:00',
    resolveDue: '2026-01-11T00:00:00',
  });
  await rating(db, I, 'satisfied', '2026-01-13T10:00:00');
  await check(db, I, 'passed', '2026-01-14T10:00:00', '2026-01-15T10:00:00');
  await letter(db, I, health, '2026-01-11T10:00:00');

  const J = await mk(db, {
    status: 'closed',
    officeId: dongquHealth,
    villageCode: '510402001002',
    submitted: '2026-01-09T10:00:00',
    dispatched: '2026-01-09T11:00:00',
    dispatchDue: '2026-01-10T10:00:00',
    replied: '2026-01-10T10:00:00',
    replyDue: '2026-01-17T00:00:00',
    resolved: '2026-01-12T10:00:00',
    resolveDue: '2026-01-30T00:00:00',
  });
  await rating(db, J, 'unsatisfied', '2026-01-13T10:00:00');
  return { A, B, C, D, E, F, G, H, K, L, M, I, J };
}

/** A test database (its own PostGIS) holding the workflow fixture's world and the cases above. */
export async function openStatsWorld(): Promise<{
  handle: DbHandle;
  world: WorkflowWorld;
  cases: StatsCases;
}> {
  const handle = await createTestDb();
  const world = await buildWorkflowWorld(handle.db);
  return { handle, world, cases: await insertStatsCases(handle.db, world) };
}

/** The `AppError` code a call fails with, 'OK' when it succeeds (any other error as text). */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}
