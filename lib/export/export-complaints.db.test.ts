/**
 * Complaint exports re-read with exceljs equal the lists they came from (same rows, same order,
 * same values, Chinese headers), across keyset pages; and they never leave the caller's jurisdiction.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { listDispatchQueue, listInboxCases } from '@/db/queries/cases';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { complaintScope } from '@/lib/auth/policy';
import { session } from '@/lib/auth/testing/mock-session';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import {
  buildWorkflowWorld,
  DONGQU,
  insertCase,
  JIUCAIPING,
  type WorkflowWorld,
  XIQU,
} from '@/lib/workflow/testing/fixture';
import { parseComplaintExportQuery } from './complaint-export-query';
import { exportComplaints } from './export-complaints.server';
import { readXlsx } from './xlsx.server';

vi.mock('next/server', async (original) =>
  (await import('@/lib/auth/testing/mock-session')).nextServerOutsideRequest(original),
);
vi.mock('@/lib/auth/current-user.server', async () =>
  (await import('@/lib/auth/testing/mock-session')).currentUserFromSession(),
);

let handle: DbHandle;
let world: WorkflowWorld;
const NOW = new Date('2026-03-10T04:00:00Z');
const ids: Record<string, number> = {};

async function run(user: AuthUser, params: Record<string, string>, batch = 2) {
  const out = await exportComplaints(handle.db, user, parseComplaintExportQuery(params), {
    now: NOW,
    locale: 'zh-CN',
    batch,
    query: new URLSearchParams(params).toString(),
  });
  const bytes = new Uint8Array(await new Response(out.body).arrayBuffer());
  const sheet = [...(await readXlsx(bytes)).values()][0] ?? [];
  const [header = [], ...rows] = sheet;
  const col = (name: string) => header.indexOf(name);
  return { out, header: header as string[], rows, col };
}

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
  const { health, water, dongquHealth } = world.offices;
  const at = (d: string) => new Date(d);
  // The health office's inbox: open cases with different next deadlines (one with none), one done.
  ids.a = await insertCase(handle.db, {
    status: 'accepted',
    officeId: health,
    title: '甲',
    submittedAt: at('2026-03-01T01:00:00Z'),
  });
  ids.b = await insertCase(handle.db, {
    status: 'dispatched',
    officeId: health,
    title: '乙',
    submittedAt: at('2026-03-02T01:00:00Z'),
  });
  ids.c = await insertCase(handle.db, {
    status: 'in_progress',
    officeId: water,
    coOfficeIds: [health],
    title: '丙',
    submittedAt: at('2026-03-03T01:00:00Z'),
  });
  ids.d = await insertCase(handle.db, {
    status: 'accepted',
    officeId: health,
    title: '丁',
    submittedAt: at('2026-03-04T01:00:00Z'),
  });
  ids.e = await insertCase(handle.db, {
    status: 'accepted',
    officeId: health,
    title: '戊',
    submittedAt: at('2026-03-05T01:00:00Z'),
  });
  ids.done = await insertCase(handle.db, {
    status: 'resolved',
    officeId: health,
    title: '已办结',
    submittedAt: at('2026-03-06T01:00:00Z'),
  });
  // Ties on the deadline (b, d) are broken by id; e has no deadline (last); a replied → resolve deadline counts.
  await handle.db.execute(
    sql`update complaints set first_reply_due_at = '2026-03-12T02:00:00Z', resolve_due_at = '2026-03-20T02:00:00Z', first_replied_at = '2026-03-05T02:00:00Z' where id = ${ids.a}`,
  );
  await handle.db.execute(
    sql`update complaints set first_reply_due_at = '2026-03-11T02:00:00.123456Z', resolve_due_at = '2026-03-25T02:00:00Z' where id in (${ids.b}, ${ids.d})`,
  );
  await handle.db.execute(
    sql`update complaints set first_reply_due_at = '2026-03-09T02:00:00Z', resolve_due_at = '2026-03-15T02:00:00Z' where id = ${ids.c}`,
  );
  // Another county's case, a misconduct report in 西区, dispatch-queue cases.
  ids.dongqu = await insertCase(handle.db, {
    status: 'accepted',
    officeId: dongquHealth,
    villageCode: JIUCAIPING,
    title: '东区',
  });
  ids.misconduct = await insertCase(handle.db, {
    status: 'triaged',
    title: '举报干部',
    submittedAt: at('2026-03-07T01:00:00Z'),
  });
  await handle.db.execute(sql`update complaints set kind = 'misconduct' where id = ${ids.misconduct}`);
  ids.q1 = await insertCase(handle.db, {
    status: 'triaged',
    title: '待派一',
    submittedAt: at('2026-03-08T01:00:00Z'),
  });
  ids.q2 = await insertCase(handle.db, {
    status: 'returned',
    title: '待派二',
    submittedAt: at('2026-03-08T02:00:00Z'),
  });
  await handle.db.execute(
    sql`update complaints set dispatch_due_at = submitted_at + interval '1 day' where id in (${ids.q1}, ${ids.q2})`,
  );
  await handle.db.execute(
    sql`update complaints set dispatch_due_at = '2026-03-08T00:00:00Z' where id = ${ids.q2}`,
  );
  await handle.db.execute(
    sql`insert into complaint_contacts (complaint_id, name, phone) values (${ids.a}, '张三', '13800000000')`,
  );
});

afterAll(async () => {
  await handle?.close();
});

describe('complaint exports equal their lists', () => {
  it('the inbox: same cases, same order, same values, Chinese headers (across keyset pages)', async () => {
    const list = await listInboxCases(handle.db, { scope: complaintScope(world.users.handler) });
    expect(list.length).toBe(5);
    const { out, header, rows, col } = await run(world.users.handler, { list: 'inbox' });
    expect(out.rows).toBe(5);
    expect(header.slice(0, 3)).toEqual(['诉求编号', '标题', '一级类别']);
    expect(header).toContain('责任单位');
    expect(header).toContain('办结期限');
    expect(header).not.toContain('联系电话');
    expect(header).not.toContain('类型'); // misconduct reports are inspectors' business
    expect(rows.map((r) => r[col('诉求编号')])).toEqual(list.map((r) => r.trackingCode));
    for (const [i, r] of list.entries()) {
      const x = rows[i]!;
      expect(x[col('标题')]).toBe(r.title);
      expect(x[col('问题类别')]).toBe(r.categoryName);
      expect(x[col('紧急程度')]).toBe(r.urgencyName);
      expect(x[col('责任单位')]).toBe(r.responsibleOfficeName ?? undefined);
      // Dates are Excel dates showing Shanghai wall-clock time.
      const due = x[col('办结期限')] as Date | undefined;
      expect(due?.getTime() ?? null).toBe(r.resolveDueAt ? r.resolveDueAt.getTime() + 8 * 3_600_000 : null);
      const submitted = x[col('提交时间')] as Date;
      expect(submitted.getTime()).toBe(r.submittedAt.getTime() + 8 * 3_600_000);
    }
    const statusOf = (id: number) => rows[list.findIndex((r) => r.id === id)]?.[col('状态')];
    expect(statusOf(ids.a!)).toBe('已受理');
    expect(statusOf(ids.b!)).toBe('已分送');
    expect(rows.at(-1)?.[col('标题')]).toBe('戊'); // no deadline: last, as on the page
  });

  it('the manual dispatch queue, for an inspector', async () => {
    const list = await listDispatchQueue(handle.db, { scope: complaintScope(world.users.inspector) });
    const { rows, col, header } = await run(world.users.inspector, { list: 'dispatch' }, 1);
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(rows.map((r) => r[col('诉求编号')])).toEqual(list.map((r) => r.trackingCode));
    expect(header).toContain('类型');
    expect(rows.find((r) => r[col('标题')] === '举报干部')?.[col('类型')]).toBe('问题线索举报');
  });

  it('a map selection and a drill-down keep the map filter', async () => {
    const { rows, col } = await run(
      world.users.inspector,
      { list: 'all', area: XIQU, st: 'triaged,returned' },
      1,
    );
    const titles = rows.map((r) => r[col('标题')]);
    expect(titles).toEqual(['待派二', '待派一', '举报干部']); // newest first
    const v = await queryRow<{ lng: number; lat: number }>(
      handle.db,
      sql`select ST_X(location) as lng, ST_Y(location) as lat from complaints where id = ${ids.q1}`,
    );
    const d = 0.001;
    const sel = `${v!.lng - d},${v!.lat - d};${v!.lng + d},${v!.lat - d};${v!.lng + d},${v!.lat + d};${v!.lng - d},${v!.lat + d}`;
    const picked = await run(world.users.inspector, { list: 'selection', sel, st: 'triaged' });
    // The map never shows misconduct reports, so neither does a map selection.
    expect(picked.rows.map((r) => r[picked.col('标题')])).toEqual(['待派一']);
  });
});

describe('exports stay inside the jurisdiction', () => {
  it('a handler never gets another office’s complaints; a leader never a misconduct report', async () => {
    const mine = await run(world.users.handler, { list: 'all' });
    const office = mine.col('责任单位');
    const expected = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from complaints where responsible_office_id = ${world.offices.health} or ${world.offices.health} = any(co_office_ids)`,
    );
    expect(mine.rows.length).toBe(expected[0]!.n);
    expect(mine.rows.map((r) => r[mine.col('标题')])).not.toContain('东区');
    expect(new Set(mine.rows.map((r) => r[office]))).not.toContain('东区卫生健康局');

    const other = await run(world.users.otherHandler, { list: 'all' });
    expect(other.rows.map((r) => r[other.col('标题')])).toEqual(['东区']);

    const leader = await run(world.users.leader, { list: 'all', area: XIQU });
    const titles = leader.rows.map((r) => r[leader.col('标题')]);
    expect(titles).not.toContain('举报干部');
    expect(titles).not.toContain('东区');
    expect(titles).toContain('待派一');
    const inspector = await run(world.users.inspector, { list: 'all' });
    expect(inspector.rows.map((r) => r[inspector.col('标题')])).toContain('举报干部');
  });

  it('contacts only on request and only for roles that read them; other areas answer 404', async () => {
    const withContact = await run(world.users.handler, { list: 'inbox', contact: '1' });
    const a = withContact.rows.find((r) => r[withContact.col('标题')] === '甲');
    expect(a?.[withContact.col('联系电话')]).toBe('13800000000');
    await expect(run(world.users.leader, { list: 'all', contact: '1' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(run(world.users.inspector, { list: 'all', area: DONGQU })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(run(world.users.leader, { list: 'inbox' })).rejects.toBeInstanceOf(AppError);
    await expect(run(world.users.handler, { list: 'dispatch' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(run(world.users.admin, { list: 'all' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('the route streams with X-Export-Rows and writes an audit record', async () => {
    const { GET } = await import('@/app/api/export/complaints.xlsx/route');
    session.user = world.users.handler;
    const res = await GET(new Request('http://localhost/api/export/complaints.xlsx?list=inbox'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-export-rows')).toBe('5');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const sheet = [...(await readXlsx(new Uint8Array(await res.arrayBuffer()))).values()][0]!;
    expect(sheet.length).toBe(6);
    const audit = await queryRow<{ action: string; actor: number; data: { rows: number; list: string } }>(
      handle.db,
      sql`select action, actor_user_id as actor, data from audit_log order by id desc limit 1`,
    );
    expect(audit).toMatchObject({
      action: 'export',
      actor: world.users.handler.id,
      data: { rows: 5, list: 'inbox' },
    });
    session.user = world.users.leader;
    const bad = await GET(new Request('http://localhost/api/export/complaints.xlsx?list=nope'));
    expect(bad.status).toBe(400);
    session.user = null;
    expect((await GET(new Request('http://localhost/api/export/complaints.xlsx'))).status).toBe(401);
  });
});
