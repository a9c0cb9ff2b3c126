import { type NextRequest, NextResponse } from 'next/server';
import {
  API_CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  generateNonce,
  staticSecurityHeaders,
} from '@/lib/http/security-headers';

const NOT_PAGES = /^\/(api|open311|_next)\/|^\/maplibre-gl-worker|^\/favicon/;
const API = /^\/(api|open311)\//;

/**
 * Runs before every request and sets the security headers (lib/http/security-headers.ts). Pages
 * also get: their Content-Security-Policy with a fresh nonce, on the request (Next.js reads the
 * nonce from it for its own scripts) and on the response; and the requested path for server
 * components (so a signed-out visitor to a staff page returns there after login). API routes and
 * Open311 get a closed policy (nothing runs, nothing frames them).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const security = staticSecurityHeaders(process.env.NODE_ENV === 'production');
  let response: NextResponse;
  if (NOT_PAGES.test(pathname)) {
    response = NextResponse.next();
    // Not on scripts: a worker script's own policy would govern the worker (MapLibre's fetches).
    if (API.test(pathname)) response.headers.set('content-security-policy', API_CONTENT_SECURITY_POLICY);
  } else {
    const nonce = generateNonce();
    const csp = contentSecurityPolicy({
      nonce,
      dev: process.env.NODE_ENV === 'development',
      mapStyleUrl: process.env.NEXT_PUBLIC_MAP_STYLE_URL,
      extraConnectSrc: process.env.SUQIU_CSP_CONNECT_SRC,
    });
    const headers = new Headers(request.headers);
    headers.set('x-suqiu-path', `${pathname}${search}`);
    headers.set('x-nonce', nonce);
    headers.set('content-security-policy', csp);
    response = NextResponse.next({ request: { headers } });
    response.headers.set('content-security-policy', csp);
  }
  for (const [key, value] of Object.entries(security)) response.headers.set(key, value);
  return response;
}

export const config = {
  matcher: ['/:path*'],
};
