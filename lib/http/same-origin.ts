/**
 * Basic CSRF defence for mutating route handlers: refuse requests a browser marks as coming
 * from another site. Call `assertSameOrigin(request)` first in every POST/PUT/PATCH/DELETE.
 *
 * - `Sec-Fetch-Site` (all current browsers): only `same-origin` passes.
 * - else `Origin`: must equal the request's own origin (from its URL, or from
 *   X-Forwarded-Host/Proto or Host behind a proxy).
 * - neither header: not a browser request (curl, server-to-server), which cannot carry a
 *   victim's cookies by itself: allowed. The session cookie is also SameSite=Lax.
 */
import { AppError } from './errors';

export function isSameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = request.headers.get('origin');
  if (!origin) return true;
  if (origin === 'null') return false;
  return allowedOrigins(request).has(origin);
}

export function assertSameOrigin(request: Request): void {
  if (!isSameOrigin(request)) throw new AppError('FORBIDDEN', 'Cross-site request refused');
}

function allowedOrigins(request: Request): Set<string> {
  const allowed = new Set<string>();
  try {
    allowed.add(new URL(request.url).origin);
  } catch {
    // a relative URL: rely on the headers below
  }
  const proto =
    request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() ??
    (request.url.startsWith('https:') ? 'https' : 'http');
  for (const header of ['x-forwarded-host', 'host']) {
    const host = request.headers.get(header)?.split(',')[0]?.trim();
    if (host) allowed.add(`${proto}://${host}`);
  }
  return allowed;
}
