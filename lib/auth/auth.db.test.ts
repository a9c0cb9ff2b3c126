import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));

import type { DbHandle } from '@/db/client';
import { getSession } from '@/db/queries/sessions';
import { insertUsers } from '@/db/queries/users';
import { users } from '@/db/schema';
import { createTestDb } from '@/db/testing/test-db';
import { AppError } from '@/lib/http/errors';
import { LOCKOUT_MS, MAX_FAILED_LOGINS } from './lockout';
import { login } from './login.server';
import { logout } from './logout.server';
import { hashPassword, PASSWORD_PARAMS } from './password';
import { resolveSession } from './resolve-session.server';
import { hashSessionToken, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session';
import { CODES, type Fixtures, insertGeographyAndOffices } from './testing/fixtures';

let handle: DbHandle;
let fx: Pick<Fixtures, 'offices' | 'grids'>;
const PASSWORD = 'Correct-Horse-9';
const t0 = new Date('2026-03-02T01:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const MIN = 60_000;

async function error(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

beforeAll(async () => {
  handle = await createTestDb();
  fx = await insertGeographyAndOffices(handle.db);
  const hash = await hashPassword(PASSWORD);
  await insertUsers(handle.db, {
    users: [
      {
        username: 'Handler.A',
        displayName: '甲',
        role: 'handler',
        passwordHash: hash,
        officeId: fx.offices.xiquHealth,
      },
      { username: 'locky', displayName: '乙', role: 'leader', passwordHash: hash, divisionCode: CODES.city },
      { username: 'locky2', displayName: '丙', role: 'leader', passwordHash: hash, divisionCode: CODES.city },
      {
        username: 'gone',
        displayName: '丙',
        role: 'leader',
        passwordHash: hash,
        divisionCode: CODES.city,
        disabledAt: t0,
      },
      {
        username: 'grid.w',
        displayName: '丁',
        role: 'grid_worker',
        passwordHash: hash,
        gridId: fx.grids.dongqu,
      },
    ],
  });
});
afterAll(async () => {
  await handle?.close();
});

describe('login', () => {
  it('opens a session for the right password (username case-insensitive) and stores only the token hash', async () => {
    const result = await login(handle.db, {
      username: 'handler.a',
      password: PASSWORD,
      now: t0,
      ip: '10.0.0.1',
    });
    expect(result.user).toMatchObject({
      username: 'Handler.A',
      role: 'handler',
      jurisdiction: {
        kind: 'office',
        officeId: fx.offices.xiquHealth,
        divisionCode: CODES.xiqu,
        divisionLevel: 'county',
      },
      jurisdictionName: '西区卫生健康局',
    });
    expect(result.expiresAt.getTime()).toBe(t0.getTime() + SESSION_IDLE_MS);
    expect(await getSession(handle.db, { id: result.token })).toBeNull();
    const stored = await getSession(handle.db, { id: hashSessionToken(result.token) });
    expect(stored?.expiresAt.getTime()).toBe(result.expiresAt.getTime());
    const [row] = await handle.db
      .select({ last: users.lastLoginAt })
      .from(users)
      .where(eq(users.username, 'Handler.A'));
    expect(row?.last?.getTime()).toBe(t0.getTime());
  });

  it('answers unknown users, disabled users and wrong passwords with the same error', async () => {
    const unknown = await error(login(handle.db, { username: 'nobody', password: PASSWORD, now: t0 }));
    const wrong = await error(login(handle.db, { username: 'Handler.A', password: 'nope', now: t0 }));
    const disabled = await error(login(handle.db, { username: 'gone', password: PASSWORD, now: t0 }));
    for (const e of [unknown, wrong, disabled]) {
      expect(e.code).toBe('UNAUTHENTICATED');
      expect(e.message).toBe(unknown.message);
    }
  });

  it(`locks after ${MAX_FAILED_LOGINS} failures, refuses even the right password, and unlocks after the window`, async () => {
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      const e = await error(login(handle.db, { username: 'locky', password: 'bad', now: at(i * 1000) }));
      expect(e.code).toBe('UNAUTHENTICATED');
    }
    const lockedAt = at(MAX_FAILED_LOGINS * 1000);
    const fifth = await error(login(handle.db, { username: 'locky', password: 'bad', now: lockedAt }));
    expect(fifth.code).toBe('RATE_LIMITED');
    expect(fifth.headers?.['retry-after']).toBe(String(LOCKOUT_MS / 1000));

    const later = new Date(lockedAt.getTime() + 5 * MIN);
    const stillLocked = await error(login(handle.db, { username: 'locky', password: PASSWORD, now: later }));
    expect(stillLocked.code).toBe('RATE_LIMITED');
    expect(stillLocked.headers?.['retry-after']).toBe(String((LOCKOUT_MS - 5 * MIN) / 1000));

    const unlocked = new Date(lockedAt.getTime() + LOCKOUT_MS);
    const ok = await login(handle.db, { username: 'locky', password: PASSWORD, now: unlocked });
    expect(ok.user.username).toBe('locky');
    const [row] = await handle.db
      .select({ failed: users.failedLogins, until: users.lockedUntil })
      .from(users)
      .where(eq(users.username, 'locky'));
    expect(row).toEqual({ failed: 0, until: null });
  });

  it('locks an unknown username exactly like a real one (the answers do not tell which exist)', async () => {
    const answers = async (username: string, base: number) => {
      const out: { code: string; message: string; retry?: string }[] = [];
      for (let i = 1; i <= MAX_FAILED_LOGINS + 1; i++) {
        const e = await error(login(handle.db, { username, password: 'bad', now: at(base + i * 1000) }));
        out.push({ code: e.code, message: e.message, retry: e.headers?.['retry-after'] });
      }
      return out;
    };
    const real = await answers('locky2', 100_000);
    const unknown = await answers('no.such.user', 100_000);
    expect(unknown.map((a) => a.code)).toEqual(real.map((a) => a.code));
    expect(unknown.map((a) => a.message)).toEqual(real.map((a) => a.message));
    expect(real.at(-1)!.code).toBe('RATE_LIMITED');
    expect(unknown[MAX_FAILED_LOGINS - 1]!.retry).toBe(String(LOCKOUT_MS / 1000));
  });

  it('upgrades a hash made with old parameters on a successful login', async () => {
    const { hash } = await import('@node-rs/argon2');
    const old = await hash(PASSWORD, { ...PASSWORD_PARAMS, memoryCost: 4096, timeCost: 1 });
    await handle.db.update(users).set({ passwordHash: old }).where(eq(users.username, 'grid.w'));
    await login(handle.db, { username: 'grid.w', password: PASSWORD, now: t0 });
    const [row] = await handle.db
      .select({ h: users.passwordHash })
      .from(users)
      .where(eq(users.username, 'grid.w'));
    expect(row?.h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const again = await login(handle.db, { username: 'grid.w', password: PASSWORD, now: t0 });
    expect(again.user.jurisdiction).toEqual({ kind: 'grid', gridId: fx.grids.dongqu });
  });
});

describe('sessions', () => {
  it('resolve to the user, slide the idle expiry, and end at logout', async () => {
    const { token } = await login(handle.db, { username: 'handler.a', password: PASSWORD, now: t0 });
    const id = hashSessionToken(token);
    expect((await resolveSession(handle.db, { token, now: at(MIN) }))?.username).toBe('Handler.A');

    const tenHours = at(10 * 60 * MIN);
    expect(await resolveSession(handle.db, { token, now: tenHours })).not.toBeNull();
    expect((await getSession(handle.db, { id }))?.expiresAt.getTime()).toBe(
      tenHours.getTime() + SESSION_IDLE_MS,
    );

    await logout(handle.db, { token });
    expect(await getSession(handle.db, { id })).toBeNull();
    expect(await resolveSession(handle.db, { token, now: tenHours })).toBeNull();
  });

  it('expire after 12 h idle, and the expired row is removed', async () => {
    const { token } = await login(handle.db, { username: 'handler.a', password: PASSWORD, now: t0 });
    expect(await resolveSession(handle.db, { token, now: at(SESSION_IDLE_MS) })).toBeNull();
    expect(await getSession(handle.db, { id: hashSessionToken(token) })).toBeNull();
  });

  it('expire 7 days after login however active', async () => {
    const { token } = await login(handle.db, { username: 'handler.a', password: PASSWORD, now: t0 });
    const TEN_HOURS = 10 * 60 * MIN;
    for (let t = TEN_HOURS; t < SESSION_ABSOLUTE_MS; t += TEN_HOURS) {
      expect(await resolveSession(handle.db, { token, now: at(t) })).not.toBeNull();
    }
    expect(await resolveSession(handle.db, { token, now: at(SESSION_ABSOLUTE_MS) })).toBeNull();
  });

  it('stop resolving when the user is disabled, and ignore garbage tokens', async () => {
    const { token } = await login(handle.db, { username: 'handler.a', password: PASSWORD, now: t0 });
    expect(await resolveSession(handle.db, { token: 'x'.repeat(43), now: t0 })).toBeNull();
    expect(await resolveSession(handle.db, { token: "' or 1=1 --", now: t0 })).toBeNull();
    await handle.db.execute(sql`update users set disabled_at = now() where username = 'Handler.A'`);
    expect(await resolveSession(handle.db, { token, now: at(MIN) })).toBeNull();
    await handle.db.execute(sql`update users set disabled_at = null where username = 'Handler.A'`);
  });
});
