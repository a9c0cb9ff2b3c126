import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { UserMenu } from '@/components/auth/user-menu';
import { PublicLinks } from '@/components/intake/public-links';
import type { AuthUser } from '@/lib/auth/types';
import { LocaleSwitch } from './locale-switch';

/** The header on every page; `user` is the signed-in user (read once by the root layout), or null. */
export async function AppHeader({ user }: { user: AuthUser | null }) {
  const t = await getTranslations();
  return (
    <header className="app-header">
      <Link href="/" className="app-header__brand">
        <strong>{t('app.name')}</strong>
        <span>{t('app.tagline')}</span>
      </Link>
      <nav className="app-header__nav">
        <PublicLinks />
        <LocaleSwitch label={t('nav.language')} />
        <UserMenu user={user} />
      </nav>
    </header>
  );
}
