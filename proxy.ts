import { type NextRequest, NextResponse } from 'next/server';

/**
 * Runs before every page request: passes the requested path to server components (so a signed-out
 * visitor to a staff page returns there after login).
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set('x-suqiu-path', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!api/|_next/|maplibre-gl-worker|favicon).*)'],
};
