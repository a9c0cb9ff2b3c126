'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, useState } from 'react';
import type { Locale } from '@/lib/i18n/config';
import '@/lib/http/zod-browser';

/**
 * The one antd theme. Text colours are chosen for WCAG AA contrast (4.5:1) on white and on antd's
 * grey table headers: antd's defaults for secondary text (45 % black), placeholders (25 %) and links
 * (#1677ff) fall below it.
 */
const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#c41d1d',
    borderRadius: 4,
    fontFamily: 'var(--font-cjk)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    colorLink: '#0958d9',
    colorLinkHover: '#1677ff',
    colorLinkActive: '#003eb3',
    colorSuccessText: '#237804',
    colorWarningText: '#ad4e00',
    colorErrorText: '#a8071a',
    // Danger buttons and links, error text: antd's #ff4d4f is 3.3:1 on white.
    colorError: '#cf1322',
  },
  components: {
    // Tags print their colour's 7th shade on its 1st (filled, outlined) and white on the 6th (solid):
    // orange, gold, green, cyan and the status tags fall to 2–3.4:1. Darker shades here reach 5:1 or more.
    Tag: {
      volcano7: '#ad2102',
      orange7: '#ad4e00',
      gold7: '#874d00',
      yellow7: '#876800',
      lime7: '#3f6600',
      green7: '#237804',
      cyan7: '#006d75',
      colorSuccess: '#237804',
      colorWarning: '#ad4e00',
      colorError: '#a8071a',
      colorInfo: '#0958d9',
    },
    // An empty table's message ("暂无…") is printed in the disabled grey (25 % black).
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.58)' },
  },
};

export function AppProviders({ locale, children }: { locale: Locale; children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={THEME}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
