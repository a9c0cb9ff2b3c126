'use client';

import { useTranslations } from 'next-intl';
import type { ApiError } from '@/lib/query/api-client';

/** The message for an API error: a field's own message when there is one, else the code's. */
export function useErrorText(): (error: ApiError) => string {
  const t = useTranslations('supervision.errors');
  return (error) => {
    const field = error.fields?.[0]?.message;
    if (field && t.has(field)) return t(field as 'generic');
    return t.has(error.code) ? t(error.code as 'generic') : t('generic');
  };
}
