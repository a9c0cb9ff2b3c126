/**
 * Reporters' contacts: masked on every read, unmasked only by the audited verb and only for the
 * viewers the policy entitles (the responsible office while the case is open with it, the
 * jurisdiction's inspectors always, the grid worker who reported on behalf while open); anonymous
 * reports store none. Grid workers' unmasked person registry views are audited too.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import type { DbHandle } from '@/db/client';
import { listAuditByAction } from '@/db/queries/audit';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { AUDIT } from '@/lib/audit/actions';
import { sealAuditChain } from '@/lib/audit/seal-audit-chain.server';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain.server';
import { getComplaint } from '@/lib/complaints/get-complaint.server';
import { unmaskContact } from '@/lib/complaints/unmask-contact.server';
import { listGridPersons } from '@/lib/grid/list-grid-persons.server';
import { AppError } from '@/lib/http/errors';
import { submitComplaint } from '@/lib/intake/submit-complaint.server';
import { getCaseView } from '@/lib/workflow/get-case-view.server';
import {
  buildWorkflowWorld,
  insertCase,
  type WorkflowWorld,
  XIQU_VILLAGE,
} from '@/lib/workflow/testing/fixture';
import { transition } from '@/lib/workflow/transition.server';
import type { AuthUser } from './types';

let handle: DbHandle;
let world: WorkflowWorld;
const now = new Date('2026-03-03T02:00:00Z');
const PHONE = '13812345678';

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
});
afterAll(async () => {
  await handle?.close();
});

async function caseWithContact(params: {
  status: Parameters<typeof insertCase>[1]['status'];
  officeId?: number | null;
  coOfficeIds?: number[];
  reportedBy?: number;
}): Promise<number> {
  const id = await insertCase(handle.db, params);
  await handle.db.execute(sql`insert into complaint_contacts (complaint_id, name, phone, phone_last4)
    values (${id}, '王芳芳', ${PHONE}, '5678')`);
  if (params.reportedBy) {
    await handle.db.execute(
      sql`update complaints set reported_by_user_id = ${params.reportedBy}, channel = 'grid_worker' where id = ${id}`,
    );
  }
  return id;
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'OK';
}

const unmask = (user: AuthUser, id: number) => unmaskContact(handle.db, { user, id, ip: '10.1.1.1', now });

describe('reporter contacts', () => {
  it('are masked on every read, for every role, the case page included', async () => {
    const id = await caseWithContact({ status: 'accepted', officeId: world.offices.health });
    for (const user of [world.users.handler, world.users.inspector, world.users.grid]) {
      const c = await getComplaint(handle.db, { user, id });
      expect(c.contact).toEqual({ name: '王**', phone: '138****5678' });
      const view = await getCaseView(handle.db, { user, id });
      expect(JSON.stringify(view)).not.toContain(PHONE);
      expect(JSON.stringify(view)).not.toContain('王芳芳');
    }
    const leaderView = await getComplaint(handle.db, { user: world.users.leader, id });
    expect(leaderView.contact).toBeNull();
    expect(leaderView.contactAccess).toBe('none');
  });

  it("the responsible office's handler unmasks while the case is open with it, each view audited", async () => {
    const id = await caseWithContact({
      status: 'accepted',
      officeId: world.offices.health,
      coOfficeIds: [world.offices.water],
    });
    expect((await getComplaint(handle.db, { user: world.users.handler, id })).contactAccess).toBe('full');
    const before = (await listAuditByAction(handle.db, { action: AUDIT.contactUnmask })).length;
    expect(await unmask(world.users.handler, id)).toEqual({ complaintId: id, name: '王芳芳', phone: PHONE });
    expect(await unmask(world.users.handler2, id)).toMatchObject({ phone: PHONE });
    const records = await listAuditByAction(handle.db, { action: AUDIT.contactUnmask });
    expect(records.length).toBe(before + 2);
    expect(records[0]).toMatchObject({
      actorUserId: world.users.handler2.id,
      targetType: 'complaint',
      targetId: String(id),
      ip: '10.1.1.1',
    });
    expect(JSON.stringify(records[0]!.data)).not.toContain(PHONE);
    // A co-handling office reads the case, masked, and may not unmask it.
    const co = await getComplaint(handle.db, { user: world.users.waterHandler, id });
    expect(co.contactAccess).toBe('masked');
    expect(await failure(unmask(world.users.waterHandler, id))).toBe('FORBIDDEN');
    // Another county's handler does not see the case at all.
    expect(await failure(unmask(world.users.otherHandler, id))).toBe('NOT_FOUND');
  });

  it('the handler loses it once the case is transferred away, returned or closed; the inspector keeps it', async () => {
    const transferred = await caseWithContact({ status: 'accepted', officeId: world.offices.health });
    await transition(handle.db, {
      complaintId: transferred,
      verb: 'transfer',
      actor: { kind: 'user', user: world.users.handler },
      input: { officeId: world.offices.water, reason: '属水利局职责' },
      now,
    });
    expect(await failure(unmask(world.users.handler, transferred))).not.toBe('OK');
    expect(await unmask(world.users.waterHandler, transferred)).toMatchObject({ phone: PHONE });

    const returned = await caseWithContact({ status: 'dispatched', officeId: world.offices.health });
    await transition(handle.db, {
      complaintId: returned,
      verb: 'return',
      actor: { kind: 'user', user: world.users.handler },
      input: { reason: '不属于本单位职责范围' },
      now,
    });
    expect(await failure(unmask(world.users.handler, returned))).not.toBe('OK');

    const closed = await caseWithContact({ status: 'closed', officeId: world.offices.health });
    expect((await getComplaint(handle.db, { user: world.users.handler, id: closed })).contactAccess).toBe(
      'masked',
    );
    expect(await failure(unmask(world.users.handler, closed))).toBe('FORBIDDEN');
    for (const id of [transferred, returned, closed]) {
      expect(await unmask(world.users.inspector, id)).toMatchObject({ phone: PHONE });
    }
    // Another county's inspector: not their case at all.
    expect(await failure(unmask(world.users.otherInspector, closed))).toBe('NOT_FOUND');
  });

  it('the grid worker who reported on behalf unmasks while open; leaders and admins never', async () => {
    const own = await caseWithContact({
      status: 'dispatched',
      officeId: world.offices.health,
      reportedBy: world.users.grid.id,
    });
    expect(await unmask(world.users.grid, own)).toMatchObject({ phone: PHONE });
    const other = await caseWithContact({ status: 'dispatched', officeId: world.offices.health });
    expect((await getComplaint(handle.db, { user: world.users.grid, id: other })).contactAccess).toBe(
      'masked',
    );
    expect(await failure(unmask(world.users.grid, other))).toBe('FORBIDDEN');
    await handle.db.execute(sql`update complaints set status = 'closed' where id = ${own}`);
    expect(await failure(unmask(world.users.grid, own))).toBe('FORBIDDEN');
    expect(await failure(unmask(world.users.leader, other))).toBe('FORBIDDEN');
    expect(await failure(unmask(world.users.admin, other))).toBe('FORBIDDEN');
  });

  it('anonymous reports store no contact at all, and nothing can be unmasked', async () => {
    const centre = await queryRow<{ lng: number; lat: number }>(
      handle.db,
      sql`select ST_X(centre) as lng, ST_Y(centre) as lat from divisions where code = ${XIQU_VILLAGE}`,
    );
    const body = {
      description: '小区门口的自来水管破裂，水流了一整天。',
      location: { lng: Number(centre!.lng), lat: Number(centre!.lat), datum: 'wgs84' },
      anonymous: true,
    };
    const r = await submitComplaint(handle.db, body, { now });
    const stored = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from complaint_contacts where complaint_id = ${r.id}`,
    );
    expect(stored!.n).toBe(0);
    // The fixture's point lies in whichever county polygon holds it: that county's inspector reads it.
    const placed = await queryRow<{ county: string }>(
      handle.db,
      sql`select county_code as county from complaints where id = ${r.id}`,
    );
    const inspector: AuthUser = {
      ...world.users.inspector,
      jurisdiction: { kind: 'division', divisionCode: placed!.county, divisionLevel: 'county' },
    };
    await expect(submitComplaint(handle.db, { ...body, contact: { phone: PHONE } }, { now })).rejects.toThrow(
      /Anonymous reports carry no contact/,
    );
    const seen = await getComplaint(handle.db, { user: inspector, id: r.id });
    expect(seen).toMatchObject({ anonymous: true, contact: null, contactAccess: 'none' });
    expect(await failure(unmask(inspector, r.id))).toBe('NOT_FOUND');
    // The submission itself is on the record, without the reporter's address.
    const [submitted] = await listAuditByAction(handle.db, { action: AUDIT.complaintSubmit, limit: 1 });
    expect(submitted).toMatchObject({ targetId: String(r.id), ip: null, actorUserId: null });
  });
});

describe('person registry', () => {
  it("the grid's own worker sees it unmasked, and each such view is audited; others see it masked, unaudited", async () => {
    const grid = world.users.grid.jurisdiction.kind === 'grid' ? world.users.grid.jurisdiction.gridId : 0;
    const household = await queryRow<{ id: number }>(
      handle.db,
      sql`insert into households (building_id, unit, size)
          select b.id, '1-101', 2 from buildings b where b.grid_id = ${grid} limit 1 returning id`,
    );
    expect(household).toBeDefined();
    await handle.db.execute(sql`insert into persons (household_id, name, gender, birth_year, phone, is_head)
      values (${household!.id}, '李四海', 'male', 1970, '13900001111', 1)`);
    const before = (await listAuditByAction(handle.db, { action: AUDIT.personUnmask })).length;
    const own = await listGridPersons(handle.db, { user: world.users.grid, gridId: grid, ip: '10.2.2.2' });
    expect(own.masked).toBe(false);
    const after = await listAuditByAction(handle.db, { action: AUDIT.personUnmask });
    if (own.persons.length > 0) {
      expect(after.length).toBe(before + 1);
      expect(after[0]).toMatchObject({
        actorUserId: world.users.grid.id,
        targetType: 'grid',
        targetId: String(grid),
      });
    }
    const masked = await listGridPersons(handle.db, { user: world.users.inspector, gridId: grid });
    expect(masked.masked).toBe(true);
    expect(JSON.stringify(masked)).not.toContain('13900001111');
    expect((await listAuditByAction(handle.db, { action: AUDIT.personUnmask })).length).toBe(after.length);
  });

  it('leaves an intact audit chain behind', async () => {
    expect(await sealAuditChain(handle.db)).toBeGreaterThan(0);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, pending: { count: 0 } });
  });
});
