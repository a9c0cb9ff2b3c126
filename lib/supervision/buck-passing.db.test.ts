/**
 * 推诿扯皮 end to end on a real PostGIS. Ordinary life in 西区 through the real workflow verb: 130
 * cases over six towns dispatched to the office the routing table would pick, a few returned once at
 * random and re-dispatched. Planted: ten water cases of 清香坪街道 that the street office and the county
 * water bureau pass back and forth (return, re-dispatch, transfer back, return again). The analysis must
 * name the planted cases, the pair and the category × town, and stay silent on everything else; a
 * misconduct report bouncing just as often, another county's case and bounces outside the window never
 * show; the 督办函 lists each return with its reason and date and can be issued on a case not overdue.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { buildMonthlyReport } from '@/lib/reports/build-monthly-report.server';
import { renderReportHtml } from '@/lib/reports/render-report-html';
import { applyRoutingAmendment } from '@/lib/routing/apply-routing-amendment.server';
import { listRoutingAmendments } from '@/lib/routing/list-routing-amendments.server';
import { loadRouter } from '@/lib/routing/load-router.server';
import { seededRandom } from '@/lib/triage/random';
import {
  buildWorkflowWorld,
  insertCase,
  type WorkflowWorld,
  XIQU,
  XIQU_TOWN,
} from '@/lib/workflow/testing/fixture';
import { transition } from '@/lib/workflow/transition.server';
import { BUCK_PASSING_Q } from './buck-passing-types';
import { getBuckPassing } from './get-buck-passing.server';
import { issueSupervisionLetter } from './issue-supervision-letter.server';

vi.mock('server-only', () => ({}));

const DAY = 86_400_000;
const NOW = new Date('2026-11-20T02:00:00Z');
const FROM = new Date(NOW.getTime() - 365 * DAY);
const TOWNS = [
  ['510403001000', '510403001001'],
  ['510403002000', '510403002001'],
  ['510403003000', '510403003001'],
  ['510403004000', '510403004001'],
  ['510403006000', '510403006001'],
  ['510403100000', '510403100201'],
] as const;
const RETURN_REASONS = ['不属于本单位职责范围', '诉求地址不在本辖区', '应由行业主管部门办理'];

let handle: DbHandle;
let world: WorkflowWorld;
let townGov: number;
let townHandler: AuthUser;
const handlers = new Map<number, AuthUser>();
const planted: number[] = [];
let misconductId = 0;
let dongquId = 0;
let oldId = 0;
let singleReturn = 0;
const handledByTown: number[] = [];

const rng = seededRandom;

async function officeId(code: string): Promise<number> {
  const row = await queryRow<{ id: number }>(handle.db, sql`select id from offices where code = ${code}`);
  return row!.id;
}

async function handlerFor(office: number): Promise<AuthUser> {
  const known = handlers.get(office);
  if (known) return known;
  const username = `bp-h-${office}`;
  const row = await queryRow<{ id: number }>(
    handle.db,
    sql`insert into users (username, display_name, password_hash, role, office_id)
        values (${username}, ${username}, 'x', 'handler', ${office}) returning id`,
  );
  const u: AuthUser = {
    id: row!.id,
    username,
    displayName: username,
    role: 'handler',
    jurisdiction: { kind: 'office', officeId: office, divisionCode: XIQU, divisionLevel: 'county' },
    jurisdictionName: null,
  };
  handlers.set(office, u);
  return u;
}

const system = { kind: 'system' } as const;
const as = (user: AuthUser) => ({ kind: 'user', user }) as const;

async function dispatch(id: number, office: number, at: Date) {
  await transition(handle.db, {
    complaintId: id,
    verb: 'dispatch',
    actor: system,
    input: { officeId: office, routingReason: '权责匹配' },
    now: at,
  });
}

/** Raw bounce events for cases the workflow cannot produce here (misconduct, another county, long ago). */
async function rawBounces(id: number, offices: [number, number], start: Date) {
  const [a, b] = offices;
  const t = (h: number) => new Date(start.getTime() + h * 3_600_000).toISOString();
  await handle.db.execute(sql`insert into complaint_events (complaint_id, type, data, created_at) values
    (${id}, 'dispatched', ${JSON.stringify({ officeId: a })}::jsonb, ${t(0)}::timestamptz),
    (${id}, 'returned', ${JSON.stringify({ officeId: a, reason: '不属于本单位职责' })}::jsonb, ${t(5)}::timestamptz),
    (${id}, 'dispatched', ${JSON.stringify({ officeId: b })}::jsonb, ${t(8)}::timestamptz),
    (${id}, 'transferred', ${JSON.stringify({ fromOfficeId: b, officeId: a, reason: '应由对方办理' })}::jsonb, ${t(30)}::timestamptz),
    (${id}, 'returned', ${JSON.stringify({ officeId: a, reason: '不属于本单位职责' })}::jsonb, ${t(50)}::timestamptz)`);
}

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  townGov = await officeId(`${XIQU_TOWN}-GOV`);
  townHandler = await handlerFor(townGov);
  const next = rng(19);
  const cats = ['WJ01', 'WJ02', 'ZJ01', 'SL01', 'SC01', 'CG01'];
  const departmentOf: Record<string, string> = { WJ: 'WJJ', ZJ: 'ZJJ', SL: 'SLJ', SC: 'SCJ', CG: 'ZFJ' };
  // Ordinary life: 130 cases, each dispatched to its county department; 3 % returned once and re-dispatched to the town.
  for (let k = 0; k < 130; k++) {
    const [town, village] = TOWNS[k % TOWNS.length]!;
    const category = cats[Math.floor(next() * cats.length)]!;
    const at = new Date(FROM.getTime() + (10 + next() * 330) * DAY);
    const id = await insertCase(handle.db, {
      status: 'triaged',
      categoryCode: category,
      villageCode: village,
    });
    const dept = await officeId(`${XIQU}-${departmentOf[category.slice(0, 2)]}`);
    await dispatch(id, dept, at);
    if (next() < 0.03 || k === 7) {
      await transition(handle.db, {
        complaintId: id,
        verb: 'return',
        actor: as(await handlerFor(dept)),
        input: { reason: RETURN_REASONS[k % RETURN_REASONS.length]! },
        now: new Date(at.getTime() + 6 * 3_600_000),
      });
      await dispatch(id, await officeId(`${town}-GOV`), new Date(at.getTime() + 9 * 3_600_000));
      if (k === 7) singleReturn = id;
    } else {
      await transition(handle.db, {
        complaintId: id,
        verb: 'accept',
        actor: as(await handlerFor(dept)),
        input: {},
        now: new Date(at.getTime() + 3 * 3_600_000),
      });
    }
  }
  // Planted: the street office and the water bureau pass ten water cases of 清香坪 back and forth.
  const water = await handlerFor(world.offices.water);
  for (let k = 0; k < 10; k++) {
    const at = new Date(NOW.getTime() - (20 + k * 25) * DAY);
    const h = (n: number) => new Date(at.getTime() + n * 3_600_000);
    const id = await insertCase(handle.db, {
      status: 'triaged',
      categoryCode: 'SL01',
      title: `村里停水第${k + 1}天`,
      villageCode: '510403001001',
    });
    await dispatch(id, townGov, h(0));
    await transition(handle.db, {
      complaintId: id,
      verb: 'return',
      actor: as(townHandler),
      input: { reason: '供水主管网属县水利局管理，不属本单位职责' },
      now: h(5),
    });
    await dispatch(id, world.offices.water, h(8));
    await transition(handle.db, { complaintId: id, verb: 'accept', actor: as(water), input: {}, now: h(10) });
    await transition(handle.db, {
      complaintId: id,
      verb: 'transfer',
      actor: as(water),
      input: { officeId: townGov, reason: '村内供水管网由街道负责维护' },
      now: h(30),
    });
    await transition(handle.db, {
      complaintId: id,
      verb: 'return',
      actor: as(townHandler),
      input: { reason: '已转水利局，仍退回水利局' },
      now: h(50),
    });
    await dispatch(id, world.offices.water, h(52));
    planted.push(id);
  }
  // Water cases the street office handled right away: the cost side of any amendment's replay.
  for (let k = 0; k < 3; k++) {
    const at = new Date(NOW.getTime() - (40 + k * 30) * DAY);
    const id = await insertCase(handle.db, {
      status: 'triaged',
      categoryCode: 'SL01',
      villageCode: '510403001001',
    });
    await dispatch(id, townGov, at);
    await transition(handle.db, {
      complaintId: id,
      verb: 'accept',
      actor: as(townHandler),
      input: {},
      now: new Date(at.getTime() + 2 * 3_600_000),
    });
    handledByTown.push(id);
  }
  // Controls: a misconduct report bouncing three times, a 东区 case, and 西区 bounces long before the window.
  misconductId = await insertCase(handle.db, { status: 'dispatched', categoryCode: 'JJ01' });
  await handle.db.execute(sql`update complaints set kind = 'misconduct' where id = ${misconductId}`);
  await rawBounces(misconductId, [townGov, world.offices.water], new Date(NOW.getTime() - 30 * DAY));
  dongquId = await insertCase(handle.db, { status: 'dispatched', villageCode: '510402001002' });
  await rawBounces(
    dongquId,
    [world.offices.dongquHealth, await officeId('510402001000-GOV')],
    new Date(NOW.getTime() - 30 * DAY),
  );
  oldId = await insertCase(handle.db, { status: 'dispatched', categoryCode: 'SL01' });
  await rawBounces(oldId, [townGov, world.offices.water], new Date(NOW.getTime() - 500 * DAY));
}, 300_000);

afterAll(async () => {
  await handle?.close();
});

describe('buck-passing analysis on real events', () => {
  it('names the planted cases, the back-and-forth pair and the category × town, and nothing else', async () => {
    const a = await getBuckPassing(handle.db, { user: world.users.inspector, from: FROM, to: NOW });
    expect(a.cases.map((c) => c.complaintId).sort()).toEqual([...planted].sort());
    const first = a.cases.find((c) => c.complaintId === planted[0])!;
    expect(first.bounces.map((b) => [b.type, b.from?.id, b.to?.id])).toEqual([
      ['returned', townGov, world.offices.water],
      ['transferred', world.offices.water, townGov],
      ['returned', townGov, world.offices.water],
    ]);
    expect(first.bounces[0]!.reason).toBe('供水主管网属县水利局管理，不属本单位职责');
    expect(first.office?.id).toBe(world.offices.water);
    expect(first.canIssue).toBe(true);

    const pair = a.pairs[0]!;
    expect([pair.a.id, pair.b.id].sort()).toEqual([townGov, world.offices.water].sort());
    expect(pair.backAndForth).toBe(true);
    expect(pair.total).toBe(30);
    expect(a.pairs.filter((p) => p.backAndForth)).toHaveLength(1);

    const flagged = a.offices.filter((o) => o.q < BUCK_PASSING_Q).map((o) => o.office.id);
    expect(flagged).toContain(townGov);
    expect(flagged.every((id) => id === townGov || id === world.offices.water)).toBe(true);
    const combos = a.combos.filter((c) => c.q < BUCK_PASSING_Q);
    expect(combos.map((c) => `${c.category.code}:${c.town.code}`)).toEqual([`SL:${XIQU_TOWN}`]);
    expect(combos[0]!.category.name).toBe('水利');
    // The ordinary single return is counted but not listed as bouncing.
    expect(a.cases.some((c) => c.complaintId === singleReturn)).toBe(false);
    expect(a.baseRate).toBeGreaterThan(0);
  });

  it('keeps misconduct reports, other counties and old bounces out; leaders read without issuing', async () => {
    for (const user of [world.users.inspector, world.users.leader]) {
      const a = await getBuckPassing(handle.db, { user, from: FROM, to: NOW });
      const ids = [
        ...a.cases.map((c) => c.complaintId),
        ...a.pairs.flatMap((p) => p.complaintIds),
        ...a.combos.flatMap((c) => c.complaintIds),
      ];
      for (const id of [misconductId, dongquId, oldId]) expect(ids).not.toContain(id);
      expect(a.cases.every((c) => c.canIssue === (user.role === 'inspector'))).toBe(true);
    }
    const dongqu = await getBuckPassing(handle.db, { user: world.users.otherInspector, from: FROM, to: NOW });
    expect(dongqu.cases.map((c) => c.complaintId)).toEqual([dongquId]);
    // The misconduct report stays out even for the inspector who may read it elsewhere.
    const all = await getBuckPassing(handle.db, {
      user: world.users.inspector,
      from: new Date(NOW.getTime() - 730 * DAY),
      to: NOW,
    });
    expect(all.cases.map((c) => c.complaintId)).toContain(oldId);
    expect(all.cases.map((c) => c.complaintId)).not.toContain(misconductId);
    await expect(
      getBuckPassing(handle.db, { user: world.users.handler, from: FROM, to: NOW }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      getBuckPassing(handle.db, { user: world.users.admin, from: FROM, to: NOW }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('issues the 督办函 listing each return with its reason and date, on a case that is not overdue', async () => {
    const a = await getBuckPassing(handle.db, { user: world.users.inspector, from: FROM, to: NOW });
    const c = a.cases.find((x) => x.complaintId === planted[0])!;
    expect(c.draft).toContain('供水主管网属县水利局管理，不属本单位职责');
    expect(c.draft).toContain('村内供水管网由街道负责维护');
    expect(c.draft.split('\n').filter((l) => /^\d\. /.test(l))).toHaveLength(3);
    // Overdue ground: refused (the case is within its deadlines).
    await expect(
      issueSupervisionLetter(handle.db, {
        user: world.users.inspector,
        complaintId: c.complaintId,
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(AppError);
    const letter = await issueSupervisionLetter(handle.db, {
      user: world.users.inspector,
      complaintId: c.complaintId,
      ground: 'bouncing',
      now: NOW,
    });
    const row = await queryRow<{ reason: string; office_id: number }>(
      handle.db,
      sql`select reason, office_id from supervision_letters where id = ${letter.id}`,
    );
    expect(row!.office_id).toBe(world.offices.water);
    for (const text of ['供水主管网属县水利局管理', '村内供水管网由街道负责维护', '已转水利局，仍退回水利局'])
      expect(row!.reason).toContain(text);
    expect(row!.reason).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    // The case now shows its open letter and cannot get a second one.
    const after = await getBuckPassing(handle.db, { user: world.users.inspector, from: FROM, to: NOW });
    const again = after.cases.find((x) => x.complaintId === c.complaintId)!;
    expect(again.openLetter).toBe(letter.code);
    expect(again.canIssue).toBe(false);
    // A case returned once is no ground for a bouncing letter.
    await expect(
      issueSupervisionLetter(handle.db, {
        user: world.users.inspector,
        complaintId: singleReturn,
        ground: 'bouncing',
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('has its section in the monthly report: the month with planted cases names them, a quiet month none', async () => {
    const code = (await queryRow<{ tracking_code: string }>(
      handle.db,
      sql`select tracking_code from complaints where id = ${planted[1]!}`,
    ))!.tracking_code;
    // planted[1] bounced three times within one month (planted[0]'s bounces straddle two months).
    const month = new Date(NOW.getTime() - 45 * DAY + 8 * 3_600_000).toISOString().slice(0, 7);
    const report = await buildMonthlyReport(handle.db, { areaCode: XIQU, month, now: NOW });
    expect(report.buckPassing!.cases.map((c) => c.trackingCode)).toContain(code);
    expect(report.buckPassing!.pairs[0]!.backAndForth).toBe(true);
    const html = renderReportHtml(report, {
      version: 1,
      generatedAt: NOW.toISOString(),
      generatedByName: null,
    });
    expect(html).toContain('推诿扯皮');
    expect(html).toContain(code);
    // Read in English, the category × town table names the category in English, also in a report
    // stored before the combos carried their category's code.
    const combo = {
      categoryCode: 'SL',
      category: '水利',
      town: '清香坪街道',
      cases: 20,
      bouncedCases: 6,
      rate: 0.3,
      q: 0.01,
    };
    report.buckPassing!.combos = [combo];
    const comboCell = (h: string) => /<section data-section="buck-passing">[\s\S]*<\/section>/.exec(h)![0];
    const view = { locale: 'en', categoryNames: { SL: 'Water' }, categoryCodesByName: { 水利: 'SL' } };
    const meta = { version: 1, generatedAt: NOW.toISOString(), generatedByName: null };
    expect(comboCell(renderReportHtml(report, meta, view))).toContain('<td>Water</td>');
    const older = structuredClone(report);
    for (const c of older.buckPassing!.combos) delete c.categoryCode;
    const olderSection = comboCell(renderReportHtml(older, meta, view));
    expect(olderSection).toContain('<td>Water</td>');
    expect(olderSection).not.toContain('<td>水利</td>');
    const quiet = await buildMonthlyReport(handle.db, { areaCode: XIQU, month: '2025-12', now: NOW });
    expect(quiet.buckPassing!.bouncingTotal).toBe(0);
    expect(quiet.buckPassing!.pairs.some((p) => p.backAndForth)).toBe(false);
  }, 120_000);
});

describe('routing amendment from a pattern, with its 12-month replay', () => {
  it('proposes routing the bouncing category of the town straight to the office the cases ended with', async () => {
    const { proposals } = await listRoutingAmendments(handle.db, { user: world.users.inspector, now: NOW });
    expect(proposals).toHaveLength(1);
    const p = proposals[0]!;
    expect(p.category.code).toBe('SL');
    expect(p.town.code).toBe(XIQU_TOWN);
    expect(p.office.id).toBe(world.offices.water);
    expect(p.rules.map((r) => `${r.categoryCode}:${r.tier}`)).toEqual(['SL01:town']);
    // The ten planted cases would have gone to the bureau at once (30 returns and transfers saved); the
    // three the street office handled well would now be misrouted; other water cases route as before.
    expect(p.replay).toMatchObject({
      routedDifferently: 13,
      casesFixed: 10,
      returnsAvoided: 30,
      newMisroutes: 3,
    });
    expect(p.applied).toBe(false);
    // Admins read the same figures; no complaint is named in them.
    const admin = await listRoutingAmendments(handle.db, { user: world.users.admin, now: NOW });
    expect(admin.proposals[0]!.replay).toEqual(p.replay);
    expect(JSON.stringify(admin)).not.toMatch(/complaintIds|trackingCode/);
    await expect(
      listRoutingAmendments(handle.db, { user: world.users.handler, now: NOW }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('is applied by an admin only, audited, in the routing table the engine reads', async () => {
    const input = {
      categoryCode: 'SL',
      divisionCode: XIQU_TOWN,
      officeId: world.offices.water,
      rules: [{ categoryCode: 'SL01', tier: 'town' as const }],
    };
    const before = await loadRouter(handle.db);
    expect(before.resolve('SL01', 'town', '510403001001')?.office.id).toBe(townGov);
    await expect(
      applyRoutingAmendment(handle.db, { user: world.users.leader, input, now: NOW }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      applyRoutingAmendment(handle.db, {
        user: world.users.admin,
        input: { ...input, divisionCode: '510402001000' },
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const done = await applyRoutingAmendment(handle.db, { user: world.users.admin, input, now: NOW });
    expect(done.ruleIds).toHaveLength(1);
    expect(done.replay.returnsAvoided).toBe(30);
    const after = await loadRouter(handle.db);
    expect(after.resolve('SL01', 'town', '510403001001')?.office.id).toBe(world.offices.water);
    // Other towns and other water categories keep their routing.
    expect(after.resolve('SL01', 'town', '510403002001')?.office.id).toBe(
      before.resolve('SL01', 'town', '510403002001')?.office.id,
    );
    expect(after.resolve('SL02', 'town', '510403001001')?.office.id).toBe(
      before.resolve('SL02', 'town', '510403001001')?.office.id,
    );
    const audit = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from audit_log where target_type = 'routing_amendment' and actor_user_id = ${world.users.admin.id}`,
    );
    expect(audit!.n).toBe(1);
    const again = await listRoutingAmendments(handle.db, { user: world.users.inspector, now: NOW });
    expect(again.proposals[0]!.applied).toBe(true);
    // Applying twice updates the same rule instead of adding another.
    const twice = await applyRoutingAmendment(handle.db, { user: world.users.admin, input, now: NOW });
    expect(twice.ruleIds).toEqual(done.ruleIds);
  });
});
