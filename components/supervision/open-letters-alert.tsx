'use client';

import { Alert, Space, Tag } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { deadlineCss } from '@/components/cases/deadline-countdown';
import { useNow } from '@/components/cases/use-now';
import { UserContent } from '@/components/ui/user-content';
import { fmtDue, fmtTime, letterState } from './letter-state';

/** The handler's badge: supervision letters to their office awaiting an answer, each linking to its case. */
export function OpenLettersAlert({
  letters,
  serverNow,
}: {
  letters: {
    id: number;
    code: string;
    complaintId: number | string | null;
    complaintTitle: string | null;
    dueAt: Date | string;
    answeredAt: Date | string | null;
  }[];
  serverNow: number;
}) {
  const t = useTranslations('supervision.letter');
  const now = useNow(serverNow);
  if (letters.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-open-letters={letters.length}
      title={t('openLetters', { count: letters.length })}
      description={
        <Space orientation="vertical" size={2}>
          {letters.map((l) => {
            const s = letterState(l, now);
            return (
              <span key={l.id} data-letter-code={l.code}>
                <Tag color={deadlineCss(s)} title={fmtDue(l.dueAt)}>
                  {t(`states.${s}`)}
                </Tag>
                <Link href={l.complaintId ? `/cases/${l.complaintId}` : `/letters/${l.id}`}>
                  {l.code} · <UserContent>{l.complaintTitle}</UserContent>
                </Link>
              </span>
            );
          })}
        </Space>
      }
    />
  );
}
