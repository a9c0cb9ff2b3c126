'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { PublicTimeline } from '@/lib/intake/public-timeline';
import { postJson } from '@/lib/query/api-client';
import styles from './intake.module.css';
import { NextStepLine } from './next-step-line';

/** On the receipt: the complaint's status right after submitting, and what happens next. */
export function ReceiptStatus({
  credentials,
}: {
  credentials: { trackingCode: string; phoneLast4?: string };
}) {
  const t = useTranslations('intake');
  const [timeline, setTimeline] = useState<PublicTimeline | null>(null);
  const { trackingCode, phoneLast4 } = credentials;
  useEffect(() => {
    let live = true;
    postJson<{ complaint: PublicTimeline }>('/api/v1/track', { trackingCode, phoneLast4 })
      .then((r) => {
        if (live) setTimeline(r.complaint);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [trackingCode, phoneLast4]);
  if (!timeline) return null;
  return (
    <div className={styles.field} data-testid="receipt-status">
      <span className={styles.label}>
        {t('report.receiptStatus', { status: t(`status.${timeline.status}` as 'status.received') })}
      </span>
      <NextStepLine step={timeline.nextStep} />
    </div>
  );
}
