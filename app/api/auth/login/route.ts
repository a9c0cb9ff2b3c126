import { getDb } from '@/db/client';
import { localizeAuthError } from '@/lib/auth/localize-auth-error.server';
import { login } from '@/lib/auth/login.server';
import { loginInputSchema } from '@/lib/auth/login-input';
import { requestMeta } from '@/lib/auth/request-meta';
import { defaultCookieOptions, sessionCookieHeader } from '@/lib/auth/session';
import { AppError, toErrorResponse } from '@/lib/http/errors';
import { assertSameOrigin } from '@/lib/http/same-origin';

/** POST {username, password} → 200 {user} and the session cookie; 401 / 429 / 400 otherwise. */
export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    const body = loginInputSchema.parse(
      await request.json().catch(() => {
        throw new AppError('VALIDATION', 'Body must be JSON');
      }),
    );
    const result = await login(await getDb(), { ...body, ...requestMeta(request), now: new Date() });
    return Response.json(
      { user: result.user },
      {
        headers: {
          'set-cookie': sessionCookieHeader(result.token, defaultCookieOptions()),
          'cache-control': 'no-store',
        },
      },
    );
  } catch (error) {
    return toErrorResponse(await localizeAuthError(error));
  }
}
