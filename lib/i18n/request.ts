import { cookies } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { LOCALE_COOKIE, toLocale } from './config';

/**
 * Messages are split by namespace: `messages/<locale>/<namespace>.json`. A feature adds its file
 * and its name here; every visible string goes through next-intl.
 */
export const NAMESPACES = [
  'app',
  'nav',
  'home',
  'errors',
  'auth',
  'shell',
  'map',
  'intake',
  'workflow',
  'analytics',
  'supervision',
  'reports',
  'confidentiality',
  'admin',
  'stats',
  'grid',
  'alerts',
  'topics',
] as const;

export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const entries = await Promise.all(
    NAMESPACES.map(async (ns) => [ns, (await import(`./messages/${locale}/${ns}.json`)).default] as const),
  );
  return { locale, messages: Object.fromEntries(entries), timeZone: 'Asia/Shanghai' };
});
