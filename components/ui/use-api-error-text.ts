'use client';

import { useTranslations } from 'next-intl';
import { ApiError } from '@/lib/query/api-client';

/**
 * The user's language for a failed API call: the server's messages are for developers (English,
 * zod's wording), so a screen shows the error code's sentence from messages/<locale>/errors.json,
 * never `error.message`. Anything that is not an ApiError reads as the generic sentence.
 */
export function useApiErrorText(): (error: unknown) => string {
  const t = useTranslations('errors');
  return (error) => {
    const code = error instanceof ApiError ? error.code : 'generic';
    return t.has(code) ? t(code as 'generic') : t('generic');
  };
}
