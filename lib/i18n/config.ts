/** Locales: Simplified Chinese first, English second. The choice lives in the NEXT_LOCALE cookie. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'NEXT_LOCALE';

export function toLocale(value: string | undefined | null): Locale {
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : DEFAULT_LOCALE;
}

/**
 * The separator between a label and its value ("原因：…" in Chinese, "Reason: …" in English): one rule for
 * every screen, so a full-width colon never reaches English text.
 */
export function labelSeparator(locale: string): string {
  return locale.startsWith('zh') ? '：' : ': ';
}
