'use client';

import { useQuery } from '@tanstack/react-query';
import { Card, Empty } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { alertsQuery } from '@/lib/query/alerts';
import { SurgeAlertItem } from './surge-alert-item';

/** The workbench's card: the open surge alerts of the user's division (the five most significant). */
export function SurgeAlertsCard() {
  const t = useTranslations('alerts');
  const { data } = useQuery(alertsQuery('open'));
  const alerts = data?.alerts ?? [];
  return (
    <Card
      size="small"
      title={`${t('card')}${data ? ` (${alerts.length})` : ''}`}
      extra={<Link href="/alerts">{t('more')}</Link>}
      style={{ marginBottom: 16, maxWidth: 960 }}
      data-surge-alerts-card={alerts.length}
    >
      {data && alerts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cardEmpty')} />
      ) : (
        alerts.slice(0, 5).map((a) => <SurgeAlertItem key={a.id} alert={a} compact />)
      )}
    </Card>
  );
}
