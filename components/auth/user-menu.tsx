import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** Login state in the header. (Replaced by the session-aware menu of lib/auth.) */
export async function UserMenu() {
  const t = await getTranslations('nav');
  return <Link href="/login">{t('login')}</Link>;
}
