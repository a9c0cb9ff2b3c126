/**
 * Staff accounts (create, change role or binding, lock, reset password: each audited as
 * `user.permission_change`, ending the user's sessions where it changes what they may do), and the
 * admin route handlers called as Next would: 403 for every other role before the body is read,
 * cross-site requests refused, bad input answered 400 with the field and a message key.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { getSession } from '@/db/queries/sessions';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { login } from '@/lib/auth/login.server';
import { hashSessionToken, SESSION_COOKIE } from '@/lib/auth/session';
import { cookieJar, openTestSession } from '@/lib/auth/testing/session-cookies';
import type { AuthUser } from '@/lib/auth/types';
import { AppError, toAppError } from '@/lib/http/errors';
import { buildWorkflowWorld, type WorkflowWorld, XIQU } from '@/lib/workflow/testing/fixture';
import { createUser } from './create-user.server';
import { resetUserPassword } from './reset-user-password.server';
import { setUserLocked } from './set-user-locked.server';
import { updateUser } from './update-user.server';

vi.mock('next/headers', async () =>
  (await import('@/lib/auth/testing/session-cookies')).nextHeadersFromJar(),
);

let handle: DbHandle;
let world: WorkflowWorld;
const now = new Date('2026-03-09T02:00:00Z');

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
});
afterAll(async () => {
  await handle?.close();
});

const admin = () => world.users.admin;

async function failure(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (error) {
    return error instanceof AppError ? error : toAppError(error);
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

/** A live session for a user, as login would leave it; returns the cookie token. */
function sessionFor(userId: number): Promise<string> {
  return openTestSession(handle.db, userId);
}
const hasSession = async (token: string) =>
  (await getSession(handle.db, { id: hashSessionToken(token) })) !== null;

describe('users', () => {
  let userId = 0;
  const base = {
    username: 'handler.new',
    displayName: '新承办人',
    role: 'handler' as const,
    officeId: 0,
    password: 'Strong-Pass-2026',
  };

  it('creates an account bound to an office; it can sign in; the audit record has no password', async () => {
    const created = await createUser(handle.db, admin(), {
      input: { ...base, officeId: world.offices.health },
      now,
    });
    userId = created.id;
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      action: 'user.permission_change',
      actor_user_id: admin().id,
      target_type: 'user',
      target_id: String(userId),
      data: { op: 'create', after: { role: 'handler', officeId: world.offices.health, divisionCode: null } },
    });
    expect(JSON.stringify(audit)).not.toContain('Strong-Pass-2026');
    const session = await login(handle.db, {
      username: 'handler.new',
      password: 'Strong-Pass-2026',
      now: new Date(),
    });
    expect(session.user.jurisdiction).toMatchObject({ kind: 'office', officeId: world.offices.health });
  });

  it('refuses a missing binding, a taken username, a short password, an unknown grid', async () => {
    const noOffice = await failure(() =>
      createUser(handle.db, admin(), { input: { ...base, username: 'x.one', officeId: null } }),
    );
    expect(noOffice.fields).toContainEqual({ path: 'officeId', message: 'bindingRequired' });
    const taken = await failure(() =>
      createUser(handle.db, admin(), {
        input: { ...base, username: 'HANDLER.NEW', officeId: world.offices.health },
      }),
    );
    expect(taken.fields).toContainEqual({ path: 'username', message: 'usernameTaken' });
    const short = await failure(() =>
      createUser(handle.db, admin(), {
        input: { ...base, username: 'x.two', officeId: world.offices.health, password: 'short' },
      }),
    );
    expect(short.fields).toContainEqual({ path: 'password', message: 'passwordShort' });
    const grid = await failure(() =>
      createUser(handle.db, admin(), {
        input: { ...base, username: 'x.three', role: 'grid_worker', officeId: null, gridId: 999_999 },
      }),
    );
    expect(grid.fields).toContainEqual({ path: 'gridId', message: 'gridUnknown' });
  });

  it('a changed role and binding ends the sessions; a name-only change keeps them', async () => {
    const token = await sessionFor(userId);
    await updateUser(handle.db, admin(), {
      id: userId,
      input: {
        username: 'handler.new',
        displayName: '新承办人（改名）',
        role: 'handler',
        officeId: world.offices.health,
      },
      now,
    });
    expect(await hasSession(token)).toBe(true);
    expect(await lastAudit()).toMatchObject({ data: { op: 'update', sessionsEnded: false } });
    const result = await updateUser(handle.db, admin(), {
      id: userId,
      input: {
        username: 'handler.new',
        displayName: '新承办人',
        role: 'inspector',
        divisionCode: XIQU,
        officeId: null,
      },
      now,
    });
    expect(result.sessionsEnded).toBe(true);
    expect(await hasSession(token)).toBe(false);
    const row = await queryRow<{ role: string; office_id: number | null; division_code: string | null }>(
      handle.db,
      sql`select role::text as role, office_id, division_code from users where id = ${userId}`,
    );
    expect(row).toEqual({ role: 'inspector', office_id: null, division_code: XIQU });
    expect(await lastAudit()).toMatchObject({
      action: 'user.permission_change',
      data: {
        op: 'update',
        before: { role: 'handler' },
        after: { role: 'inspector', divisionCode: XIQU },
        sessionsEnded: true,
      },
    });
  });

  it('an admin cannot change their own role or lock themselves out', async () => {
    const self = await failure(() =>
      updateUser(handle.db, admin(), {
        id: admin().id,
        input: { username: 'a1', displayName: 'a1', role: 'leader', divisionCode: XIQU },
      }),
    );
    expect(self.fields).toContainEqual({ path: 'role', message: 'selfChange' });
    expect(
      (await failure(() => setUserLocked(handle.db, admin(), { id: admin().id, locked: true }))).fields,
    ).toContainEqual({
      path: 'locked',
      message: 'selfChange',
    });
  });

  it('lock ends the sessions and stops sign-in; unlock lets the user back in', async () => {
    const token = await sessionFor(userId);
    await setUserLocked(handle.db, admin(), { id: userId, locked: true, now });
    expect(await hasSession(token)).toBe(false);
    expect(await lastAudit()).toMatchObject({ action: 'user.permission_change', data: { op: 'lock' } });
    const refused = await failure(() =>
      login(handle.db, { username: 'handler.new', password: 'Strong-Pass-2026', now: new Date() }),
    );
    expect(refused.code).toBe('UNAUTHENTICATED');
    await setUserLocked(handle.db, admin(), { id: userId, locked: false, now });
    await expect(
      login(handle.db, { username: 'handler.new', password: 'Strong-Pass-2026', now: new Date() }),
    ).resolves.toMatchObject({ user: { id: userId } });
  });

  it('a password reset returns a new password once, ends the sessions and the old one stops working', async () => {
    const token = await sessionFor(userId);
    const { password } = await resetUserPassword(handle.db, admin(), { id: userId, now });
    expect(password).toMatch(/^[A-Za-z2-9]{12}$/);
    expect(await hasSession(token)).toBe(false);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'user.permission_change', data: { op: 'reset_password' } });
    expect(JSON.stringify(audit)).not.toContain(password);
    expect(
      (
        await failure(() =>
          login(handle.db, { username: 'handler.new', password: 'Strong-Pass-2026', now: new Date() }),
        )
      ).code,
    ).toBe('UNAUTHENTICATED');
    await expect(
      login(handle.db, { username: 'handler.new', password, now: new Date() }),
    ).resolves.toBeTruthy();
  });

  it('refuses every role but admin', async () => {
    const others: AuthUser[] = [
      world.users.handler,
      world.users.inspector,
      world.users.leader,
      world.users.grid,
    ];
    for (const u of others) {
      expect((await failure(() => resetUserPassword(handle.db, u, { id: userId }))).code).toBe('FORBIDDEN');
      expect((await failure(() => setUserLocked(handle.db, u, { id: userId, locked: true }))).code).toBe(
        'FORBIDDEN',
      );
    }
  });
});

describe('admin route handlers', () => {
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    for (const [name, u] of Object.entries(world.users)) tokens.set(name, await sessionFor(u.id));
  });

  async function call(
    as: keyof WorkflowWorld['users'] | null,
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body: unknown,
    site = 'same-origin',
  ) {
    cookieJar.cookie = as ? `${SESSION_COOKIE}=${tokens.get(as)}` : '';
    const request = new Request(`http://localhost${path}`, {
      method,
      headers: { 'sec-fetch-site': site, 'content-type': 'application/json', cookie: cookieJar.cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return request;
  }

  it('answers 403 FORBIDDEN to every other role, 401 without a session, and refuses cross-site requests', async () => {
    const { POST } = await import('@/app/api/admin/triage-rules/route');
    const { POST: lock } = await import('@/app/api/admin/users/[id]/lock/route');
    for (const who of ['handler', 'inspector', 'leader', 'grid'] as const) {
      const res = await POST(await call(who, 'POST', '/api/admin/triage-rules', { not: 'even valid' }));
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
      const res2 = await lock(await call(who, 'POST', '/api/admin/users/1/lock', { locked: true }), {
        params: Promise.resolve({ id: '1' }),
      });
      expect(res2.status).toBe(403);
    }
    expect((await POST(await call(null, 'POST', '/api/admin/triage-rules', {}))).status).toBe(401);
    const crossSite = await POST(await call('admin', 'POST', '/api/admin/triage-rules', {}, 'cross-site'));
    expect(crossSite.status).toBe(403);
  });

  it('answers bad input with 400, the code, the field and the message key; good input saves', async () => {
    const { POST } = await import('@/app/api/admin/routing-rules/route');
    const bad = await POST(
      await call('admin', 'POST', '/api/admin/routing-rules', {
        categoryCode: 'WJ01',
        tier: 'planet',
        coOfficeIds: [],
      }),
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as {
      error: { code: string; message: string; fields: { path: string; message: string }[] };
    };
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.fields).toContainEqual({ path: 'tier', message: 'tier' });
    const good = await POST(
      await call('admin', 'POST', '/api/admin/routing-rules', {
        categoryCode: 'WJ01',
        tier: 'county',
        officeId: world.offices.health,
        coOfficeIds: [world.offices.water],
        priority: 1,
      }),
    );
    expect(good.status).toBe(200);
    const { id } = (await good.json()) as { id: number };
    expect(await lastAudit()).toMatchObject({
      action: 'config.change',
      target_type: 'routing_rule',
      target_id: String(id),
    });

    const { DELETE } = await import('@/app/api/admin/routing-rules/[id]/route');
    const gone = await DELETE(await call('admin', 'DELETE', `/api/admin/routing-rules/${id}`, undefined), {
      params: Promise.resolve({ id: String(id) }),
    });
    expect(gone.status).toBe(200);
    const again = await DELETE(await call('admin', 'DELETE', `/api/admin/routing-rules/${id}`, undefined), {
      params: Promise.resolve({ id: String(id) }),
    });
    expect(again.status).toBe(404);
  });

  it('a CSV import with problems answers 400 listing each line', async () => {
    const { POST } = await import('@/app/api/admin/calendar-import/route');
    const res = await POST(
      await call('admin', 'POST', '/api/admin/calendar-import', {
        year: 2028,
        csv: 'date,kind\n2028-01-01,0\n',
      }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: { path: string; message: string }[] } };
    expect(body.error.fields).toEqual([{ path: 'csv.1', message: 'csv.header' }]);
  });
});
