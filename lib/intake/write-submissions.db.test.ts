/**
 * Intake's batch writer writes what the workflow's own verbs would: a submission written by
 * `submitComplaint` (group commit, `writeSubmissions`) equals the same complaint inserted as
 * 'received' and moved on by `processNewComplaint` (the `transition` verb): fields, deadlines,
 * events, reminders. And the group commit keeps each submission's own outcome: many at once are
 * each written exactly once, an in-batch retry is a replay, and one bad submission fails alone.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));
/** Codes `newTrackingCode` hands out before fresh ones: to make a collision happen on purpose. */
const forced = vi.hoisted(() => ({ codes: [] as string[] }));
vi.mock('@/lib/complaints/tracking-code', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/complaints/tracking-code')>();
  return { ...real, newTrackingCode: () => forced.codes.shift() ?? real.newTrackingCode() };
});

import type { DbHandle } from '@/db/client';
import { insertAttachment } from '@/db/queries/intake';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { AppError } from '@/lib/http/errors';
import { resetReferenceData } from '@/lib/workflow/get-reference-data.server';
import { processNewComplaint } from '@/lib/workflow/process-new-complaint.server';
import { buildWorkflowWorld, JIUCAIPING, XIQU_TOWN, XIQU_VILLAGE } from '@/lib/workflow/testing/fixture';
import { submitComplaint } from './submit-complaint.server';

let handle: DbHandle;
const now = new Date('2026-03-09T02:00:00Z'); // Monday 10:00 CST
const points: Record<string, { lng: number; lat: number }> = {};

beforeAll(async () => {
  handle = await createTestDb();
  await buildWorkflowWorld(handle.db);
  resetReferenceData();
  for (const code of [JIUCAIPING, XIQU_VILLAGE]) {
    const p = await queryRow<{ lng: number; lat: number }>(
      handle.db,
      sql`select ST_X(ST_PointOnSurface(boundary)) as lng, ST_Y(ST_PointOnSurface(boundary)) as lat
          from divisions where code = ${code}`,
    );
    points[code] = { lng: Number(p!.lng), lat: Number(p!.lat) };
  }
  // A market in a building of the 西区 village, to link by name and by place.
  const b = await queryRow<{ id: number; lng: number; lat: number }>(
    handle.db,
    sql`select b.id, ST_X(b.centre) as lng, ST_Y(b.centre) as lat from buildings b
        join grids g on g.id = b.grid_id where g.village_code = ${XIQU_VILLAGE} and b.use = 'mixed' limit 1`,
  );
  await handle.db.execute(
    sql`insert into facilities (code, kind, name, division_code, location, building_id, supervising_office_id)
        select 'T-MK', 'market', '清香坪农贸市场', ${XIQU_VILLAGE}, centre, id, (select min(id) from offices)
        from buildings where id = ${b!.id}`,
  );
  points.market = { lng: Number(b!.lng), lat: Number(b!.lat) };
});
afterAll(async () => {
  await handle?.close();
});

const FIELDS = sql`status::text as status, category_code, urgency_code, triage_reason, routing_reason,
  responsible_office_id, co_office_ids, triaged_at, dispatched_at, dispatch_due_at, first_reply_due_at,
  resolve_due_at, updated_at, county_code, town_code, village_code, grid_id, kind::text as kind,
  building_id, household_id, facility_id, building_link_method::text as bm, building_link_confidence as bc,
  building_link_reason as br, facility_link_method::text as fm, facility_link_confidence as fc,
  facility_link_reason as fr, building_link_state::text as bs, facility_link_state::text as fs`;

async function complaintOf(id: number) {
  return queryRow<Record<string, unknown>>(handle.db, sql`select ${FIELDS} from complaints where id = ${id}`);
}

async function systemEventsOf(id: number) {
  return queryRows<Record<string, unknown>>(
    handle.db,
    sql`select type, from_status::text as from_status, to_status::text as to_status, actor_user_id, actor_office_id,
          public_note, data, public, created_at
        from complaint_events where complaint_id = ${id} and type <> 'submitted' order by id`,
  );
}

async function remindersOf(id: number) {
  return queryRows<Record<string, unknown>>(
    handle.db,
    sql`select recipient_office_id, kind, title, body, data from notifications where complaint_id = ${id}
        order by recipient_office_id`,
  );
}

/** The same complaint through the workflow's verbs: inserted 'received', then processNewComplaint. */
async function throughTheVerbs(writtenId: number, categoryCode: string | null): Promise<number> {
  const row = await queryRow<{ id: string }>(
    handle.db,
    sql`insert into complaints (tracking_code, kind, channel, title, description, category_code, location,
          address, county_code, town_code, village_code, grid_id, status, submitted_at, updated_at)
        select 'REF' || id, kind, channel, title, description, ${categoryCode}, location,
          address, county_code, town_code, village_code, grid_id, 'received', submitted_at, submitted_at
        from complaints where id = ${writtenId}
        returning id`,
  );
  const id = Number(row!.id);
  await handle.db.transaction((tx) => processNewComplaint(tx, { complaintId: id, now }));
  return id;
}

describe('writeSubmissions writes what the workflow verbs write', () => {
  it.each([
    [
      'dispatched, with co-handling offices and reminders',
      JIUCAIPING,
      '我们组的蓄水池干了，老人小孩吃水困难，请尽快解决。',
      'complaint',
      'dispatched',
    ],
    [
      'dispatched in another county',
      XIQU_VILLAGE,
      '家里没有水喝，楼顶蓄水池干了好几天。',
      'complaint',
      'dispatched',
    ],
    [
      'linked to a market named by its short form, from a point away from it',
      XIQU_VILLAGE,
      '清香坪菜市场卖的猪肉注水，买回家一下锅全是水，请市场监管部门查一查。',
      'complaint',
      'triaged',
    ],
    [
      'linked to the building and the market it stands in, the household by its unit',
      'market',
      '我住这栋楼1单元101，楼下市场的冷库压缩机整夜轰响，吵得睡不着。',
      'complaint',
      'triaged',
    ],
    [
      'left for manual dispatch when the category cannot be told',
      XIQU_VILLAGE,
      '嗯嗯嗯嗯嗯嗯嗯嗯',
      'complaint',
      'triaged',
    ],
    [
      'a misconduct report (the 纪委 or its manual queue only)',
      XIQU_VILLAGE,
      '村干部上班时间经常不在岗，办事找不到人。',
      'misconduct',
      'dispatched',
    ],
  ] as const)('%s', async (label, village, description, kind, status) => {
    const r = await submitComplaint(
      handle.db,
      {
        description,
        kind,
        location: { ...points[village]!, datum: 'wgs84' },
        contact: { phone: '13912345678' },
      },
      { now },
    );
    const ref = await throughTheVerbs(r.id, null);
    const [written, expected] = [await complaintOf(r.id), await complaintOf(ref)];
    expect(written).toEqual(expected);
    if (label.startsWith('linked')) expect(written?.facility_id).not.toBeNull();
    if (label.includes('household')) expect(written?.household_id).not.toBeNull();
    expect(written?.status).toBe(r.status);
    expect(r.status).toBe(status);
    expect(await systemEventsOf(r.id)).toEqual(await systemEventsOf(ref));
    expect(await remindersOf(r.id)).toEqual(await remindersOf(ref));
    if (written?.status === 'dispatched' && kind === 'complaint')
      expect((await remindersOf(r.id)).length).toBeGreaterThan(0);
  });
});

describe('the group commit', () => {
  it('writes many concurrent submissions each exactly once; an in-batch retry is a replay', async () => {
    const before = await queryRow<{ n: string }>(handle.db, sql`select count(*) as n from complaints`);
    const inputs = Array.from({ length: 40 }, (_, i) => ({
      description: `第${i}号：小区门口的自来水管破裂，水流了一整天。`,
      location: { ...points[XIQU_VILLAGE]!, datum: 'wgs84' },
      idempotencyKey: `group-key-${i % 30}`, // ten are retries of another in the same burst
    }));
    const results = await Promise.allSettled(
      inputs.map((input) => submitComplaint(handle.db, input, { now })),
    );
    const ok = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = results.filter((r) => r.status === 'rejected');
    // A retry with a different body (its number differs) is a CONFLICT; the same body would replay.
    expect(failed.map((f) => ((f as PromiseRejectedResult).reason as AppError).code)).toEqual(
      Array(10).fill('CONFLICT'),
    );
    expect(ok.filter((r) => r.created)).toHaveLength(30);
    const after = await queryRow<{ n: string }>(handle.db, sql`select count(*) as n from complaints`);
    expect(Number(after!.n) - Number(before!.n)).toBe(30);
    const perKey = await queryRows<{ k: string; n: string; events: string; audits: string }>(
      handle.db,
      sql`select c.idempotency_key as k, count(*) as n,
            (select count(*) from complaint_events e where e.complaint_id = min(c.id) and e.type = 'submitted') as events,
            (select count(*) from audit_log a where a.target_type = 'complaint' and a.target_id = min(c.id)::text) as audits
          from complaints c where c.idempotency_key like 'group-key-%' group by c.idempotency_key`,
    );
    expect(perKey).toHaveLength(30);
    expect(perKey.every((k) => Number(k.n) === 1 && Number(k.events) === 1 && Number(k.audits) === 1)).toBe(
      true,
    );

    // Identical retries in one burst: the same complaint back, never a second one.
    const same = {
      description: '路灯坏了一个月没人修。',
      location: { ...points[XIQU_VILLAGE]!, datum: 'wgs84' },
      idempotencyKey: 'same-burst-key',
    };
    const burst = await Promise.all(
      Array.from({ length: 6 }, () => submitComplaint(handle.db, same, { now })),
    );
    expect(new Set(burst.map((b) => b.id)).size).toBe(1);
    expect(burst.filter((b) => b.created)).toHaveLength(1);
  });

  it('a bad submission among many fails alone, and leaves nothing of itself', async () => {
    const before = await queryRow<{ n: string }>(handle.db, sql`select count(*) as n from complaints`);
    const good = Array.from({ length: 12 }, (_, i) => ({
      description: `第${i}号：垃圾堆放在路边好几天没人清运。`,
      location: { ...points[XIQU_VILLAGE]!, datum: 'wgs84' },
    }));
    const bad = { ...good[0]!, attachmentIds: ['00000000-0000-4000-8000-000000000000'] };
    const results = await Promise.allSettled(
      [...good.slice(0, 6), bad, ...good.slice(6)].map((input) => submitComplaint(handle.db, input, { now })),
    );
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const reason = (rejected[0] as PromiseRejectedResult).reason as AppError;
    expect(reason).toBeInstanceOf(AppError);
    expect(reason.code).toBe('VALIDATION');
    expect(results[6]!.status).toBe('rejected');
    const after = await queryRow<{ n: string }>(handle.db, sql`select count(*) as n from complaints`);
    expect(Number(after!.n) - Number(before!.n)).toBe(12);
  });

  it('a tracking code already taken is drawn again, and nothing of the first try is left', async () => {
    const location = { ...points[XIQU_VILLAGE]!, datum: 'wgs84' };
    const first = await submitComplaint(
      handle.db,
      { description: '小区门口的路灯不亮了。', location },
      { now },
    );
    const totals = () =>
      queryRow<{ c: string; e: string; a: string; n: string }>(
        handle.db,
        sql`select (select count(*) from complaints) as c, (select count(*) from complaint_events) as e,
              (select count(*) from audit_log) as a, (select count(*) from notifications) as n`,
      );
    const before = await totals();
    forced.codes.push(first.trackingCode);
    const second = await submitComplaint(
      handle.db,
      { description: '小区门口的垃圾没人清运。', location },
      { now },
    );
    expect(second.created).toBe(true);
    expect(second.trackingCode).not.toBe(first.trackingCode);
    const after = await totals();
    const own = await queryRow<{ e: string; n: string }>(
      handle.db,
      sql`select (select count(*) from complaint_events where complaint_id = ${second.id}) as e,
            (select count(*) from notifications where complaint_id = ${second.id}) as n`,
    );
    // Exactly one complaint more, with its own events, reminders and audit record: nothing twice.
    expect(Number(after!.c) - Number(before!.c)).toBe(1);
    expect(Number(after!.e) - Number(before!.e)).toBe(Number(own!.e));
    expect(Number(after!.n) - Number(before!.n)).toBe(Number(own!.n));
    expect(Number(after!.a) - Number(before!.a)).toBe(1);

    // Two equal fresh codes in one burst: one keeps it, the other is written with another code.
    forced.codes.push('QQQQQQQQ', 'RRRRRRRR', 'SSSSSSSS', 'SSSSSSSS');
    const burst = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        submitComplaint(handle.db, { description: `第${i}号：楼道灯坏了。`, location }, { now }),
      ),
    );
    expect(forced.codes).toHaveLength(0);
    expect(burst.every((b) => b.created)).toBe(true);
    expect(new Set(burst.map((b) => b.trackingCode)).size).toBe(6);
    expect(burst.filter((b) => b.trackingCode === 'SSSSSSSS')).toHaveLength(1);
  });

  it('one upload named by two submissions at once: one gets it, the other fails and leaves nothing', async () => {
    const upload = await insertAttachment(handle.db, {
      kind: 'photo',
      mime: 'image/jpeg',
      sizeBytes: 1000,
      sha256: 'a'.repeat(64),
      storageKey: 'test/shared-upload.jpg',
      uploadedByUserId: null,
      now,
    });
    const before = await queryRow<{ n: string }>(handle.db, sql`select count(*) as n from complaints`);
    const location = { ...points[JIUCAIPING]!, datum: 'wgs84' };
    // Four at once: the first is written alone, the other three together in one group.
    const results = await Promise.allSettled(
      ['井盖丢了。', '路面塌陷。', '路灯不亮。', '垃圾满了。'].map((description, i) =>
        submitComplaint(
          handle.db,
          { description, location, ...(i >= 2 ? { attachmentIds: [upload] } : {}) },
          { now },
        ),
      ),
    );
    const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as AppError] : []));
    expect(rejected.map((e) => [e.code, e.fields?.[0]?.path])).toEqual([['VALIDATION', 'attachmentIds']]);
    const after = await queryRow<{ n: string }>(handle.db, sql`select count(*) as n from complaints`);
    expect(Number(after!.n) - Number(before!.n)).toBe(3);
    const owner = await queryRow<{ complaint_id: string }>(
      handle.db,
      sql`select complaint_id from attachments where id = ${upload}::uuid`,
    );
    const winner = results.find((r, i) => i >= 2 && r.status === 'fulfilled') as PromiseFulfilledResult<{
      id: number;
    }>;
    expect(Number(owner!.complaint_id)).toBe(winner.value.id);
  });
});

describe('near a village boundary', () => {
  it('intake routes as the routing verb does: the same manual dispatch, the same distance', async () => {
    // A village east of 清香坪社区 sharing its eastern edge, with no 居委会 of its own.
    const box = await queryRow<{ xmax: number; ymin: number; ymax: number; y: number }>(
      handle.db,
      sql`select ST_XMax(boundary) as xmax, ST_YMin(boundary) as ymin, ST_YMax(boundary) as ymax,
            ST_Y(centre) as y from divisions where code = ${XIQU_VILLAGE}`,
    );
    const east = Number(box!.xmax);
    await handle.db.execute(sql`insert into divisions (code, parent_code, name, level, boundary, boundary_source)
      values ('510403001099', ${XIQU_TOWN}, '测试新社区', 'village',
        ST_Multi(ST_MakeEnvelope(${east}, ${box!.ymin}, ${east + 0.01}, ${box!.ymax}, 4326)), 'test')`);
    // ≈ 20 m west of the shared edge: inside 清香坪社区, within the 30 m of the other side.
    const r = await submitComplaint(
      handle.db,
      {
        description: '小区物业服务太差，楼道垃圾没人打扫。',
        categoryCode: 'WY01',
        location: { lng: east - 0.0002, lat: Number(box!.y), datum: 'wgs84' },
      },
      { now },
    );
    const ref = await throughTheVerbs(r.id, 'WY01');
    const [written, expected] = [await complaintOf(r.id), await complaintOf(ref)];
    expect(written).toEqual(expected);
    expect(r.status).toBe('triaged');
    expect(written?.routing_reason).toMatch(/距测试新社区边界仅\d+米（阈值30米）/);
  });
});
