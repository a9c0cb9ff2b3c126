'use client';

import { Button } from 'antd';
import { useRouter } from 'next/navigation';
import { useLocale } from 'next-intl';
import { LOCALE_COOKIE } from '@/lib/i18n/config';

export function LocaleSwitch({ label }: { label: string }) {
  const locale = useLocale();
  const router = useRouter();
  return (
    <Button
      type="text"
      size="small"
      // The label names the other language in that language ("中文", "English").
      lang={locale === 'en' ? 'zh-CN' : 'en'}
      onClick={() => {
        const next = locale === 'en' ? 'zh-CN' : 'en';
        // biome-ignore lint/suspicious/noDocumentCookie: the locale cookie is read by the server on the next render.
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
    >
      {label}
    </Button>
  );
}
