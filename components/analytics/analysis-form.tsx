'use client';

import { Button, Form, Select, Space, Switch } from 'antd';
import { useLocale, useTranslations } from 'next-intl';
import { UserContent } from '@/components/ui/user-content';
import type { AnalysisSetup } from '@/lib/hotspots/hotspots.types';
import {
  type AnalysisTab,
  CELL_SIZES,
  EPS_METRES,
  type HotspotParams,
  MIN_POINTS,
  PERIOD_MONTHS,
} from '@/lib/hotspots/url-state';

/** The parameters of the tab's analysis (edited here, applied by 运行) and the CSV of a Gi* result. */
export function AnalysisForm({
  tab,
  form,
  setup,
  onChange,
  onRun,
  loading,
  csvHref,
}: {
  tab: AnalysisTab;
  form: HotspotParams;
  setup: AnalysisSetup;
  onChange: (form: HotspotParams) => void;
  onRun: () => void;
  loading: boolean;
  csvHref: string | null;
}) {
  const t = useTranslations('analytics');
  const locale = useLocale();
  const setField =
    <K extends keyof HotspotParams>(k: K) =>
    (v: HotspotParams[K]) =>
      onChange({ ...form, [k]: v });
  return (
    <Form layout="vertical" size="small" className="analysis__form">
      <Form.Item label={t('area')}>
        <Select
          value={form.division}
          onChange={setField('division')}
          options={setup.divisions.map((d) => ({ value: d.code, label: d.name }))}
          // Division names are data (Chinese only): the open list marks them as such.
          optionRender={(option) => <UserContent>{option.label}</UserContent>}
          aria-label={t('area')}
        />
      </Form.Item>
      <Form.Item label={t('category')}>
        <Select
          aria-label={t('category')}
          allowClear
          placeholder={t('allCategories')}
          value={form.category ?? undefined}
          onChange={(v?: string) => setField('category')(v ?? null)}
          options={setup.categories.map((c) => ({
            value: c.code,
            label: locale === 'en' ? c.nameEn : c.name,
          }))}
        />
      </Form.Item>
      {tab !== 'emerging' && (
        <Form.Item label={t('period')}>
          <Select
            aria-label={t('period')}
            value={form.months}
            onChange={setField('months')}
            options={PERIOD_MONTHS.map((m) => ({ value: m, label: t(`periods.${m}`) }))}
          />
        </Form.Item>
      )}
      {(tab === 'gi' || tab === 'emerging') && (
        <Space wrap>
          <Form.Item label={t('cellSize')}>
            <Select
              aria-label={t('cellSize')}
              value={form.cellSize}
              onChange={setField('cellSize')}
              style={{ width: 110 }}
              options={CELL_SIZES.map((m) => ({ value: m, label: `${m} m` }))}
            />
          </Form.Item>
          {tab === 'gi' && (
            <Form.Item label={t('shape')}>
              <Select
                aria-label={t('shape')}
                value={form.shape}
                onChange={setField('shape')}
                style={{ width: 100 }}
                options={(['square', 'hexagon'] as const).map((s) => ({ value: s, label: t(`shapes.${s}`) }))}
              />
            </Form.Item>
          )}
          <Form.Item label={t('fdr')}>
            <Switch checked={form.fdr} onChange={setField('fdr')} aria-label={t('fdr')} />
          </Form.Item>
        </Space>
      )}
      {tab === 'clusters' && (
        <Space wrap>
          <Form.Item label={t('eps')}>
            <Select
              aria-label={t('eps')}
              value={form.eps}
              onChange={setField('eps')}
              style={{ width: 110 }}
              options={EPS_METRES.map((m) => ({ value: m, label: `${m}` }))}
            />
          </Form.Item>
          <Form.Item label={t('minPoints')}>
            <Select
              aria-label={t('minPoints')}
              value={form.minPoints}
              onChange={setField('minPoints')}
              style={{ width: 90 }}
              options={MIN_POINTS.map((m) => ({ value: m, label: `${m}` }))}
            />
          </Form.Item>
        </Space>
      )}
      <Space>
        <Button type="primary" onClick={onRun} loading={loading} data-testid="analysis-run">
          {loading ? t('running') : t('run')}
        </Button>
        {csvHref && <Button href={csvHref}>{t('csv')}</Button>}
      </Space>
    </Form>
  );
}
