/**
 * Sessions, the pure part: tokens, their hashes, expiry maths and the cookie.
 *
 * - The cookie holds a random 256-bit token (base64url); the `sessions` row is keyed by its
 *   SHA-256 (hex), so a database leak yields no usable cookie.
 * - Expiry: 12 h idle, 7 d absolute. `sessions.expires_at` always holds the earlier of
 *   "last seen + 12 h" and "created + 7 d"; each authenticated request slides it forward
 *   (at most once per SESSION_TOUCH_MS, to spare writes). A session is valid while
 *   `now < expires_at`.
 * - Cookie: httpOnly, SameSite=Lax, Path=/, Secure in production, Max-Age = the absolute
 *   lifetime (the server decides idle expiry).
 */
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'suqiu_session';
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** Slide the idle expiry at most this often. */
export const SESSION_TOUCH_MS = 60 * 1000;

/** A fresh random token for the cookie: 32 bytes, base64url (43 characters). */
export function generateSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The `sessions.id` of a token: SHA-256, hex. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A plausible token shape: refuse anything else before touching the database. */
export function isWellFormedToken(token: string | undefined | null): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The expiry for a session created at `createdAt` and last seen at `now`. */
export function sessionExpiry(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_ABSOLUTE_MS));
}

export interface SessionTimes {
  createdAt: Date;
  expiresAt: Date;
  lastSeenAt: Date;
}

export function isSessionExpired(session: SessionTimes, now: Date): boolean {
  return (
    now.getTime() >= session.expiresAt.getTime() ||
    now.getTime() >= session.createdAt.getTime() + SESSION_ABSOLUTE_MS
  );
}

/** Whether this request should slide the idle expiry forward. */
export function shouldTouchSession(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_MS;
}

export interface CookieOptions {
  secure: boolean;
}

/** Secure cookies in production; plain http on localhost otherwise. */
export function defaultCookieOptions(): CookieOptions {
  return { secure: process.env.NODE_ENV === 'production' };
}

/** The Set-Cookie value that stores the session token. */
export function sessionCookieHeader(token: string, options: CookieOptions): string {
  return serialize(SESSION_COOKIE, token, Math.floor(SESSION_ABSOLUTE_MS / 1000), options);
}

/** The Set-Cookie value that removes the session cookie. */
export function clearedSessionCookieHeader(options: CookieOptions): string {
  return serialize(SESSION_COOKIE, '', 0, options);
}

function serialize(name: string, value: string, maxAgeSeconds: number, options: CookieOptions): string {
  const parts = [`${name}=${value}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax'];
  if (maxAgeSeconds === 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** The session token from a Cookie request header, if any. */
export function readSessionToken(cookieHeader: string | null | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}
