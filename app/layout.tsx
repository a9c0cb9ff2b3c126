import { AntdRegistry } from '@ant-design/nextjs-registry';
import type { Metadata, Viewport } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AppProviders } from '@/components/providers/app-providers';
import { AppHeader } from '@/components/shell/app-header';
import { getCurrentUser } from '@/lib/auth/current-user.server';
import { toLocale } from '@/lib/i18n/config';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('app');
  return {
    title: `${t('name')} · ${t('fullName')}`,
    description: t('tagline'),
    // Static files in public/: a resident adds the report page to a phone's home screen.
    manifest: '/manifest.webmanifest',
    icons: {
      icon: [
        { url: '/favicon.ico', sizes: '48x48' },
        { url: '/icon.svg', type: 'image/svg+xml' },
      ],
      apple: '/apple-touch-icon.png',
    },
  };
}

export const viewport: Viewport = { themeColor: '#c41d1d' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, user] = await Promise.all([getLocale().then(toLocale), getCurrentUser()]);
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>
          <AntdRegistry>
            <AppProviders locale={locale}>
              <AppHeader user={user} />
              <main className="app-main">{children}</main>
            </AppProviders>
          </AntdRegistry>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
