'use client';

import { useLocale } from 'next-intl';
import { useCallback } from 'react';

/** Reference data with names in both languages (categories, urgency grades): the name for the UI's locale. */
export function useLocalisedName() {
  const en = useLocale() === 'en';
  return useCallback((x: { nameZh: string; nameEn?: string | null }) => (en && x.nameEn) || x.nameZh, [en]);
}
