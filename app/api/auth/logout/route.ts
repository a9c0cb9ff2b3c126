import { logout } from '@/lib/auth/logout.server';
import { requestMeta } from '@/lib/auth/request-meta';
import { clearedSessionCookieHeader, defaultCookieOptions, readSessionToken } from '@/lib/auth/session';
import { route } from '@/lib/http/route.server';

/**
 * POST → deletes the session row and clears the cookie. A form post (the header's logout button)
 * is answered with 303 → /login; fetch callers get 200 {ok: true}.
 */
export const POST = route({ auth: 'public' }, async ({ db, request }) => {
  await logout(db, { token: readSessionToken(request.headers.get('cookie')), ip: requestMeta(request).ip });
  const headers = {
    'set-cookie': clearedSessionCookieHeader(defaultCookieOptions()),
    'cache-control': 'no-store',
  };
  if (request.headers.get('accept')?.includes('text/html')) {
    return new Response(null, { status: 303, headers: { ...headers, location: '/login' } });
  }
  return Response.json({ ok: true }, { headers });
});
