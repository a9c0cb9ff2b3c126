import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { UserMenu } from '@/components/auth/user-menu';
import { PublicLinks } from '@/components/intake/public-links';
import { LocaleSwitch } from './locale-switch';

export async function AppHeader() {
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
        <UserMenu />
      </nav>
    </header>
  );
}
