/**
 * The statistics rollups stay exact through every transition that changes a figure: triage,
 * dispatch, return and re-dispatch (the first dispatch stays the first), reply, transfer, escalate,
 * resolve, rating, reopen, merge, recategorisation, a failed and a passed spot check, a supervision
 * letter and its answer, a change of area, and misconduct reports kept out. After each step the
 * trigger-kept tables equal the rollups computed afresh, and every area level answers as the
 * complaints do, at the step's own "now".
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { getStatsArea, type StatsArea } from '@/db/queries/stats';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import type { AuthUser } from '@/lib/auth/types';
import { issueSupervisionLetter } from '@/lib/supervision/issue-supervision-letter.server';
import { recordSpotCheck } from '@/lib/supervision/record-spot-check.server';
import { respondToLetter } from '@/lib/supervision/respond-to-letter.server';
import {
  buildWorkflowWorld,
  insertCase,
  type WorkflowWorld,
  XIQU,
  XIQU_TOWN,
  XIQU_VILLAGE,
} from '@/lib/workflow/testing/fixture';
import { type Actor, transition } from '@/lib/workflow/transition.server';
import type { Verb, VerbInput } from '@/lib/workflow/transitions';
import { aggregateStats } from './aggregate-stats.server';
import { monthsEndingWith, period, previousPeriod } from './period';
import { statsDifferences } from './testing/compare-stats';
import { rollupDrift } from './testing/rollup-drift';

let handle: DbHandle;
let world: WorkflowWorld;
let areas: StatsArea[];
const CITY = '510400000000';
const cityLeader: AuthUser = {
  id: 1,
  username: 'c',
  displayName: 'c',
  role: 'leader',
  jurisdiction: { kind: 'division', divisionCode: CITY, divisionLevel: 'city' },
  jurisdictionName: null,
};

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  areas = [];
  for (const code of [CITY, XIQU, XIQU_TOWN, XIQU_VILLAGE])
    areas.push((await getStatsArea(handle.db, code))!);
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

const at = (iso: string) => new Date(`${iso}+08:00`);

/** The rollups equal a fresh computation, and every area answers as the complaints at `now`. */
async function expectExact(now: Date) {
  expect(await rollupDrift(handle.db)).toEqual([]);
  const found: string[] = [];
  const periodSets = [
    monthsEndingWith('2026-04', 6),
    [period('2026-01-15', '2026-03-10'), previousPeriod(period('2026-01-15', '2026-03-10'))],
    // partial days only (the daily rollups alone, the median from their histogram)
    [period('2026-02-02', '2026-02-27'), previousPeriod(period('2026-02-02', '2026-02-27'))],
  ];
  for (const area of areas) {
    for (const periods of periodSets) {
      for (const groupBy of area.code === XIQU
        ? (['none', 'office', 'category'] as const)
        : (['none'] as const)) {
        const params = { viewer: cityLeader, area, periods, now, groupBy };
        const rollup = await aggregateStats(handle.db, { ...params, source: 'rollup' });
        const raw = await aggregateStats(handle.db, { ...params, source: 'raw' });
        for (const d of statsDifferences(rollup, raw, periods.length))
          found.push(`${area.code} ${groupBy}: ${d}`);
      }
    }
  }
  expect(found).toEqual([]);
}

async function go<V extends Verb>(id: number, verb: V, actor: Actor, input: VerbInput<V>, now: Date) {
  await transition(handle.db, { complaintId: id, verb, actor, input, now });
  await expectExact(now);
}

describe('the statistics rollups through the life of cases', () => {
  it('stay exact through every transition, rating, check and letter', async () => {
    const inspector: Actor = { kind: 'user', user: world.users.inspector };
    const handler: Actor = { kind: 'user', user: world.users.handler };
    const water: Actor = { kind: 'user', user: world.users.waterHandler };
    const system: Actor = { kind: 'system' };

    const a = await insertCase(handle.db, { status: 'received', submittedAt: at('2026-01-10T10:00:00') });
    const b = await insertCase(handle.db, { status: 'received', submittedAt: at('2026-01-31T23:30:00') });
    const c = await insertCase(handle.db, {
      status: 'dispatched',
      officeId: world.offices.health,
      submittedAt: at('2026-02-03T09:00:00'),
    });
    await expectExact(at('2026-01-10T11:00:00'));

    const triage = (dispatch: string, reply: string, resolve: string) => ({
      categoryCode: 'WJ01',
      urgencyCode: 'normal',
      triageReason: 'test',
      tier: 'county' as const,
      dispatchDueAt: at(dispatch),
      firstReplyDueAt: at(reply),
      resolveDueAt: at(resolve),
    });
    await go(
      a,
      'triage',
      system,
      triage('2026-01-11T10:00:00', '2026-01-20T18:00:00', '2026-02-05T18:00:00'),
      at('2026-01-10T11:00:00'),
    );
    await go(
      b,
      'triage',
      system,
      triage('2026-02-01T23:30:00', '2026-02-10T18:00:00', '2026-03-05T18:00:00'),
      at('2026-02-01T08:00:00'),
    );
    const dispatch = { officeId: world.offices.health, routingReason: '测试派单' };
    await go(a, 'dispatch', inspector, dispatch, at('2026-01-10T15:00:00'));
    await go(a, 'return', handler, { reason: '不属于本单位职责' }, at('2026-01-11T09:00:00'));
    // re-dispatched after the return: the first dispatch (in time) still counts
    await go(a, 'dispatch', inspector, dispatch, at('2026-01-12T09:00:00'));
    await go(a, 'accept', handler, {}, at('2026-01-12T10:00:00'));
    await go(a, 'reply', handler, { note: '已联系卫生院核实' }, at('2026-01-25T10:00:00'));
    await go(
      a,
      'transfer',
      handler,
      { officeId: world.offices.water, reason: '涉及水利设施' },
      at('2026-01-26T10:00:00'),
    );
    await go(a, 'accept', water, {}, at('2026-01-27T10:00:00'));
    await go(
      a,
      'escalate',
      inspector,
      { reason: '需要协调', officeId: world.offices.health },
      at('2026-01-28T10:00:00'),
    );
    await go(a, 'accept', handler, {}, at('2026-01-29T10:00:00'));
    await go(a, 'reply', handler, { note: '正在处理' }, at('2026-01-30T10:00:00'));
    await go(a, 'resolve', handler, { note: '已处理' }, at('2026-02-10T10:00:00'));
    await go(a, 'rate', { kind: 'resident' }, { level: 'unsatisfied' }, at('2026-02-11T10:00:00'));
    await go(a, 'reopen', inspector, { reason: '群众不满意' }, at('2026-02-15T10:00:00'));
    await go(a, 'accept', handler, {}, at('2026-02-16T10:00:00'));
    await go(a, 'reply', handler, { note: '再次处理' }, at('2026-02-17T10:00:00'));
    await go(a, 'resolve', handler, { note: '已解决' }, at('2026-03-02T10:00:00'));
    await go(a, 'rate', { kind: 'resident' }, { level: 'satisfied' }, at('2026-03-03T10:00:00'));

    // merge: c into a
    await go(c, 'merge', inspector, { mergedIntoId: a }, at('2026-02-04T10:00:00'));

    // a spot check of a fails (reopens it), the case is resolved again, a second check passes
    const draw = async () =>
      (await queryRow<{ id: number }>(
        handle.db,
        sql`insert into spot_checks (complaint_id, sampled_at) values (${a}, now()) returning id`,
      ))!.id;
    await recordSpotCheck(handle.db, {
      user: world.users.inspector,
      spotCheckId: await draw(),
      result: 'failed',
      finding: '现场核实未解决',
      now: at('2026-03-05T10:00:00'),
    });
    await expectExact(at('2026-03-05T11:00:00'));
    await go(a, 'accept', handler, {}, at('2026-03-06T10:00:00'));
    await go(a, 'reply', handler, { note: '第三次处理' }, at('2026-03-07T10:00:00'));
    await go(a, 'resolve', handler, { note: '已彻底解决' }, at('2026-03-10T10:00:00'));
    await recordSpotCheck(handle.db, {
      user: world.users.inspector,
      spotCheckId: await draw(),
      result: 'passed',
      now: at('2026-03-12T10:00:00'),
    });
    await expectExact(at('2026-03-12T11:00:00'));

    // b: dispatched late, overdue, supervised by a letter that is answered
    await go(b, 'dispatch', inspector, dispatch, at('2026-02-03T09:00:00'));
    await go(b, 'accept', handler, {}, at('2026-02-03T10:00:00'));
    const letter = await issueSupervisionLetter(handle.db, {
      user: world.users.inspector,
      complaintId: b,
      now: at('2026-03-06T10:00:00'),
    });
    await expectExact(at('2026-03-06T11:00:00'));
    await respondToLetter(handle.db, {
      user: world.users.handler,
      letterId: letter.id,
      response: { kind: 'answer', answer: '已加快办理进度' },
      now: at('2026-03-07T10:00:00'),
    });
    await expectExact(at('2026-03-07T11:00:00'));
    await go(
      b,
      'recategorize',
      inspector,
      { categoryCode: 'SL01', reason: '实为供水问题' },
      at('2026-03-08T10:00:00'),
    );

    // b moves to another village of the town; then becomes a misconduct report (left out), and back
    await handle.db.execute(
      sql`update complaints set village_code = (select code from divisions where parent_code = ${XIQU_TOWN} and code <> ${XIQU_VILLAGE} order by code limit 1)
          where id = ${b}`,
    );
    await expectExact(at('2026-03-08T11:00:00'));
    await handle.db.execute(sql`update complaints set kind = 'misconduct' where id = ${b}`);
    await expectExact(at('2026-03-08T11:00:00'));
    await handle.db.execute(sql`update complaints set kind = 'complaint' where id = ${b}`);
    // at several "now"s: before the deadlines, between them, after them
    for (const now of [
      '2026-01-10T12:00:00',
      '2026-02-01T00:00:00',
      '2026-03-05T17:00:00',
      '2026-05-01T00:00:00',
    ]) {
      await expectExact(at(now));
    }

    const sums = await queryRow<{ v: number; r: number; k: number; l: number; reopen: number; ret: number }>(
      handle.db,
      sql`select sum(volume)::int as v, sum(rating_den)::int as r, sum(checks_done)::int as k,
            sum(letters_answered)::int as l, sum(reopen_num)::int as reopen, sum(return_num)::int as ret
          from complaint_stats_rollups where area_code = ${XIQU}`,
    );
    expect(sums).toEqual({ v: 3, r: 2, k: 2, l: 1, reopen: 1, ret: 1 });
  }, 600_000);
});
