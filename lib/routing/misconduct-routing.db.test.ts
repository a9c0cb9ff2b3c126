/**
 * 违纪违法线索 are never routed or sent to an ordinary office (it may be the very office reported):
 * the routing decision refuses a rule naming one (manual queue of the 纪委 instead) and drops
 * ordinary co-handling offices; the workflow refuses to dispatch, transfer or escalate a misconduct
 * report to anything but a 纪委 office; a report submitted through intake lands with the 纪委 or in
 * the manual queue, and no ordinary office is notified.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import type { DbHandle } from '@/db/client';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { AppError } from '@/lib/http/errors';
import { submitComplaint } from '@/lib/intake/submit-complaint.server';
import {
  buildWorkflowWorld,
  insertCase,
  type WorkflowWorld,
  XIQU,
  XIQU_VILLAGE,
} from '@/lib/workflow/testing/fixture';
import { transition } from '@/lib/workflow/transition.server';
import { decideRouting } from './decide-routing';
import { loadRouter } from './load-router.server';

let handle: DbHandle;
let world: WorkflowWorld;
let jw = 0;
const now = new Date('2026-03-03T02:00:00Z');

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  jw = Number(
    (await queryRow<{ id: number }>(handle.db, sql`select id from offices where code = ${`${XIQU}-JW`}`))!.id,
  );
});
afterAll(async () => {
  await handle?.close();
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'OK';
}

describe('routing a misconduct report', () => {
  it('a rule naming an ordinary office sends it to the manual queue instead; ordinary co-offices are dropped', async () => {
    const village = { code: XIQU_VILLAGE, name: '村', townName: null, contains: true, distanceM: 0 };
    const params = { categoryCode: 'JJ01', categoryName: '违纪', meters: 30 };
    await handle.db.execute(sql`insert into routing_rules (category_code, tier, division_code, office_id, co_office_ids, priority)
      values ('JJ01', 'county', ${XIQU}, ${jw}, ${sql.raw(`'{${world.offices.health}}'::integer[]`)}, 900)`);
    const ok = decideRouting([village], await loadRouter(handle.db), { ...params, tier: 'county' });
    expect(ok).toMatchObject({ kind: 'routed', officeId: jw, coOfficeIds: [] });

    await handle.db.execute(sql`insert into routing_rules (category_code, tier, division_code, office_id, priority)
      values ('JJ01', 'county', ${XIQU_VILLAGE}, ${world.offices.health}, 999)`);
    const bad = decideRouting([village], await loadRouter(handle.db), { ...params, tier: 'county' });
    expect(bad.kind).toBe('manual');
    expect(bad.reason).toContain('纪委');
    await handle.db.execute(
      sql`delete from routing_rules where category_code = 'JJ01' and priority in (900, 999)`,
    );
  });

  it('the workflow refuses to dispatch, transfer or escalate it to an ordinary office', async () => {
    const id = await insertCase(handle.db, { status: 'triaged', officeId: null, categoryCode: 'JJ01' });
    await handle.db.execute(sql`update complaints set kind = 'misconduct' where id = ${id}`);
    const actor = { kind: 'user' as const, user: world.users.inspector };
    expect(
      await code(
        transition(handle.db, {
          complaintId: id,
          verb: 'dispatch',
          actor,
          input: { officeId: world.offices.health, coOfficeIds: [], routingReason: '人工派单' },
          now,
        }),
      ),
    ).toBe('VALIDATION');
    await transition(handle.db, {
      complaintId: id,
      verb: 'dispatch',
      actor,
      input: { officeId: jw, coOfficeIds: [world.offices.health], routingReason: '人工派单' },
      now,
    });
    const row = await queryRow<{ office: number; co: number[] }>(
      handle.db,
      sql`select responsible_office_id as office, co_office_ids as co from complaints where id = ${id}`,
    );
    expect(Number(row!.office)).toBe(jw);
    expect(row!.co).toEqual([]); // the ordinary co-office was dropped
    expect(
      await code(
        transition(handle.db, {
          complaintId: id,
          verb: 'escalate',
          actor,
          input: { officeId: world.offices.xiquGov, reason: '需要上级协调' },
          now,
        }),
      ),
    ).toBe('VALIDATION');
    const notified = await queryRows<{ office: number }>(
      handle.db,
      sql`select recipient_office_id as office from notifications where complaint_id = ${id}`,
    );
    expect(notified.map((n) => Number(n.office))).toEqual([jw]);
  });

  it('a report submitted through intake reaches the 纪委 or its manual queue, and no ordinary office hears of it', async () => {
    const centre = await queryRow<{ lng: number; lat: number }>(
      handle.db,
      sql`select ST_X(centre) as lng, ST_Y(centre) as lat from divisions where code = ${XIQU_VILLAGE}`,
    );
    const texts = [
      '卫健局王科长在药品采购中收受供应商红包。',
      '社区卫生服务中心主任违规报销，药价虚高。',
      '水务局工作人员吃拿卡要，办事要先送礼。',
    ];
    for (const description of texts) {
      const r = await submitComplaint(
        handle.db,
        {
          kind: 'misconduct',
          description,
          location: { lng: Number(centre!.lng), lat: Number(centre!.lat), datum: 'wgs84' },
          anonymous: true,
        },
        { now },
      );
      const row = await queryRow<{ status: string; kind: string | null; category: string; co: number[] }>(
        handle.db,
        sql`select c.status::text as status, o.kind::text as kind, c.category_code as category, c.co_office_ids as co
            from complaints c left join offices o on o.id = c.responsible_office_id where c.id = ${r.id}`,
      );
      expect(row!.category.startsWith('JJ')).toBe(true);
      expect(row!.kind === null || row!.kind === 'discipline').toBe(true);
      expect(row!.co).toEqual([]);
      const ordinary = await queryRows<{ n: number }>(
        handle.db,
        sql`select 1 as n from notifications n join offices o on o.id = n.recipient_office_id
            where n.complaint_id = ${r.id} and o.kind <> 'discipline'`,
      );
      expect(ordinary).toEqual([]);
    }
  });
});
