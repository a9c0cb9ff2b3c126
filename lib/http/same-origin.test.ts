import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '@/lib/auth/session';
import { AppError } from './errors';
import { assertSameOrigin, isSameOrigin } from './same-origin';

const post = (headers: Record<string, string>) =>
  new Request('http://localhost:3000/api/auth/login', { method: 'POST', headers });

describe('same-origin check', () => {
  it('follows Sec-Fetch-Site when the browser sends it', () => {
    expect(isSameOrigin(post({ 'sec-fetch-site': 'same-origin' }))).toBe(true);
    expect(isSameOrigin(post({ 'sec-fetch-site': 'cross-site', origin: 'http://localhost:3000' }))).toBe(
      false,
    );
    expect(isSameOrigin(post({ 'sec-fetch-site': 'same-site' }))).toBe(false);
  });

  it('otherwise compares Origin with the configured public origin, never Host or X-Forwarded-Host', () => {
    expect(isSameOrigin(post({ origin: 'http://localhost:3000' }))).toBe(true);
    expect(isSameOrigin(post({ origin: 'http://evil.example' }))).toBe(false);
    expect(isSameOrigin(post({ origin: 'null' }))).toBe(false);
    // The attacker's page names its own host in the headers it controls: refused.
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
      { origin: 'http://evil.example', host: 'evil.example' },
    ]) {
      expect(
        isSameOrigin(new Request('http://evil.example/api/auth/login', { method: 'POST', headers })),
      ).toBe(false);
    }
    const saved = process.env.SUQIU_PUBLIC_ORIGIN;
    process.env.SUQIU_PUBLIC_ORIGIN = 'https://suqiu.example';
    try {
      expect(isSameOrigin(post({ origin: 'https://suqiu.example' }))).toBe(true);
      expect(isSameOrigin(post({ origin: 'http://localhost:3000' }))).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.SUQIU_PUBLIC_ORIGIN;
      else process.env.SUQIU_PUBLIC_ORIGIN = saved;
    }
  });

  it('lets non-browser clients (no Origin, no Sec-Fetch-Site) through', () => {
    expect(isSameOrigin(post({}))).toBe(true);
    expect(isSameOrigin(post({ cookie: 'locale=en' }))).toBe(true);
  });

  it('refuses a request that carries the session cookie but hides its origin (login excepted)', () => {
    const token = `${SESSION_COOKIE}=${'a'.repeat(43)}`;
    expect(isSameOrigin(post({ cookie: token }))).toBe(false);
    expect(isSameOrigin(post({ cookie: `locale=en; ${token}` }))).toBe(false);
    expect(isSameOrigin(post({ cookie: token }), { session: 'ignored' })).toBe(true);
    expect(isSameOrigin(post({ cookie: token, origin: 'http://localhost:3000' }))).toBe(true);
    expect(isSameOrigin(post({ cookie: token, 'sec-fetch-site': 'same-origin' }))).toBe(true);
  });

  it('throws FORBIDDEN for a cross-site request', () => {
    expect(() => assertSameOrigin(post({ origin: 'http://evil.example' }))).toThrow(AppError);
    try {
      assertSameOrigin(post({ origin: 'http://evil.example' }));
    } catch (e) {
      expect((e as AppError).code).toBe('FORBIDDEN');
    }
  });
});
