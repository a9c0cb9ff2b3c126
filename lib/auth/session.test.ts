import { describe, expect, it } from 'vitest';
import {
  clearedSessionCookieHeader,
  generateSessionToken,
  hashSessionToken,
  isSessionExpired,
  isWellFormedToken,
  readSessionToken,
  SESSION_ABSOLUTE_MS,
  SESSION_COOKIE,
  SESSION_IDLE_MS,
  sessionCookieHeader,
  sessionExpiry,
  shouldTouchSession,
} from './session';

const t0 = new Date('2026-03-01T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const HOUR = 3_600_000;

describe('session tokens', () => {
  it('are 256-bit random base64url strings, stored only as their SHA-256', () => {
    const a = generateSessionToken();
    const b = generateSessionToken();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(isWellFormedToken(a)).toBe(true);
    expect(hashSessionToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSessionToken(a)).not.toContain(a);
    expect(isWellFormedToken('short')).toBe(false);
    expect(isWellFormedToken(`${a}'`)).toBe(false);
    expect(isWellFormedToken(undefined)).toBe(false);
  });
});

describe('session expiry (12 h idle, 7 d absolute)', () => {
  it('expires 12 h after the last request', () => {
    const expiresAt = sessionExpiry(t0, t0);
    expect(expiresAt.getTime() - t0.getTime()).toBe(SESSION_IDLE_MS);
    const s = { createdAt: t0, lastSeenAt: t0, expiresAt };
    expect(isSessionExpired(s, at(12 * HOUR - 1))).toBe(false);
    expect(isSessionExpired(s, at(12 * HOUR))).toBe(true);
  });

  it('slides with activity but never past 7 days', () => {
    const now = at(6 * 24 * HOUR + 20 * HOUR);
    const expiresAt = sessionExpiry(t0, now);
    expect(expiresAt.getTime()).toBe(t0.getTime() + SESSION_ABSOLUTE_MS);
    const s = { createdAt: t0, lastSeenAt: now, expiresAt: at(SESSION_ABSOLUTE_MS + HOUR) };
    expect(isSessionExpired(s, at(SESSION_ABSOLUTE_MS))).toBe(true);
  });

  it('touches at most once a minute', () => {
    const s = { createdAt: t0, lastSeenAt: t0, expiresAt: sessionExpiry(t0, t0) };
    expect(shouldTouchSession(s, at(59_000))).toBe(false);
    expect(shouldTouchSession(s, at(60_000))).toBe(true);
  });
});

describe('session cookie', () => {
  it('is httpOnly, SameSite=Lax, Path=/, with the absolute lifetime', () => {
    const header = sessionCookieHeader('tok', { secure: false });
    const parts = header.split('; ');
    expect(parts[0]).toBe(`${SESSION_COOKIE}=tok`);
    expect(parts).toContain('HttpOnly');
    expect(parts).toContain('SameSite=Lax');
    expect(parts).toContain('Path=/');
    expect(parts).toContain(`Max-Age=${SESSION_ABSOLUTE_MS / 1000}`);
    expect(parts).not.toContain('Secure');
  });

  it('is Secure when asked (production)', () => {
    expect(sessionCookieHeader('tok', { secure: true }).split('; ')).toContain('Secure');
  });

  it('is cleared with Max-Age=0 and the same attributes', () => {
    const parts = clearedSessionCookieHeader({ secure: true }).split('; ');
    expect(parts[0]).toBe(`${SESSION_COOKIE}=`);
    expect(parts).toEqual(
      expect.arrayContaining(['Max-Age=0', 'HttpOnly', 'SameSite=Lax', 'Secure', 'Path=/']),
    );
  });

  it('is read back from a Cookie header', () => {
    expect(readSessionToken(`a=1; ${SESSION_COOKIE}=xyz; b=2`)).toBe('xyz');
    expect(readSessionToken('a=1')).toBeUndefined();
    expect(readSessionToken(null)).toBeUndefined();
  });
});
