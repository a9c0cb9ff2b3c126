'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Cascader, Empty, List, Segmented, Select, Space, Typography } from 'antd';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useApiErrorText } from '@/components/ui/use-api-error-text';
import { UserContent } from '@/components/ui/user-content';
import { formatDateTime } from '@/lib/format/date-time';
import {
  ALERTS_KEY,
  alertSubscriptionsQuery,
  alertsQuery,
  runAlertsNow,
  subscribeToAlerts,
  unsubscribeFromAlerts,
} from '@/lib/query/alerts';
import { listStatsAreaChildren } from '@/lib/query/stats';
import { SurgeAlertItem } from './surge-alert-item';

interface AreaOption {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: AreaOption[];
  loading?: boolean;
}

/**
 * /alerts: the surge alerts of the user's division, recompute on demand, and subscriptions (the
 * area picked by name from the user's division down to a village, never typed as a code).
 */
export function AlertsWorkspace({
  canRun,
  divisionCode,
  divisionName,
  topAreas,
  categories,
}: {
  canRun: boolean;
  divisionCode: string;
  divisionName: string;
  /**
   * A city user's counties: surge alerts are computed for counties, towns and villages, never for the
   * whole city, so the picker starts one level down and nothing is picked until the user picks.
   */
  topAreas?: { code: string; name: string; hasChildren: boolean }[];
  categories: { code: string; name: string }[];
}) {
  const t = useTranslations('alerts');
  const locale = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useApiErrorText();
  const [state, setState] = useState<'open' | 'all'>('open');
  const { data, isLoading } = useQuery(alertsQuery(state));
  const run = useMutation({
    mutationFn: runAlertsNow,
    onSuccess: (r) => {
      if (r)
        message.success(
          t('ran', {
            opened: r.run.opened,
            updated: r.run.updated,
            closed: r.run.closed,
            emergingOpened: r.run.emerging.opened,
            emergingClosed: r.run.emerging.closed,
            ms: r.run.tookMs,
          }),
        );
      void queryClient.invalidateQueries({ queryKey: ALERTS_KEY });
    },
    onError: (e) => message.error(errorText(e)),
  });
  const subs = useQuery(alertSubscriptionsQuery());
  const [areaPath, setAreaPath] = useState<string[]>(divisionCode && !topAreas ? [divisionCode] : []);
  const area = areaPath[areaPath.length - 1] ?? '';
  const [areaOptions, setAreaOptions] = useState<AreaOption[]>(() =>
    topAreas
      ? topAreas.map((a) => ({ value: a.code, label: a.name, isLeaf: !a.hasChildren }))
      : divisionCode
        ? [{ value: divisionCode, label: divisionName || divisionCode, isLeaf: false }]
        : [],
  );
  const loadAreas = async (selected: AreaOption[]) => {
    const target = selected[selected.length - 1];
    if (!target || target.children) return;
    target.loading = true;
    setAreaOptions([...areaOptions]);
    const children = await listStatsAreaChildren(target.value).catch(() => null);
    target.loading = false;
    target.children = (children ?? []).map((c) => ({ value: c.code, label: c.name, isLeaf: !c.hasChildren }));
    if (target.children.length === 0) target.isLeaf = true;
    setAreaOptions([...areaOptions]);
  };
  const [category, setCategory] = useState<string>('');
  const add = useMutation({
    mutationFn: () => subscribeToAlerts({ areaCode: area, categoryCode: category || null }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: alertSubscriptionsQuery().queryKey }),
    onError: (e) => message.error(errorText(e)),
  });
  const remove = useMutation({
    mutationFn: (id: number) => unsubscribeFromAlerts(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: alertSubscriptionsQuery().queryKey }),
    onError: (e) => message.error(errorText(e)),
  });
  const alerts = data?.alerts ?? [];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 1100 }}>
      <div>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 20 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
          {t('intro')}
        </Typography.Paragraph>
      </div>
      <Space wrap>
        <Segmented
          aria-label={t('show')}
          value={state}
          onChange={(v) => setState(v as 'open' | 'all')}
          options={[
            { value: 'open', label: t('open') },
            { value: 'all', label: t('all') },
          ]}
        />
        {canRun && (
          <Button onClick={() => run.mutate()} loading={run.isPending} data-run-alerts>
            {t('runNow')}
          </Button>
        )}
        <Typography.Text type="secondary">
          {data?.asOf ? t('asOf', { time: formatDateTime(data.asOf) }) : data ? t('never') : ''}
        </Typography.Text>
      </Space>
      <Card size="small" data-surge-alerts={alerts.length}>
        {!isLoading && alerts.length === 0 ? (
          <Empty description={t('none')} />
        ) : (
          <List
            loading={isLoading}
            dataSource={alerts}
            renderItem={(a) => (
              <List.Item key={a.id}>
                <SurgeAlertItem alert={a} />
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title={t('subscriptions.title')}>
        <Typography.Paragraph type="secondary">{t('subscriptions.hint')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 8 }}>
          <Cascader
            style={{ minWidth: 240 }}
            options={areaOptions}
            value={areaPath}
            loadData={loadAreas}
            changeOnSelect
            allowClear={false}
            displayRender={(labels) => labels.join(' / ')}
            // Division names are data (Chinese only): the open list marks them as such.
            optionRender={(option) => <UserContent>{option.label}</UserContent>}
            onChange={(codes) => setAreaPath((codes ?? []).map(String))}
            placeholder={t('subscriptions.area')}
            aria-label={t('subscriptions.area')}
            data-testid="subscription-area"
          />
          <Select
            style={{ width: 180 }}
            value={category}
            onChange={setCategory}
            aria-label={t('subscriptions.category')}
            options={[
              { value: '', label: t('subscriptions.allCategories') },
              ...categories.map((c) => ({ value: c.code, label: c.name })),
            ]}
          />
          <Button
            type="primary"
            onClick={() => add.mutate()}
            loading={add.isPending}
            disabled={!area}
            data-action="subscribe"
          >
            {t('subscriptions.add')}
          </Button>
        </Space>
        <List
          size="small"
          // In the secondary text colour: List prints its empty text in the disabled grey (25 % black).
          locale={{
            emptyText: <Typography.Text type="secondary">{t('subscriptions.none')}</Typography.Text>,
          }}
          dataSource={subs.data?.subscriptions ?? []}
          renderItem={(s) => (
            <List.Item
              key={s.id}
              actions={[
                <Button key="x" size="small" type="link" onClick={() => remove.mutate(s.id)}>
                  {t('subscriptions.remove')}
                </Button>,
              ]}
            >
              <span data-user-content>{s.areaName}</span> ({s.areaCode}) ·{' '}
              {(locale === 'en' ? s.categoryNameEn : s.categoryName) ?? t('subscriptions.every')}
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
