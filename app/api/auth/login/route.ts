import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { localizeAuthError } from '@/lib/auth/localize-auth-error.server';
import { remainingMinutes } from '@/lib/auth/lockout';
import { login } from '@/lib/auth/login.server';
import { loginInputSchema } from '@/lib/auth/login-input';
import { loginWaitMs, recordLoginFailure } from '@/lib/auth/login-rate';
import { requestMeta } from '@/lib/auth/request-meta';
import { defaultCookieOptions, sessionCookieHeader } from '@/lib/auth/session';
import { AppError, toErrorResponse } from '@/lib/http/errors';
import { rateLimited } from '@/lib/http/rate-limit';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { clientAddress } from '@/lib/intake/http';

/**
 * POST {username, password} → 200 {user} and the session cookie; 401 / 429 / 400 otherwise.
 * 429 twice over: the account is locked (lockout.ts), or this address failed too often (login-rate.ts).
 */
export async function POST(request: Request) {
  const address = clientAddress(request);
  try {
    // Signing in uses no prior session: an old cookie without Origin (a script) is not refused.
    assertSameOrigin(request, { session: 'ignored' });
    const waitMs = await loginWaitMs(address);
    if (waitMs > 0) {
      const t = await getTranslations('auth.errors');
      const limited = rateLimited(waitMs);
      return toErrorResponse(
        new AppError(
          'RATE_LIMITED',
          t('tooManyFromAddress', { minutes: remainingMinutes(waitMs) }),
          undefined,
          limited.headers,
        ),
      );
    }
    const body = loginInputSchema.parse(await readJson(request));
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
    if (error instanceof AppError && (error.code === 'UNAUTHENTICATED' || error.code === 'RATE_LIMITED'))
      await recordLoginFailure(address);
    return toErrorResponse(await localizeAuthError(error));
  }
}
