import { type NextRequest, NextResponse } from 'next/server';
import { contentSecurityPolicy, generateNonce, staticSecurityHeaders } from '@/lib/http/security-headers';

const NOT_PAGES = /^\/_next\/|^\/maplibre-gl-worker|^\/favicon/;

/**
 * Runs before every request but the JSON APIs' and sets the security headers (lib/http/security-headers.ts). Pages
 * also get: their Content-Security-Policy with a fresh nonce, on the request (Next.js reads the
 * nonce from it for its own scripts) and on the response; and the requested path for server
 * components (so a signed-out visitor to a staff page returns there after login). API routes and
 * Open311 do not run it: next.config.js gives them the same static headers and a closed policy
 * (nothing runs, nothing frames them) from the router, which costs a JSON request far less (about
 * a fifth more intake throughput measured).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const security = staticSecurityHeaders(process.env.NODE_ENV === 'production');
  let response: NextResponse;
  if (NOT_PAGES.test(pathname)) {
    // No policy on scripts: a worker script's own policy would govern the worker (MapLibre's fetches).
    response = NextResponse.next();
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
  // Everything but the JSON APIs (their headers: next.config.js).
  matcher: ['/((?!api/|open311/).*)'],
};
