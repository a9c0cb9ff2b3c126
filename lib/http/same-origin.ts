/**
 * Basic CSRF defence for mutating route handlers: refuse requests a browser marks as coming
 * from another site. Call `assertSameOrigin(request)` first in every POST/PUT/PATCH/DELETE.
 *
 * - `Sec-Fetch-Site` (all current browsers): only `same-origin` passes.
 * - else `Origin`: must be one of the configured public origins (`SUQIU_PUBLIC_ORIGIN`, see
 *   public-origin.ts), never judged by the request's Host or X-Forwarded-Host (the client writes those).
 * - neither header: not a browser request (curl, server-to-server: browsers send Origin on every
 *   POST, PUT, PATCH and DELETE), allowed — unless it carries the session cookie, whose use must
 *   be proven same-origin (a request that rides on a session and hides where it comes from is
 *   refused). The session cookie is also SameSite=Lax. Signing in needs no prior session, so the
 *   login route passes `{ session: 'ignored' }`.
 * Refusals are 403 FORBIDDEN with the message 'Cross-site request refused'.
 */
import { AppError } from './errors';
import { publicOrigins } from './public-origin';

/** Kept here (not imported from lib/auth/session.ts) so that this module stays dependency-free. */
const SESSION_COOKIE_PREFIX = 'suqiu_session=';

function carriesSessionCookie(request: Request): boolean {
  const cookie = request.headers.get('cookie');
  return !!cookie && cookie.split(';').some((part) => part.trim().startsWith(SESSION_COOKIE_PREFIX));
}

export interface SameOriginOptions {
  /** 'ignored': a request without Origin passes even with a session cookie (login). */
  session?: 'ignored';
}

export function isSameOrigin(request: Request, options: SameOriginOptions = {}): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = request.headers.get('origin');
  if (!origin) return options.session === 'ignored' || !carriesSessionCookie(request);
  if (origin === 'null') return false;
  return publicOrigins().includes(origin);
}

export function assertSameOrigin(request: Request, options: SameOriginOptions = {}): void {
  if (!isSameOrigin(request, options)) throw new AppError('FORBIDDEN', 'Cross-site request refused');
}
