import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { AppError } from '@/lib/http/errors';
import { buildWorkflowWorld, insertCase, type WorkflowWorld } from '@/lib/workflow/testing/fixture';
import { drawSpotChecks, runMonthlySpotCheckDraws } from './draw-spot-checks.server';
import { getCaseSupervision } from './get-case-supervision.server';
import { getSupervisionBoard } from './get-supervision-board.server';
import { issueSupervisionLetter } from './issue-supervision-letter.server';
import { LETTER_CODE } from './letter-template';
import { recordFollowUpVisit } from './record-follow-up-visit.server';
import { recordSpotCheck } from './record-spot-check.server';
import { respondToLetter } from './respond-to-letter.server';

let handle: DbHandle;
let world: WorkflowWorld;
const now = new Date('2026-04-10T03:00:00Z');

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  // the 纪委 office of 西区 issues the letters
  const jw = await queryRow<{ id: number }>(
    handle.db,
    sql`select id from offices where kind = 'discipline' and division_code = '510403000000'`,
  );
  expect(jw).toBeTruthy();
});
afterAll(async () => {
  await handle?.close();
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

async function overdueCase(officeId = world.offices.health): Promise<number> {
  const id = await insertCase(handle.db, { status: 'accepted', officeId });
  await handle.db.execute(
    sql`update complaints set resolve_due_at = ${new Date(now.getTime() - 3 * 86_400_000).toISOString()}::timestamptz,
          first_reply_due_at = ${new Date(now.getTime() - 8 * 86_400_000).toISOString()}::timestamptz where id = ${id}`,
  );
  return id;
}

async function resolvedCase(officeId: number, resolvedAt: string, status: 'resolved' | 'closed' = 'closed') {
  const id = await insertCase(handle.db, { status, officeId });
  await handle.db.execute(
    sql`update complaints set resolved_at = ${resolvedAt}::timestamptz where id = ${id}`,
  );
  return id;
}

describe('supervision letters', () => {
  it('numbers letters DB<year><seq> without gaps or duplicates under concurrency, after existing ones', async () => {
    // an earlier letter of the year (as the seed makes them) sets where the sequence goes on
    const seedCase = await overdueCase();
    await handle.db.execute(
      sql`insert into supervision_letters (code, complaint_id, office_id, issuing_office_id, reason, issued_at, due_at, answered_at)
          select 'DB2026000041', ${seedCase}, ${world.offices.health}, id, 'x', now(), now(), now()
          from offices where kind = 'discipline' and division_code = '510403000000'`,
    );
    const cases = await Promise.all(Array.from({ length: 6 }, () => overdueCase()));
    const letters = await Promise.all(
      cases.map((complaintId) =>
        issueSupervisionLetter(handle.db, { user: world.users.inspector, complaintId, now }),
      ),
    );
    const codes = letters.map((l) => l.code).sort();
    expect(codes).toEqual([
      'DB2026000042',
      'DB2026000043',
      'DB2026000044',
      'DB2026000045',
      'DB2026000046',
      'DB2026000047',
    ]);
    for (const c of codes) expect(c).toMatch(LETTER_CODE);
    // due in 3 working days: 10 April 2026 (Friday) → end of Wednesday 15 April (CST)
    expect(letters[0]!.dueAt.toISOString()).toBe('2026-04-15T16:00:00.000Z');
    // event on the case and a reminder for the office
    const ev = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from complaint_events where type = 'supervised' and complaint_id = ${cases[0]}`,
    );
    expect(ev!.n).toBe(1);
    const note = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from notifications where kind = 'letter_issued' and recipient_office_id = ${world.offices.health} and complaint_id = ${cases[0]}`,
    );
    expect(note!.n).toBe(1);
    // the letter's text comes from the case
    const reason = await queryRow<{ reason: string }>(
      handle.db,
      sql`select reason from supervision_letters where id = ${letters[0]!.id}`,
    );
    expect(reason!.reason).toContain('卫生院药品价格贵');
    expect(reason!.reason).toContain('2026年4月15日');
  });

  it('refuses cases that are not overdue, a second open letter, other roles and other divisions', async () => {
    const fresh = await insertCase(handle.db, { status: 'accepted', officeId: world.offices.health });
    await handle.db.execute(
      sql`update complaints set resolve_due_at = ${new Date(now.getTime() + 9 * 86_400_000).toISOString()}::timestamptz where id = ${fresh}`,
    );
    expect(
      await code(issueSupervisionLetter(handle.db, { user: world.users.inspector, complaintId: fresh, now })),
    ).toBe('CONFLICT');
    const late = await overdueCase();
    await issueSupervisionLetter(handle.db, { user: world.users.inspector, complaintId: late, now });
    expect(
      await code(issueSupervisionLetter(handle.db, { user: world.users.inspector, complaintId: late, now })),
    ).toBe('CONFLICT');
    const other = await overdueCase();
    expect(
      await code(issueSupervisionLetter(handle.db, { user: world.users.handler, complaintId: other, now })),
    ).toBe('FORBIDDEN');
    expect(
      await code(
        issueSupervisionLetter(handle.db, { user: world.users.otherInspector, complaintId: other, now }),
      ),
    ).toBe('NOT_FOUND');
  });

  it("lets only a handler of the letter's office acknowledge and answer, once each", async () => {
    const id = await overdueCase();
    const letter = await issueSupervisionLetter(handle.db, {
      user: world.users.inspector,
      complaintId: id,
      now,
    });
    const later = new Date(now.getTime() + 3_600_000);
    const ack = (user: WorkflowWorld['users'][keyof WorkflowWorld['users']]) =>
      respondToLetter(handle.db, {
        user,
        letterId: letter.id,
        response: { kind: 'acknowledge' },
        now: later,
      });
    expect(await code(ack(world.users.waterHandler))).toBe('NOT_FOUND');
    expect(await code(ack(world.users.otherHandler))).toBe('NOT_FOUND');
    expect(await code(ack(world.users.inspector))).toBe('FORBIDDEN');
    expect(await code(ack(world.users.grid))).toBe('FORBIDDEN');
    expect(await code(ack(world.users.handler))).toBe('OK');
    expect(await code(ack(world.users.handler2))).toBe('CONFLICT');
    const answer = (
      user: WorkflowWorld['users'][keyof WorkflowWorld['users']],
      text = '已整改到位，药价已按集采价格执行',
    ) =>
      respondToLetter(handle.db, {
        user,
        letterId: letter.id,
        response: { kind: 'answer', answer: text },
        now: later,
      });
    expect(await code(answer(world.users.waterHandler))).toBe('NOT_FOUND');
    expect(await code(answer(world.users.handler2, ' '))).toBe('VALIDATION');
    expect(await code(answer(world.users.handler2))).toBe('OK');
    expect(await code(answer(world.users.handler))).toBe('CONFLICT');
    const row = await queryRow<{ answer: string; ackBy: number; ansBy: number }>(
      handle.db,
      sql`select answer, acknowledged_by_user_id as "ackBy", answered_by_user_id as "ansBy" from supervision_letters where id = ${letter.id}`,
    );
    expect(row).toMatchObject({ ackBy: world.users.handler.id, ansBy: world.users.handler2.id });
    const events = await queryRows<{ type: string }>(
      handle.db,
      sql`select type from complaint_events where complaint_id = ${id} and type like 'letter_%' order by id`,
    );
    expect(events.map((e) => e.type)).toEqual(['letter_acknowledged', 'letter_answered']);
    // the case page shows the letter to its office and the inspector, not to another office
    const seen = await getCaseSupervision(handle.db, { user: world.users.handler, complaintId: id });
    expect(seen.letters.map((l) => l.code)).toEqual([letter.code]);
    const notSeen = await getCaseSupervision(handle.db, { user: world.users.waterHandler, complaintId: id });
    expect(notSeen.letters).toEqual([]);
  });

  it('shows overdue cases and letters on the board of the inspector, not of another division', async () => {
    const id = await overdueCase(world.offices.water);
    const board = await getSupervisionBoard(handle.db, { user: world.users.inspector, now });
    expect(board.overdue.some((c) => Number(c.id) === id)).toBe(true);
    const water = board.offices.find((o) => o.officeId === world.offices.water);
    expect(water?.overdue).toBeGreaterThanOrEqual(1);
    expect(board.letters.length).toBeGreaterThan(0);
    const other = await getSupervisionBoard(handle.db, { user: world.users.otherInspector, now });
    expect(other.overdue.some((c) => Number(c.id) === id)).toBe(false);
    expect(await code(getSupervisionBoard(handle.db, { user: world.users.handler, now }))).toBe('FORBIDDEN');
  });
});

describe('spot checks', () => {
  it('draws the same cases for the same month and office, at least one, recorded with its seed', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 45; i++) ids.push(await resolvedCase(world.offices.xiquGov, '2026-02-10T04:00:00Z'));
    // resolved in another month: not in February's population
    await resolvedCase(world.offices.xiquGov, '2026-03-01T04:00:00Z');
    const first = await drawSpotChecks(handle.db, {
      actor: { kind: 'user', user: world.users.inspector },
      month: '2026-02',
      share: 0.05,
      now,
    });
    const draw = first.draws.find((d) => d.officeId === world.offices.xiquGov)!;
    expect(draw.population).toBe(45);
    expect(draw.complaintIds).toHaveLength(2); // round(45 × 5 %) = 2
    expect(draw.created).toBe(true);
    for (const id of draw.complaintIds) expect(ids).toContain(id);
    const stored = await queryRow<{ seed: string; ids: number[] }>(
      handle.db,
      sql`select seed, complaint_ids as ids from spot_check_draws where id = ${draw.drawId}`,
    );
    expect(stored!.seed).toBe(`spot-check:2026-02:office-${world.offices.xiquGov}`);
    expect(stored!.ids.map(Number)).toEqual(draw.complaintIds);
    // drawn again: the same draw, nothing new
    const again = await drawSpotChecks(handle.db, {
      actor: { kind: 'user', user: world.users.inspector },
      month: '2026-02',
      share: 0.05,
      now,
    });
    expect(again.draws.find((d) => d.officeId === world.offices.xiquGov)).toMatchObject({
      created: false,
      complaintIds: draw.complaintIds,
    });
    // reproducible from scratch: the same population on a fresh database gives the same ids
    const fresh = await createTestDb();
    try {
      const w2 = await buildWorkflowWorld(fresh.db);
      const reinserted = new Map<number, number>();
      for (const id of ids) {
        await fresh.db.execute(sql`select setval('complaints_id_seq', ${id - 1})`);
        const id2 = await insertCase(fresh.db, { status: 'closed', officeId: w2.offices.xiquGov });
        reinserted.set(id2, id);
        await fresh.db.execute(
          sql`update complaints set resolved_at = '2026-02-10T04:00:00Z' where id = ${id2}`,
        );
      }
      const d2 = await drawSpotChecks(fresh.db, {
        actor: { kind: 'system' },
        month: '2026-02',
        share: 0.05,
        now,
      });
      const o2 = d2.draws.find((d) => d.officeId === w2.offices.xiquGov)!;
      expect(o2.complaintIds.map((id) => reinserted.get(id))).toEqual(draw.complaintIds);
    } finally {
      await fresh.close();
    }
    // one resolved case still gives one check (minimum 1)
    await resolvedCase(world.offices.townGov, '2026-02-11T04:00:00Z');
    const small = await drawSpotChecks(handle.db, {
      actor: { kind: 'user', user: world.users.inspector },
      month: '2026-02',
      now,
    });
    expect(small.draws.find((d) => d.officeId === world.offices.townGov)?.complaintIds).toHaveLength(1);
  });

  it('refuses the current month, other roles; the monthly run draws last month once', async () => {
    expect(
      await code(
        drawSpotChecks(handle.db, {
          actor: { kind: 'user', user: world.users.inspector },
          month: '2026-04',
          now,
        }),
      ),
    ).toBe('VALIDATION');
    expect(
      await code(drawSpotChecks(handle.db, { actor: { kind: 'user', user: world.users.handler }, now })),
    ).toBe('FORBIDDEN');
    await resolvedCase(world.offices.water, '2026-03-15T04:00:00Z');
    const run = await runMonthlySpotCheckDraws(handle.db, { now });
    expect(run.month).toBe('2026-03');
    expect(run.draws.some((d) => d.officeId === world.offices.water && d.created)).toBe(true);
    const rerun = await runMonthlySpotCheckDraws(handle.db, { now });
    expect(rerun.draws).toEqual([]);
  });

  it('a failed check reopens the case through the transition verb and counts against the office', async () => {
    const id = await resolvedCase(world.offices.health, '2026-01-20T04:00:00Z', 'closed');
    const drawn = await drawSpotChecks(handle.db, {
      actor: { kind: 'user', user: world.users.inspector },
      month: '2026-01',
      now,
    });
    expect(drawn.draws.find((d) => d.officeId === world.offices.health)?.complaintIds).toEqual([id]);
    const check = await queryRow<{ id: number }>(
      handle.db,
      sql`select id from spot_checks where complaint_id = ${id} and result = 'pending'`,
    );
    expect(
      await code(
        recordSpotCheck(handle.db, {
          user: world.users.inspector,
          spotCheckId: check!.id,
          result: 'failed',
          now,
        }),
      ),
    ).toBe('VALIDATION');
    expect(
      await code(
        recordSpotCheck(handle.db, {
          user: world.users.otherInspector,
          spotCheckId: check!.id,
          result: 'failed',
          finding: '群众说没修好',
          now,
        }),
      ),
    ).toBe('NOT_FOUND');
    const r = await recordSpotCheck(handle.db, {
      user: world.users.inspector,
      spotCheckId: check!.id,
      result: 'failed',
      finding: '电话回访，群众反映药价仍未下调',
      now,
    });
    expect(r.reopened).toBe(true);
    const c = await queryRow<{ status: string; reopenCount: number }>(
      handle.db,
      sql`select status::text as status, reopen_count as "reopenCount" from complaints where id = ${id}`,
    );
    expect(c).toEqual({ status: 'reopened', reopenCount: 1 });
    const events = await queryRows<{ type: string }>(
      handle.db,
      sql`select type from complaint_events where complaint_id = ${id} order by id`,
    );
    expect(events.map((e) => e.type).slice(-2)).toEqual(['spot_check_failed', 'reopened']);
    expect(
      await code(
        recordSpotCheck(handle.db, {
          user: world.users.inspector,
          spotCheckId: check!.id,
          result: 'passed',
          now,
        }),
      ),
    ).toBe('CONFLICT');
    const board = await getSupervisionBoard(handle.db, { user: world.users.inspector, now });
    expect(board.offices.find((o) => o.officeId === world.offices.health)?.failedChecks).toBe(1);
  });
});

describe('follow-up visits', () => {
  it('are recorded by grid workers of the grid and inspectors of the division only', async () => {
    const id = await insertCase(handle.db, { status: 'closed', officeId: world.offices.health });
    const visit = (user: WorkflowWorld['users'][keyof WorkflowWorld['users']]) =>
      recordFollowUpVisit(handle.db, {
        user,
        complaintId: id,
        method: 'phone',
        outcome: '群众表示已解决',
        now,
      });
    expect(await code(visit(world.users.grid))).toBe('OK');
    expect(await code(visit(world.users.inspector))).toBe('OK');
    expect(await code(visit(world.users.handler))).toBe('FORBIDDEN');
    expect(await code(visit(world.users.leader))).toBe('FORBIDDEN');
    expect(await code(visit(world.users.otherInspector))).toBe('NOT_FOUND');
    // a case of another 西区 village (another grid): the inspector may, the grid worker may not
    const outside = await insertCase(handle.db, { status: 'closed', villageCode: '510403002001' });
    const other = (user: WorkflowWorld['users'][keyof WorkflowWorld['users']]) =>
      recordFollowUpVisit(handle.db, {
        user,
        complaintId: outside,
        method: 'in_person',
        outcome: '上门核实',
        now,
      });
    expect(await code(other(world.users.grid))).toBe('NOT_FOUND');
    expect(await code(other(world.users.inspector))).toBe('OK');
    const seen = await getCaseSupervision(handle.db, { user: world.users.inspector, complaintId: id });
    expect(seen.visits).toHaveLength(2);
    expect(
      await code(
        recordFollowUpVisit(handle.db, {
          user: world.users.grid,
          complaintId: id,
          method: 'phone',
          outcome: ' ',
          now,
        }),
      ),
    ).toBe('VALIDATION');
  });
});
