/**
 * The admin's configuration verbs on a real PostGIS: each validates, saves in one transaction with
 * its `config.change` audit record, refuses non-admins, and changes what the workflow does next
 * (triage rules, routing table, deadline policies, holiday calendar, offices).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { AppError } from '@/lib/http/errors';
import { deadlinesForCase } from '@/lib/sla/deadlines-for-case.server';
import { resetReferenceData } from '@/lib/workflow/get-reference-data.server';
import { processNewComplaint } from '@/lib/workflow/process-new-complaint.server';
import {
  buildWorkflowWorld,
  insertCase,
  JIUCAIPING,
  type WorkflowWorld,
  XIQU,
  XIQU_VILLAGE,
} from '@/lib/workflow/testing/fixture';
import { deleteCalendarDay } from './delete-calendar-day.server';
import { deleteDeadlinePolicy } from './delete-deadline-policy.server';
import { deleteRoutingRule } from './delete-routing-rule.server';
import { importCalendarYear } from './import-calendar-year.server';
import { probeRouting } from './probe-routing.server';
import { saveCalendarDay } from './save-calendar-day.server';
import { saveDeadlinePolicy } from './save-deadline-policy.server';
import { saveOffice } from './save-office.server';
import { saveRoutingRule } from './save-routing-rule.server';
import { saveTriageRule } from './save-triage-rule.server';
import { setOfficeActive } from './set-office-active.server';

let handle: DbHandle;
let world: WorkflowWorld;
const now = new Date('2026-03-09T02:00:00Z'); // Monday 10:00 CST

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  resetReferenceData();
});
afterAll(async () => {
  resetReferenceData();
  await handle?.close();
});

const admin = () => world.users.admin;

/** The verb's error, or a failure when it did not throw. */
async function failure(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error;
    const { toAppError } = await import('@/lib/http/errors');
    return toAppError(error);
  }
  throw new Error('expected the verb to fail');
}

const lastAudit = async () =>
  queryRow<{
    action: string;
    actor_user_id: number;
    target_type: string;
    target_id: string;
    data: Record<string, unknown>;
  }>(
    handle.db,
    sql`select action, actor_user_id, target_type, target_id, data from audit_log order by id desc limit 1`,
  );
const auditCount = async () =>
  (await queryRow<{ n: number }>(handle.db, sql`select count(*)::int as n from audit_log`))!.n;

async function submit(params: {
  title: string;
  description: string;
  village?: string;
  categoryCode?: string | null;
}) {
  const id = await insertCase(handle.db, {
    status: 'received',
    villageCode: params.village ?? XIQU_VILLAGE,
    categoryCode: params.categoryCode === undefined ? null : params.categoryCode,
    title: params.title,
    description: params.description,
    submittedAt: now,
  });
  await handle.db.transaction((tx) => processNewComplaint(tx, { complaintId: id, now }));
  return (await queryRow<{
    triage_reason: string;
    urgency_code: string;
    category_code: string;
    responsible_office_id: number | null;
    co_office_ids: number[];
    status: string;
    routing_reason: string;
  }>(
    handle.db,
    sql`select triage_reason, urgency_code, category_code, responsible_office_id, co_office_ids, status::text as status, routing_reason
        from complaints where id = ${id}`,
  ))!;
}

describe('triage rules', () => {
  const water = {
    id: 'drinking-water',
    name: '饮水安全',
    keywords: ['没有水喝', '没水喝', '吃水困难', '喝不上水', '饮水困难', '生活用水严重短缺'],
    urgencyCode: 'urgent' as const,
    categoryCode: 'SL01',
    active: true,
  };

  it('are loaded from the seed into the table, and "没有水喝" fires the 饮水安全 rule with its reason', async () => {
    const n = await queryRow<{ n: number }>(handle.db, sql`select count(*)::int as n from triage_rules`);
    expect(n!.n).toBeGreaterThan(10);
    const c = await submit({ title: '没有水喝', description: '蓄水池干了。', village: JIUCAIPING });
    expect(c.triage_reason).toContain('“没有水喝”命中“饮水安全”规则 → 紧急');
    expect(c.category_code).toBe('SL01');
  });

  it('a deactivated rule no longer fires; reactivated it does again; each save is audited', async () => {
    const before = await auditCount();
    await saveTriageRule(handle.db, admin(), { mode: 'update', input: { ...water, active: false }, now });
    expect(await lastAudit()).toMatchObject({
      action: 'config.change',
      actor_user_id: admin().id,
      target_type: 'triage_rule',
      target_id: 'drinking-water',
      data: { op: 'update', before: { active: true }, after: { active: false } },
    });
    const off = await submit({ title: '没有水喝', description: '蓄水池干了。', village: JIUCAIPING });
    expect(off.triage_reason).not.toContain('饮水安全');
    expect(off.urgency_code).toBe('normal');

    await saveTriageRule(handle.db, admin(), { mode: 'update', input: water, now });
    const on = await submit({ title: '没有水喝', description: '蓄水池干了。', village: JIUCAIPING });
    expect(on.triage_reason).toContain('“没有水喝”命中“饮水安全”规则 → 紧急');
    expect(await auditCount()).toBe(before + 2);
  });

  it('a new rule fires on the next complaint with its own reason', async () => {
    await saveTriageRule(handle.db, admin(), {
      mode: 'create',
      input: {
        id: 'sewage',
        name: '污水外溢',
        keywords: ['污水横流', '化粪池满了'],
        urgencyCode: 'urgent',
        categoryCode: 'HB04',
        active: true,
      },
      now,
    });
    const c = await submit({ title: '小区化粪池满了', description: '楼下污水横流，味道很大。' });
    expect(c.triage_reason).toContain('“化粪池满了”命中“污水外溢”规则 → 紧急');
    expect(c.category_code).toBe('HB04');
  });

  it('refuses bad input with the field and a message key, writing nothing', async () => {
    const before = await auditCount();
    const noKeywords = await failure(() =>
      saveTriageRule(handle.db, admin(), {
        mode: 'create',
        input: { ...water, id: 'x-empty', keywords: [] },
      }),
    );
    expect(noKeywords.code).toBe('VALIDATION');
    expect(noKeywords.fields).toContainEqual({ path: 'keywords', message: 'keywordsRequired' });
    const noEffect = await failure(() =>
      saveTriageRule(handle.db, admin(), {
        mode: 'create',
        input: { ...water, id: 'x-none', urgencyCode: null, categoryCode: null },
      }),
    );
    expect(noEffect.fields).toContainEqual({ path: 'urgencyCode', message: 'ruleEffect' });
    const unknownCategory = await failure(() =>
      saveTriageRule(handle.db, admin(), {
        mode: 'create',
        input: { ...water, id: 'x-cat', categoryCode: 'QQ99' },
      }),
    );
    expect(unknownCategory.fields).toContainEqual({ path: 'categoryCode', message: 'categoryUnknown' });
    const taken = await failure(() => saveTriageRule(handle.db, admin(), { mode: 'create', input: water }));
    expect(taken.fields).toContainEqual({ path: 'id', message: 'slugTaken' });
    expect(await auditCount()).toBe(before);
  });

  it('refuses every role but admin', async () => {
    for (const u of [world.users.handler, world.users.inspector, world.users.leader, world.users.grid]) {
      const e = await failure(() => saveTriageRule(handle.db, u, { mode: 'update', input: water }));
      expect(e.code).toBe('FORBIDDEN');
    }
  });
});

describe('routing table', () => {
  let ruleId = 0;
  it('an added village-level rule changes where the next complaint goes, and why', async () => {
    const baseline = await submit({
      title: '卫生院药品价格贵',
      description: '药比外面贵。',
      categoryCode: 'WJ01',
    });
    expect(baseline.responsible_office_id).toBe(world.offices.health);
    const saved = await saveRoutingRule(handle.db, admin(), {
      input: {
        categoryCode: 'WJ01',
        tier: 'county',
        divisionCode: XIQU_VILLAGE,
        officeId: world.offices.xiquGov,
        coOfficeIds: [world.offices.health],
        priority: 5,
        note: '试点：由区政府牵头',
      },
      now,
    });
    ruleId = saved.id;
    expect(await lastAudit()).toMatchObject({
      target_type: 'routing_rule',
      target_id: String(ruleId),
      data: { op: 'create' },
    });
    const after = await submit({
      title: '卫生院药品价格贵',
      description: '药比外面贵。',
      categoryCode: 'WJ01',
    });
    expect(after.responsible_office_id).toBe(world.offices.xiquGov);
    expect(after.co_office_ids).toEqual([world.offices.health]);
    expect(after.routing_reason).toContain(`权责匹配规则#${ruleId}（试点：由区政府牵头）`);
  });

  it('"test this point" shows the same decision and why, without writing', async () => {
    const centre = await queryRow<{ x: number; y: number }>(
      handle.db,
      sql`select ST_X(centre) as x, ST_Y(centre) as y from divisions where code = ${XIQU_VILLAGE}`,
    );
    const before = await auditCount();
    const probe = await probeRouting(handle.db, admin(), {
      input: { lng: centre!.x, lat: centre!.y, categoryCode: 'WJ01', tier: 'county' },
    });
    expect(probe.villages[0]).toMatchObject({ code: XIQU_VILLAGE, contains: true, distanceM: 0 });
    expect(probe.decision).toMatchObject({ kind: 'routed', officeId: world.offices.xiquGov, ruleId });
    const outside = await probeRouting(handle.db, admin(), {
      input: { lng: 100.2, lat: 25.2, categoryCode: 'WJ01' },
    });
    expect(outside.decision.kind).toBe('manual');
    expect(outside.tier).toBe('county');
    expect(outside.tierSource).toBe('default');
    expect(await auditCount()).toBe(before);
  });

  it('validates references and refuses co-handling by the office itself', async () => {
    const same = await failure(() =>
      saveRoutingRule(handle.db, admin(), {
        input: {
          categoryCode: 'WJ01',
          tier: 'county',
          officeId: world.offices.health,
          coOfficeIds: [world.offices.health],
          priority: 0,
        },
      }),
    );
    expect(same.fields).toContainEqual({ path: 'coOfficeIds', message: 'coOfficeSame' });
    const office = await failure(() =>
      saveRoutingRule(handle.db, admin(), {
        input: { categoryCode: 'WJ01', tier: 'county', officeId: 999_999, coOfficeIds: [], priority: 0 },
      }),
    );
    expect(office.fields).toContainEqual({ path: 'officeId', message: 'officeUnknown' });
    const division = await failure(() =>
      saveRoutingRule(handle.db, admin(), {
        input: {
          categoryCode: 'WJ01',
          tier: 'county',
          divisionCode: '519999999999',
          coOfficeIds: [],
          priority: 0,
        },
      }),
    );
    expect(division.fields).toContainEqual({ path: 'divisionCode', message: 'divisionUnknown' });
  });

  it('a deleted rule routes the next complaint by the wider rule again', async () => {
    await deleteRoutingRule(handle.db, admin(), { id: ruleId, now });
    expect(await lastAudit()).toMatchObject({
      target_type: 'routing_rule',
      data: { op: 'delete', after: null },
    });
    const c = await submit({ title: '卫生院药品价格贵', description: '药比外面贵。', categoryCode: 'WJ01' });
    expect(c.responsible_office_id).toBe(world.offices.health);
    expect((await failure(() => deleteRoutingRule(handle.db, admin(), { id: ruleId }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await failure(() => deleteRoutingRule(handle.db, world.users.inspector, { id: 1 }))).code).toBe(
      'FORBIDDEN',
    );
  });
});

describe('offices', () => {
  it('creates an office with the categories it serves, rejects a taken code, and a deactivated office gets no new cases', async () => {
    const created = await saveOffice(handle.db, admin(), {
      input: {
        code: `${XIQU}-TEST`,
        name: '西区测试局',
        kind: 'department',
        tier: 'county',
        divisionCode: XIQU,
        categoryCodes: ['WJ', 'SL'],
      },
      now,
    });
    const cats = await queryRows<{ category_code: string }>(
      handle.db,
      sql`select category_code from office_categories where office_id = ${created.id} order by 1`,
    );
    expect(cats.map((c) => c.category_code)).toEqual(['SL', 'WJ']);
    const taken = await failure(() =>
      saveOffice(handle.db, admin(), {
        input: {
          code: `${XIQU}-WJJ`,
          name: 'x',
          kind: 'department',
          tier: 'county',
          divisionCode: XIQU,
          categoryCodes: [],
        },
      }),
    );
    expect(taken.fields).toContainEqual({ path: 'code', message: 'officeCodeTaken' });

    await setOfficeActive(handle.db, admin(), { id: world.offices.health, active: false, now });
    expect(await lastAudit()).toMatchObject({ target_type: 'office', data: { op: 'deactivate' } });
    const c = await submit({ title: '卫生院药品价格贵', description: '药比外面贵。', categoryCode: 'WJ01' });
    expect(c.responsible_office_id).not.toBe(world.offices.health);
    const binding = await failure(() =>
      saveRoutingRule(handle.db, admin(), {
        input: {
          categoryCode: 'WJ01',
          tier: 'county',
          officeId: world.offices.health,
          coOfficeIds: [],
          priority: 0,
        },
      }),
    );
    expect(binding.fields).toContainEqual({ path: 'officeId', message: 'officeInactive' });
    await setOfficeActive(handle.db, admin(), { id: world.offices.health, active: true, now });
    const back = await submit({
      title: '卫生院药品价格贵',
      description: '药比外面贵。',
      categoryCode: 'WJ01',
    });
    expect(back.responsible_office_id).toBe(world.offices.health);
  });
});

describe('deadline policies and the holiday calendar', () => {
  // Friday 2026-03-13 10:00 CST; a 村(社区)-tier 一般 case: first reply in 5 working days.
  const friday = new Date('2026-03-13T02:00:00Z');
  const deadlines = () =>
    deadlinesForCase(handle.db, {
      categoryCode: 'HB01',
      urgencyCode: 'normal',
      tier: 'village',
      from: friday,
    });

  it('a holiday added moves the deadline by a working day; removed, it moves back', async () => {
    const base = await deadlines();
    expect(base.firstReplyDueAt).toEqual(new Date('2026-03-21T00:00:00+08:00')); // Fri 20th, end of day
    await saveCalendarDay(handle.db, admin(), {
      input: { day: '2026-03-16', isWorkday: false, name: '测试假日' },
      now,
    });
    expect(await lastAudit()).toMatchObject({
      target_type: 'calendar_day',
      target_id: '2026-03-16',
      data: { op: 'create' },
    });
    expect((await deadlines()).firstReplyDueAt).toEqual(new Date('2026-03-24T00:00:00+08:00'));
    // A 调休 Saturday counts again.
    await saveCalendarDay(handle.db, admin(), {
      input: { day: '2026-03-21', isWorkday: true, name: '测试调休' },
      now,
    });
    expect((await deadlines()).firstReplyDueAt).toEqual(new Date('2026-03-22T00:00:00+08:00'));
    await deleteCalendarDay(handle.db, admin(), { day: '2026-03-16', now });
    await deleteCalendarDay(handle.db, admin(), { day: '2026-03-21', now });
    expect((await deadlines()).firstReplyDueAt).toEqual(base.firstReplyDueAt);
    const bad = await failure(() =>
      saveCalendarDay(handle.db, admin(), { input: { day: '2026-02-30', isWorkday: false, name: 'x' } }),
    );
    expect(bad.fields).toContainEqual({ path: 'day', message: 'day' });
  });

  it('imports a year from CSV all or nothing, reporting each bad line', async () => {
    const before = await auditCount();
    const bad = await failure(() =>
      importCalendarYear(handle.db, admin(), {
        year: 2027,
        csv: 'day,is_workday,name\n2027-01-01,0,元旦\n2026-12-31,0,跨年\n2027-02-06,maybe,春节调休上班\n',
      }),
    );
    expect(bad.code).toBe('VALIDATION');
    expect(bad.fields).toEqual([
      { path: 'csv.3', message: 'csv.otherYear' },
      { path: 'csv.4', message: 'csv.isWorkday' },
    ]);
    expect(await auditCount()).toBe(before);
    const ok = await importCalendarYear(handle.db, admin(), {
      year: 2027,
      csv: '\uFEFFday,is_workday,name\r\n2027-01-01,0,元旦\r\n2027-02-06,班,春节调休上班\r\n"2027-02-07",休,"春节"\r\n',
      now,
    });
    expect(ok).toEqual({ year: 2027, removed: 0, imported: 3 });
    const again = await importCalendarYear(handle.db, admin(), {
      year: 2027,
      csv: 'day,is_workday,name\n2027-10-01,0,国庆节\n',
      now,
    });
    expect(again).toEqual({ year: 2027, removed: 3, imported: 1 });
    const rows = await queryRows<{ day: string }>(
      handle.db,
      sql`select day::text as day from calendar_days where day >= '2027-01-01' order by day`,
    );
    expect(rows.map((r) => r.day)).toEqual(['2027-10-01']);
    expect(await lastAudit()).toMatchObject({
      target_type: 'calendar_year',
      target_id: '2027',
      data: { op: 'import', removed: 3 },
    });
  });

  it('an edited policy changes the next deadlines; duplicates and reply-after-resolve are refused; the catch-all stays', async () => {
    const village = await queryRow<{ id: number }>(
      handle.db,
      sql`select id from deadline_policies where category_code is null and tier = 'village' and urgency_code is null`,
    );
    await saveDeadlinePolicy(handle.db, admin(), {
      id: village!.id,
      input: {
        tier: 'village',
        dispatchHours: 24,
        firstReplyDays: 3,
        resolveDays: 10,
        workingDays: true,
        note: '村级：3日首复',
      },
      now,
    });
    expect((await deadlines()).firstReplyDueAt).toEqual(new Date('2026-03-19T00:00:00+08:00'));
    expect(await lastAudit()).toMatchObject({
      target_type: 'deadline_policy',
      data: { op: 'update', before: { firstReplyDays: 5 } },
    });
    const dup = await failure(() =>
      saveDeadlinePolicy(handle.db, admin(), {
        input: { tier: 'village', dispatchHours: 24, firstReplyDays: 3, resolveDays: 10, workingDays: true },
      }),
    );
    expect(dup.fields).toContainEqual({ path: 'categoryCode', message: 'policyDuplicate' });
    const order = await failure(() =>
      saveDeadlinePolicy(handle.db, admin(), {
        input: {
          categoryCode: 'WY01',
          dispatchHours: 24,
          firstReplyDays: 9,
          resolveDays: 3,
          workingDays: true,
        },
      }),
    );
    expect(order.fields).toContainEqual({ path: 'firstReplyDays', message: 'replyAfterResolve' });
    const catchAll = await queryRow<{ id: number }>(
      handle.db,
      sql`select id from deadline_policies where category_code is null and tier is null and urgency_code is null`,
    );
    expect(
      (await failure(() => deleteDeadlinePolicy(handle.db, admin(), { id: catchAll!.id }))).fields,
    ).toContainEqual({
      path: 'id',
      message: 'policyDefaultKept',
    });
    await deleteDeadlinePolicy(handle.db, admin(), { id: village!.id, now });
    // Falls back to the catch-all (15 days to resolve, 5 to first reply).
    expect((await deadlines()).firstReplyDueAt).toEqual(new Date('2026-03-21T00:00:00+08:00'));
    expect(
      (
        await failure(() =>
          saveDeadlinePolicy(handle.db, world.users.leader, {
            input: { dispatchHours: 1, firstReplyDays: 1, resolveDays: 1, workingDays: true },
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
  });
});
