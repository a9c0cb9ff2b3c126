import { LOCALE_COOKIE, type Locale, toLocale } from '@/lib/i18n/config';

/** The UI locale of a request (the NEXT_LOCALE cookie; zh-CN by default), for files made on the server. */
export function localeOfRequest(request: Request): Locale {
  const cookie = request.headers.get('cookie') ?? '';
  const match = cookie.split(/;\s*/).find((c) => c.startsWith(`${LOCALE_COOKIE}=`));
  return toLocale(match ? decodeURIComponent(match.slice(LOCALE_COOKIE.length + 1)) : null);
}
