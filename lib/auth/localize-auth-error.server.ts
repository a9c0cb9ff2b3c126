import 'server-only';
import { getTranslations } from 'next-intl/server';
import { AppError, toAppError } from '@/lib/http/errors';
import { remainingMinutes } from './lockout';

/**
 * Login errors in the reader's language (cookie locale): the login form shows `message` as is.
 * Lockout messages carry the remaining minutes, from the Retry-After header the verb set.
 */
export async function localizeAuthError(error: unknown): Promise<AppError> {
  const e = toAppError(error);
  const t = await getTranslations('auth.errors');
  switch (e.code) {
    case 'UNAUTHENTICATED':
      return new AppError(e.code, t('invalidCredentials'), e.fields, e.headers);
    case 'RATE_LIMITED': {
      const seconds = Number(e.headers?.['retry-after'] ?? 60);
      return new AppError(
        e.code,
        t('locked', { minutes: remainingMinutes(seconds * 1000) }),
        e.fields,
        e.headers,
      );
    }
    case 'VALIDATION':
      return new AppError(e.code, t('validation'), e.fields, e.headers);
    case 'FORBIDDEN':
      return new AppError(e.code, t('crossSite'), e.fields, e.headers);
    default:
      return e;
  }
}
