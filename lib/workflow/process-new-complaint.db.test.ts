import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { routeComplaint } from '@/lib/routing/route-complaint.server';
import { processNewComplaint } from './process-new-complaint.server';
import { buildWorkflowWorld, insertCase, JIUCAIPING, XIQU_TOWN, XIQU_VILLAGE } from './testing/fixture';

let handle: DbHandle;
const now = new Date('2026-03-09T02:00:00Z'); // Monday 10:00 CST
/** A village added east of 清香坪社区, sharing its eastern edge, with no 居委会 of its own. */
const NEIGHBOUR = '510403001099';
let east = 0;

beforeAll(async () => {
  handle = await createTestDb();
  await buildWorkflowWorld(handle.db);
  const box = await queryRow<{ xmax: number; ymin: number; ymax: number }>(
    handle.db,
    sql`select ST_XMax(boundary) as xmax, ST_YMin(boundary) as ymin, ST_YMax(boundary) as ymax from divisions where code = ${XIQU_VILLAGE}`,
  );
  east = box!.xmax;
  await handle.db.execute(sql`insert into divisions (code, parent_code, name, level, boundary, boundary_source)
    values (${NEIGHBOUR}, ${XIQU_TOWN}, '测试新社区', 'village',
      ST_Multi(ST_MakeEnvelope(${east}, ${box!.ymin}, ${east + 0.01}, ${box!.ymax}, 4326)), 'test')`);
});
afterAll(async () => {
  await handle?.close();
});

const officeName = async (id: number | null) =>
  (await queryRow<{ name: string }>(handle.db, sql`select name from offices where id = ${id}`))?.name;

describe('processNewComplaint', () => {
  it('grades "没有水喝" urgent with the reason, routes it to the town with county co-handlers, and sets deadlines', async () => {
    const id = await insertCase(handle.db, {
      status: 'received',
      villageCode: JIUCAIPING,
      categoryCode: null,
      title: '没有水喝',
      description: '我们组的蓄水池干了，老人小孩吃水困难，请尽快解决。',
      submittedAt: now,
    });
    const outcome = await handle.db.transaction((tx) => processNewComplaint(tx, { complaintId: id, now }));
    expect(outcome.status).toBe('dispatched');
    const c = await queryRow<{
      status: string;
      category_code: string;
      urgency_code: string;
      triage_reason: string;
      routing_reason: string;
      responsible_office_id: number;
      co_office_ids: number[];
      dispatch_due_at: Date;
      first_reply_due_at: Date;
      resolve_due_at: Date;
    }>(handle.db, sql`select * from complaints where id = ${id}`);
    expect(c?.status).toBe('dispatched');
    expect(c?.category_code).toBe('SL01');
    expect(c?.urgency_code).toBe('urgent');
    expect(c?.triage_reason).toContain('“没有水喝”命中“饮水安全”规则 → 紧急');
    expect(await officeName(c!.responsible_office_id)).toMatch(/格萨拉.*人民政府/);
    const co = await Promise.all(c!.co_office_ids.map((o) => officeName(o)));
    expect(co.sort()).toEqual(['盐边县水利局', '盐边县财政局'].sort());
    expect(c?.routing_reason).toContain('韭菜坪村');
    expect(c?.routing_reason).toContain('协办');
    // 水利 + 紧急: 4 h to dispatch, first reply by the end of the next working day.
    expect(new Date(c!.dispatch_due_at).getTime() - now.getTime()).toBe(4 * 3_600_000);
    expect(new Date(c!.first_reply_due_at)).toEqual(new Date('2026-03-11T00:00:00+08:00'));
    const events = await queryRows<{ type: string }>(
      handle.db,
      sql`select type from complaint_events where complaint_id = ${id} order by id`,
    );
    expect(events.map((e) => e.type)).toEqual(['submitted', 'triaged', 'dispatched']);
    const reminders = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from notifications where complaint_id = ${id}`,
    );
    expect(reminders?.n).toBe(3);
  });

  it('keeps a case outside every village in the manual dispatch queue, with the reason', async () => {
    const id = await insertCase(handle.db, { status: 'received', at: [100.2, 25.2] });
    const outcome = await handle.db.transaction((tx) => processNewComplaint(tx, { complaintId: id, now }));
    expect(outcome.status).toBe('triaged');
    const c = await queryRow<{ status: string; office: number | null; reason: string }>(
      handle.db,
      sql`select status::text as status, responsible_office_id as office, routing_reason as reason from complaints where id = ${id}`,
    );
    expect(c).toEqual({ status: 'triaged', office: null, reason: '位置不在任何村/社区范围内，转人工派单' });
  });

  it('sends an unrecognisable complaint with no category to the manual queue', async () => {
    const id = await insertCase(handle.db, {
      status: 'received',
      categoryCode: null,
      title: '想反映一个情况',
      description: '具体情况电话里说。',
    });
    const outcome = await handle.db.transaction((tx) => processNewComplaint(tx, { complaintId: id, now }));
    expect(outcome).toEqual({ status: 'triaged', manualReason: '分类未能识别，待人工派单' });
  });
});

describe('routeComplaint near a boundary', () => {
  const nearEdge = async () => {
    const row = await queryRow<{ y: number }>(
      handle.db,
      sql`select ST_Y(centre) as y from divisions where code = ${XIQU_VILLAGE}`,
    );
    // ≈ 20 m west of the shared edge.
    return insertCase(handle.db, { status: 'triaged', at: [east - 0.0002, row!.y] });
  };

  it('routes a county-tier case near the edge when both sides have the same office', async () => {
    const id = await nearEdge();
    const d = await routeComplaint(handle.db, { complaintId: id, categoryCode: 'WJ01', tier: 'county' });
    expect(d.kind).toBe('routed');
  });

  it('sends a village-tier case near the edge to manual dispatch when the sides differ', async () => {
    const id = await nearEdge();
    const d = await routeComplaint(handle.db, { complaintId: id, categoryCode: 'WY01', tier: 'village' });
    expect(d.kind).toBe('manual');
    expect(d.reason).toMatch(/距测试新社区边界仅\d+米（阈值30米）/);
  });

  it('routes the same village-tier case when the boundary distance is set below its distance', async () => {
    const id = await nearEdge();
    const d = await routeComplaint(handle.db, {
      complaintId: id,
      categoryCode: 'WY01',
      tier: 'village',
      boundaryMeters: 10,
    });
    expect(d.kind).toBe('routed');
  });

  it('routes the village centre to the 居委会 with the reason', async () => {
    const id = await insertCase(handle.db, { status: 'triaged' });
    const d = await routeComplaint(handle.db, { complaintId: id, categoryCode: 'WY01', tier: 'village' });
    expect(d.kind).toBe('routed');
    if (d.kind === 'routed') expect(d.reason).toMatch(/物业服务质量（WY01）在村\/社区层级/);
  });
});
