'use client';

import { useLocale } from 'next-intl';
import { UserContent } from '@/components/ui/user-content';
import type { AlertView } from '@/lib/alerts/alert-types';

/**
 * An alert's sentence in the UI's language, its place name marked as data (division names are
 * Chinese only, so an English sentence still names 盐边县格萨拉彝族乡韭菜坪村).
 */
export function AlertSentence({ alert }: { alert: Pick<AlertView, 'sentence' | 'sentenceEn' | 'area'> }) {
  const locale = useLocale();
  const text = locale === 'en' ? alert.sentenceEn : alert.sentence;
  const at = text.indexOf(alert.area.path);
  if (!alert.area.path || at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <UserContent>{alert.area.path}</UserContent>
      {text.slice(at + alert.area.path.length)}
    </>
  );
}
