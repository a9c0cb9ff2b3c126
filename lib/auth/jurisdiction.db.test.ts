/** Jurisdiction filtering end to end: policy → scoped queries → verbs, on a real PostGIS. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import type { DbHandle } from '@/db/client';
import { listComplaintsInScope } from '@/db/queries/scoped-complaints';
import { createTestDb } from '@/db/testing/test-db';
import { getComplaint } from '@/lib/complaints/get-complaint.server';
import { listGridPersons } from '@/lib/grid/list-grid-persons.server';
import type { AppError } from '@/lib/http/errors';
import { complaintScope } from './policy';
import { CODES, type Fixtures, insertComplaint, insertFixtures } from './testing/fixtures';
import type { AuthUser, Jurisdiction, Role } from './types';

let handle: DbHandle;
let fx: Fixtures;
const ids: Record<string, number> = {};

let nextUserId = 100;
const as = (role: Role, jurisdiction: Jurisdiction): AuthUser => ({
  id: nextUserId++,
  username: role,
  displayName: role,
  role,
  jurisdiction,
  jurisdictionName: null,
});
const county = (code: string) => ({
  kind: 'division' as const,
  divisionCode: code,
  divisionLevel: 'county' as const,
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'ok',
    (e: AppError) => e.code,
  );
}

beforeAll(async () => {
  handle = await createTestDb();
  fx = await insertFixtures(handle.db);
  const xq = { county: CODES.xiqu, town: CODES.xiquTown, village: CODES.xiquVillage, gridId: fx.grids.xiqu };
  const dq = {
    county: CODES.dongqu,
    town: CODES.dongquTown,
    village: CODES.dongquVillage,
    gridId: fx.grids.dongqu,
  };
  ids.xqHealth = await insertComplaint(handle.db, {
    code: 'XQHEALTH',
    ...xq,
    officeId: fx.offices.xiquHealth,
    contact: { name: '王芳', phone: '13812345678' },
  });
  ids.xqWaterCo = await insertComplaint(handle.db, {
    code: 'XQWATERCO',
    ...xq,
    officeId: fx.offices.xiquWater,
    coOfficeIds: [fx.offices.xiquHealth],
  });
  ids.xqWater = await insertComplaint(handle.db, { code: 'XQWATER', ...xq, officeId: fx.offices.xiquWater });
  ids.dqHealth = await insertComplaint(handle.db, {
    code: 'DQHEALTH',
    ...dq,
    officeId: fx.offices.dongquHealth,
  });
  ids.xqMisconduct = await insertComplaint(handle.db, {
    code: 'XQMISCOND',
    ...xq,
    kind: 'misconduct',
    officeId: fx.offices.xiquDiscipline,
  });
  ids.dqMisconduct = await insertComplaint(handle.db, {
    code: 'DQMISCOND',
    ...dq,
    kind: 'misconduct',
    officeId: fx.offices.dongquDiscipline,
  });
});
afterAll(async () => {
  await handle?.close();
});

async function visible(user: AuthUser): Promise<string[]> {
  const rows = await listComplaintsInScope(handle.db, { scope: complaintScope(user) });
  return rows.map((r) => r.trackingCode).sort();
}

describe('complaints by jurisdiction', () => {
  it("a handler cannot read another office's complaint by id: NOT_FOUND, like a missing one", async () => {
    const handlerA = as('handler', {
      kind: 'office',
      officeId: fx.offices.xiquHealth,
      divisionCode: CODES.xiqu,
      divisionLevel: 'county',
    });
    const own = await getComplaint(handle.db, { user: handlerA, id: ids.xqHealth! });
    expect(own.trackingCode).toBe('XQHEALTH');
    // Masked on every read; the full contact only through the audited unmask verb.
    expect(own.contact).toEqual({ name: '王*', phone: '138****5678' });
    expect(own.contactAccess).toBe('full');
    expect(await codeOf(getComplaint(handle.db, { user: handlerA, id: ids.xqWater! }))).toBe('NOT_FOUND');
    expect(await codeOf(getComplaint(handle.db, { user: handlerA, id: ids.dqHealth! }))).toBe('NOT_FOUND');
    expect(await codeOf(getComplaint(handle.db, { user: handlerA, id: 999_999 }))).toBe('NOT_FOUND');
  });

  it('a handler sees the complaints their office co-handles', async () => {
    const handlerA = as('handler', {
      kind: 'office',
      officeId: fx.offices.xiquHealth,
      divisionCode: CODES.xiqu,
      divisionLevel: 'county',
    });
    expect((await getComplaint(handle.db, { user: handlerA, id: ids.xqWaterCo! })).trackingCode).toBe(
      'XQWATERCO',
    );
    expect(await visible(handlerA)).toEqual(['XQHEALTH', 'XQWATERCO']);
  });

  it('a leader never sees misconduct reports, nor contacts', async () => {
    const cityLeader = as('leader', { kind: 'division', divisionCode: CODES.city, divisionLevel: 'city' });
    expect(await visible(cityLeader)).toEqual(['DQHEALTH', 'XQHEALTH', 'XQWATER', 'XQWATERCO']);
    expect(await codeOf(getComplaint(handle.db, { user: cityLeader, id: ids.xqMisconduct! }))).toBe(
      'NOT_FOUND',
    );
    const seen = await getComplaint(handle.db, { user: cityLeader, id: ids.xqHealth! });
    expect(seen.contact).toBeNull();
    expect(seen.contactAccess).toBe('none');
    const xiquLeader = as('leader', county(CODES.xiqu));
    expect(await visible(xiquLeader)).toEqual(['XQHEALTH', 'XQWATER', 'XQWATERCO']);
  });

  it("an inspector of county X sees X's misconduct reports but not county Y's", async () => {
    const xiquInspector = as('inspector', county(CODES.xiqu));
    expect(await visible(xiquInspector)).toEqual(['XQHEALTH', 'XQMISCOND', 'XQWATER', 'XQWATERCO']);
    const own = await getComplaint(handle.db, { user: xiquInspector, id: ids.xqMisconduct! });
    expect(own.kind).toBe('misconduct');
    expect(await codeOf(getComplaint(handle.db, { user: xiquInspector, id: ids.dqMisconduct! }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(getComplaint(handle.db, { user: xiquInspector, id: ids.dqHealth! }))).toBe(
      'NOT_FOUND',
    );
  });

  it('a town inspector sees the town; a grid worker their grid; misconduct stays hidden from both but the inspector', async () => {
    const townInspector = as('inspector', {
      kind: 'division',
      divisionCode: CODES.dongquTown,
      divisionLevel: 'town',
    });
    expect(await visible(townInspector)).toEqual(['DQHEALTH', 'DQMISCOND']);
    const dongquWorker = as('grid_worker', { kind: 'grid', gridId: fx.grids.dongqu });
    expect(await visible(dongquWorker)).toEqual(['DQHEALTH']);
  });

  it('admins and unbound users see no complaints', async () => {
    const admin = as('admin', { kind: 'division', divisionCode: CODES.city, divisionLevel: 'city' });
    expect(await codeOf(getComplaint(handle.db, { user: admin, id: ids.xqHealth! }))).toBe('FORBIDDEN');
    expect(await visible(admin)).toEqual([]);
    expect(await visible(as('inspector', { kind: 'none' }))).toEqual([]);
  });
});

describe('persons by jurisdiction', () => {
  it("a grid worker sees their own grid's persons unmasked", async () => {
    const worker = as('grid_worker', { kind: 'grid', gridId: fx.grids.xiqu });
    const result = await listGridPersons(handle.db, { user: worker, gridId: fx.grids.xiqu });
    expect(result.masked).toBe(false);
    expect(result.persons.map((p) => [p.name, p.phone])).toEqual([
      ['王芳', '13812345678'],
      ['欧阳娜娜', '13987654321'],
    ]);
  });

  it("a grid worker cannot list another grid's persons: NOT_FOUND", async () => {
    const worker = as('grid_worker', { kind: 'grid', gridId: fx.grids.xiqu });
    expect(await codeOf(listGridPersons(handle.db, { user: worker, gridId: fx.grids.dongqu }))).toBe(
      'NOT_FOUND',
    );
  });

  it("an inspector sees their division's persons masked, and not other divisions'", async () => {
    const inspector = as('inspector', county(CODES.xiqu));
    const result = await listGridPersons(handle.db, { user: inspector, gridId: fx.grids.xiqu });
    expect(result.masked).toBe(true);
    expect(result.persons.map((p) => [p.name, p.phone])).toEqual([
      ['王*', '138****5678'],
      ['欧***', '139****4321'],
    ]);
    expect(await codeOf(listGridPersons(handle.db, { user: inspector, gridId: fx.grids.dongqu }))).toBe(
      'NOT_FOUND',
    );
  });

  it('leaders, handlers and admins get no personal data', async () => {
    for (const user of [
      as('leader', county(CODES.xiqu)),
      as('admin', county(CODES.xiqu)),
      as('handler', {
        kind: 'office',
        officeId: fx.offices.xiquHealth,
        divisionCode: CODES.xiqu,
        divisionLevel: 'county',
      }),
    ]) {
      expect(await codeOf(listGridPersons(handle.db, { user, gridId: fx.grids.xiqu }))).toBe('FORBIDDEN');
    }
  });
});
