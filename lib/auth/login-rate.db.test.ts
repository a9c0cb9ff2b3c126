/**
 * Login throttling per client address, through the login route: failed sign-ins from one address
 * past LOGIN_FAILURES_PER_ADDRESS are answered 429 with Retry-After before any password is checked
 * (password spraying over many accounts, which the per-account lockout cannot see); other
 * addresses and successful sign-ins are not affected.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/auth/login/route';
import type { DbHandle } from '@/db/client';
import { insertUsers } from '@/db/queries/users';
import { createTestDb } from '@/db/testing/test-db';
import { trustPeerHeader } from '@/lib/http/client-address';
import { LOGIN_FAILURES_PER_ADDRESS } from './login-rate';
import { hashPassword } from './password';
import { CODES, insertGeographyAndOffices } from './testing/fixtures';

// The app's server writes the socket's address into x-suqiu-peer (scripts/peer-address.mjs); so do these requests.
trustPeerHeader();

vi.mock('server-only', () => ({}));
vi.mock('next-intl/server', () => ({
  getTranslations: async () => (key: string, values?: Record<string, unknown>) =>
    `${key}${values ? JSON.stringify(values) : ''}`,
}));

let handle: DbHandle;
const PASSWORD = 'Correct-Horse-9';

beforeAll(async () => {
  handle = await createTestDb();
  await insertGeographyAndOffices(handle.db);
  const hash = await hashPassword(PASSWORD);
  // Many accounts: the spray touches each only once, so no account lockout ever triggers.
  await insertUsers(handle.db, {
    users: Array.from({ length: 40 }, (_, i) => ({
      username: `leader.${i}`,
      displayName: `领导${i}`,
      role: 'leader' as const,
      passwordHash: hash,
      divisionCode: CODES.city,
    })),
  });
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
});
afterAll(async () => {
  await handle?.close();
});

const attempt = (username: string, password: string, ip: string) =>
  POST(
    new Request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-suqiu-peer': ip },
      body: JSON.stringify({ username, password }),
    }),
  );

describe('login throttling per client address', () => {
  it('answers 429 with Retry-After once an address has failed too often, across accounts', async () => {
    const limit = LOGIN_FAILURES_PER_ADDRESS.limit;
    expect(limit).toBe(20);
    // A success from the spraying address does not count.
    expect((await attempt('leader.39', PASSWORD, '203.0.113.7')).status).toBe(200);
    for (let i = 0; i < limit; i++) {
      const res = await attempt(`leader.${i}`, 'wrong-password-1', '203.0.113.7');
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    const blocked = await attempt('leader.39', PASSWORD, '203.0.113.7');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await blocked.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.message).toMatch(/^tooManyFromAddress\{"minutes":\d+\}$/);
    // Another address signs in as usual.
    expect((await attempt('leader.39', PASSWORD, '198.51.100.9')).status).toBe(200);
  });

  it('does not reset the budget for a client that rotates X-Forwarded-For', async () => {
    const limit = LOGIN_FAILURES_PER_ADDRESS.limit;
    const rotating = (i: number) =>
      POST(
        new Request('http://localhost/api/auth/login', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-suqiu-peer': '192.0.2.77',
            'x-forwarded-for': `10.${i}.0.1`,
            'x-real-ip': `10.${i}.0.2`,
          },
          body: JSON.stringify({ username: `nobody.${i}`, password: 'wrong-password-1' }),
        }),
      );
    for (let i = 0; i < limit; i++) expect((await rotating(i)).status, `attempt ${i + 1}`).toBe(401);
    expect((await rotating(limit)).status).toBe(429);
  });
});
