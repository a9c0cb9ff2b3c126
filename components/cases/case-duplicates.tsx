'use client';

import { App, Button, Card, Tag } from 'antd';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { UserContent } from '@/components/ui/user-content';
import { messageOf, settle } from '@/lib/query/api-client';
import { transitionCase } from '@/lib/query/cases';

export interface DuplicateItem {
  id: number;
  trackingCode: string;
  title: string;
  status: string;
  distanceM: number;
  similarity: number;
  earlier: boolean;
}

/** Likely duplicates of this case; staff merge this case into an earlier one with one click. */
export function CaseDuplicates({
  caseId,
  status,
  items,
  canMerge,
}: {
  caseId: number;
  status: string;
  items: DuplicateItem[];
  canMerge: boolean;
}) {
  const t = useTranslations('workflow.duplicates');
  const tv = useTranslations('workflow');
  const { message } = App.useApp();
  const router = useRouter();
  const [busy, setBusy] = useState<number | null>(null);
  async function merge(into: number) {
    setBusy(into);
    const result = await settle(
      transitionCase(caseId, { verb: 'merge', expectedStatus: status, input: { mergedIntoId: into } }),
    );
    setBusy(null);
    if (result.ok) {
      message.success(t('done'));
      router.refresh();
    } else {
      message.error(messageOf(result.error, tv('errors.generic')));
    }
  }
  return (
    <Card size="small" title={t('title')} className="case__duplicates" data-testid="case-duplicates">
      {items.length === 0 ? (
        <span className="case__muted">{t('none')}</span>
      ) : (
        <ul className="case__dup-list">
          {items.map((d) => (
            <li key={d.id}>
              <a href={`/cases/${d.id}`}>{d.trackingCode}</a> <UserContent>{d.title}</UserContent>{' '}
              {d.earlier ? <Tag>{t('earlier')}</Tag> : null}
              <div className="case__muted">
                {t('meta', { m: Math.round(d.distanceM), s: d.similarity.toFixed(2) })} ·{' '}
                {tv.has(`status.${d.status}`) ? tv(`status.${d.status}` as 'verbs.merge') : d.status}
              </div>
              {canMerge && d.earlier ? (
                <Button size="small" danger loading={busy === d.id} onClick={() => merge(d.id)}>
                  {t('merge')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
