import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import { login } from '@/lib/auth/login.server';
import { CODES, type Fixtures, insertGeographyAndOffices } from '@/lib/auth/testing/fixtures';
import type { DbHandle } from '../client';
import { queryRows } from '../sql';
import { createTestDb } from '../testing/test-db';
import { DEMO_PASSWORD, planDemoUsers, seedUsers } from './users';

let handle: DbHandle;
let fx: Pick<Fixtures, 'offices' | 'grids'>;

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

describe('seedUsers', () => {
  it('stops with a clear message when the geography is missing', async () => {
    await expect(planDemoUsers(handle.db)).rejects.toThrow(/no city division/);
  });

  it('stops with a clear message naming a missing office', async () => {
    fx = await insertGeographyAndOffices(handle.db);
    const rollback = new Error('rollback');
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`delete from offices where id = ${fx.offices.xiquHealth}`);
        await expect(planDemoUsers(tx)).rejects.toThrow(/西区卫生健康局/);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it('binds one demo user per role to the rows of earlier steps, with one shared hash', async () => {
    const log: string[] = [];
    await seedUsers(handle.db, { log: (m) => log.push(m) });
    const rows = await queryRows<{
      username: string;
      role: string;
      division_code: string | null;
      office_id: number | null;
      grid_id: number | null;
      password_hash: string;
    }>(
      handle.db,
      sql`select username, role::text as role, division_code, office_id, grid_id, password_hash from users order by id`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.username, r]));
    expect(by['inspector.xiqu']).toMatchObject({
      role: 'inspector',
      division_code: CODES.xiqu,
      office_id: fx.offices.xiquDiscipline,
    });
    expect(by['handler.xiqu.health']).toMatchObject({ role: 'handler', office_id: fx.offices.xiquHealth });
    expect(by['handler.yanbian.town']).toMatchObject({
      role: 'handler',
      office_id: fx.offices.yanbianTownGov,
    });
    expect(by['grid.dongqu']).toMatchObject({ role: 'grid_worker', grid_id: fx.grids.dongqu });
    expect(by['leader.city']).toMatchObject({ role: 'leader', division_code: CODES.city });
    expect(by['leader.miyi']).toMatchObject({ role: 'leader', division_code: CODES.miyi });
    expect(by.admin).toMatchObject({ role: 'admin', division_code: CODES.city });
    expect(by['inspector.miyi']).toBeUndefined(); // optional: the fixture has no 米易县纪委
    expect(new Set(rows.map((r) => r.role))).toEqual(
      new Set(['grid_worker', 'handler', 'inspector', 'leader', 'admin']),
    );
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(1);
    expect(log).toHaveLength(rows.length);
  });

  it('lets every demo user sign in with the documented password', async () => {
    const result = await login(handle.db, {
      username: 'grid.dongqu',
      password: DEMO_PASSWORD,
      now: new Date(),
    });
    expect(result.user.jurisdiction).toEqual({ kind: 'grid', gridId: fx.grids.dongqu });
    const leader = await login(handle.db, {
      username: 'leader.miyi',
      password: DEMO_PASSWORD,
      now: new Date(),
    });
    expect(leader.user.jurisdictionName).toBe('米易县');
  });
});
