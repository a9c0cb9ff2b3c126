'use client';

import { Tag } from 'antd';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import type { AlertView } from '@/lib/alerts/alert-types';
import { formatDateTime } from '@/lib/format/date-time';
import { labelSeparator } from '@/lib/i18n/config';
import { alertMapHref } from '@/lib/query/alerts';
import { AlertSentence } from './alert-sentence';

/** One alert: its sentence, then when it began, its complaints and a link to the map. */
export function SurgeAlertItem({ alert, compact = false }: { alert: AlertView; compact?: boolean }) {
  const t = useTranslations('alerts');
  const locale = useLocale();
  const open = alert.closedAt === null;
  const shown = compact ? 3 : 12;
  return (
    <div
      className="surge-alert"
      data-alert-kind={alert.kind}
      data-alert-area={alert.area.code}
      data-alert-category={alert.category.code}
    >
      <div>
        {alert.pattern ? (
          <Tag color={open ? 'volcano' : 'default'} data-alert-pattern={alert.pattern}>
            {t(`pattern.${alert.pattern}`)}
          </Tag>
        ) : (
          <>
            <Tag color={open ? 'red' : 'default'}>{t(`window.${alert.window}`)}</Tag>
            <Tag>{t(`level.${alert.area.level}`)}</Tag>
          </>
        )}
        <strong>
          <AlertSentence alert={alert} />
        </strong>
      </div>
      <div style={{ color: '#666', fontSize: 12, marginTop: 2 }}>
        {open
          ? t('began', { time: formatDateTime(alert.beganAt) })
          : t('closed', { time: formatDateTime(alert.closedAt) })}
        {alert.peakObserved > alert.observed ? ` · ${t('peak', { n: alert.peakObserved })}` : ''}
        {' · '}
        <Link href={alertMapHref(alert)} prefetch={false} style={{ textDecoration: 'underline' }}>
          {t('onMap')}
        </Link>
        {' · '}
        {t('complaints', { count: alert.complaintIds.length })}
        {labelSeparator(locale)}
        {alert.complaintLinks.slice(0, shown).map((href, i) => (
          <Link
            key={href}
            href={href}
            prefetch={false}
            style={{ marginRight: 6, textDecoration: 'underline' }}
          >
            {alert.complaintCodes[i]}
          </Link>
        ))}
        {alert.complaintIds.length > shown ? '…' : ''}
      </div>
    </div>
  );
}
