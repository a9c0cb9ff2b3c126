import { getTranslations } from 'next-intl/server';
import { localizeAuthError } from '@/lib/auth/localize-auth-error.server';
import { remainingMinutes } from '@/lib/auth/lockout';
import { login } from '@/lib/auth/login.server';
import { loginInputSchema } from '@/lib/auth/login-input';
import { loginWaitMs, recordLoginFailure } from '@/lib/auth/login-rate';
import { requestMeta } from '@/lib/auth/request-meta';
import { defaultCookieOptions, sessionCookieHeader } from '@/lib/auth/session';
import { clientAddress } from '@/lib/http/client-address';
import { AppError, toErrorResponse } from '@/lib/http/errors';
import { rateLimited } from '@/lib/http/rate-limit';
import { readJson } from '@/lib/http/read-request';
import { route } from '@/lib/http/route.server';

/**
 * POST {username, password} → 200 {user} and the session cookie; 401 / 429 / 400 otherwise.
 * 429 twice over: the account is locked (lockout.ts), or this address failed too often (login-rate.ts).
 * Signing in uses no prior session: an old cookie without Origin (a script) is not refused.
 */
export const POST = route(
  {
    auth: 'public',
    sameOrigin: 'ignore-session',
    // A refused or locked attempt counts against the address; the message is in the user's language.
    onError: async (error, request) => {
      if (error instanceof AppError && (error.code === 'UNAUTHENTICATED' || error.code === 'RATE_LIMITED'))
        await recordLoginFailure(clientAddress(request));
      return localizeAuthError(error);
    },
  },
  async ({ db, request }) => {
    const waitMs = await loginWaitMs(clientAddress(request));
    if (waitMs > 0) {
      // Answered here, not thrown: a throttled address is not counted again.
      const t = await getTranslations('auth.errors');
      return toErrorResponse(
        new AppError(
          'RATE_LIMITED',
          t('tooManyFromAddress', { minutes: remainingMinutes(waitMs) }),
          undefined,
          rateLimited(waitMs).headers,
        ),
      );
    }
    // Read after the throttle: a throttled address's body is never parsed.
    const body = loginInputSchema.parse(await readJson(request));
    const result = await login(db, { ...body, ...requestMeta(request), now: new Date() });
    return Response.json(
      { user: result.user },
      {
        headers: {
          'set-cookie': sessionCookieHeader(result.token, defaultCookieOptions()),
          'cache-control': 'no-store',
        },
      },
    );
  },
);
