'use client';

import { useQuery } from '@tanstack/react-query';
import { Button } from 'antd';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { alertMapHref, alertsQuery } from '@/lib/query/alerts';
import { AlertSentence } from './alert-sentence';

/**
 * The map's warning layer, kept small: a floating list of the open surge alerts of the user's
 * division; each entry opens the map on its area with its category filtered.
 */
export function AlertsMapPanel() {
  const t = useTranslations('alerts');
  const [open, setOpen] = useState(true);
  const { data } = useQuery(alertsQuery('open'));
  const alerts = data?.alerts ?? [];
  if (alerts.length === 0) return null;
  return (
    <div
      data-alerts-map-panel={alerts.length}
      style={{
        position: 'fixed',
        right: 16,
        bottom: 16,
        zIndex: 20,
        width: open ? 340 : 'auto',
        maxHeight: '40vh',
        overflow: 'auto',
        background: 'rgba(255,255,255,0.96)',
        border: '1px solid #f0c0c0',
        borderLeft: '4px solid #c41d1d',
        borderRadius: 4,
        boxShadow: '0 2px 8px rgba(0,0,0,0.15)',
        padding: '6px 10px',
        fontSize: 13,
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <strong style={{ color: '#c41d1d' }}>
          {t('mapPanel')} ({alerts.length})
        </strong>
        <Button size="small" type="text" onClick={() => setOpen((o) => !o)}>
          {open ? '−' : '+'}
        </Button>
      </div>
      {open && (
        <ol style={{ margin: '4px 0 0', paddingLeft: 18 }}>
          {alerts.slice(0, 20).map((a) => (
            <li key={a.id} style={{ marginBottom: 4 }}>
              <a href={alertMapHref(a)} data-alert-area={a.area.code}>
                <AlertSentence alert={a} />
              </a>
            </li>
          ))}
        </ol>
      )}
      {open && (
        <div style={{ textAlign: 'right', fontSize: 12 }}>
          <Link href="/alerts">{t('more')}</Link>
        </div>
      )}
    </div>
  );
}
