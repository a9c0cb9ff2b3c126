'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { ExportButton } from '@/components/export/export-button';
import { userData } from '@/components/ui/user-content';
import { CATEGORY_RANKING_DEFINITION, OFFICE_RANKING_DEFINITION } from '@/lib/stats/definitions';
import type { PerCapitaResponse } from '@/lib/stats/per-capita-types';
import type { StatsDashboard as Data } from '@/lib/stats/stats.types';
import type { StatsState } from '@/lib/stats/url-state';
import { IndicatorTipIcon, TextTip } from './definition-tip';
import { IndicatorCards } from './indicator-cards';
import { OfficeTable } from './office-table';
import { PerCapitaPanel } from './per-capita-panel';
import styles from './stats.module.css';
import { StatsFilters } from './stats-filters';

/** ECharts and MapLibre load in the browser only, on this route. */
const TrendChart = dynamic(() => import('./charts').then((m) => m.TrendChart), { ssr: false });
const CategoryChart = dynamic(() => import('./charts').then((m) => m.CategoryChart), { ssr: false });
const HotspotMiniMap = dynamic(() => import('./hotspot-mini-map').then((m) => m.HotspotMiniMap), {
  ssr: false,
});

/** The leader dashboard: one area and period, everything in the URL. */
export function StatsDashboard({
  data,
  state,
  perCapita,
}: {
  data: Data;
  state: StatsState;
  perCapita?: PerCapitaResponse | null;
}) {
  const t = useTranslations('stats');
  const { indicators, trend, categories, offices } = data;
  const area = indicators.area;
  const { from, to } = indicators.period;
  const exportQuery = (table: string, extra: Record<string, string> = {}) =>
    `/api/export/stats.xlsx?${new URLSearchParams({ table, area: area.code, ...extra }).toString()}`;
  return (
    <div className={styles.page}>
      <div className={styles.header}>
        <div>
          <h1 className={styles.title}>{t('title')}</h1>
          <div className={styles.subtitle} data-testid="stats-subtitle">
            {t.rich('subtitle', { area: area.name, from, to, data: userData })}
          </div>
        </div>
        <StatsFilters state={state} areaPath={data.areaPath} />
      </div>

      <IndicatorCards
        indicators={indicators.indicators}
        area={area.code}
        period={indicators.period}
        previous={indicators.previous}
      />

      <div className={styles.grid2}>
        <section className={styles.panel}>
          <div className={styles.panelHead}>
            <h2 className={styles.panelTitle}>
              {t('trendVolume')} <IndicatorTipIcon id="volume" /> <IndicatorTipIcon id="resolved" />
            </h2>
            <ExportButton
              size="small"
              label={t('exportExcel')}
              href={exportQuery('trend', { lastMonth: trend.months.at(-1) ?? '' })}
            />
          </div>
          <TrendChart trend={trend} ids={['volume', 'resolved']} area={area.code} />
        </section>
        <section className={styles.panel}>
          <div className={styles.panelHead}>
            <h2 className={styles.panelTitle}>
              {t('trendRates')} <IndicatorTipIcon id="satisfaction" /> <IndicatorTipIcon id="on_time" />{' '}
              <IndicatorTipIcon id="first_reply" />
            </h2>
          </div>
          <TrendChart
            trend={trend}
            ids={['satisfaction', 'on_time', 'first_reply']}
            area={area.code}
            percent
          />
        </section>
      </div>

      <div className={styles.grid2}>
        <section className={styles.panel}>
          <div className={styles.panelHead}>
            <h2 className={styles.panelTitle}>
              {t('categoryTitle')} <TextTip text={CATEGORY_RANKING_DEFINITION} />
            </h2>
            <ExportButton
              size="small"
              label={t('exportExcel')}
              href={exportQuery('categories', { from, to })}
            />
          </div>
          <CategoryChart rows={categories.rows} area={area.code} from={from} to={to} />
        </section>
        <section className={styles.panel}>
          <div className={styles.panelHead}>
            <h2 className={styles.panelTitle}>{t('mapTitle')}</h2>
          </div>
          <HotspotMiniMap area={area.code} level={area.level} from={from} to={to} bounds={data.bounds} />
        </section>
      </div>

      <section className={styles.panel} style={{ marginBottom: 16 }}>
        <div className={styles.panelHead}>
          <h2 className={styles.panelTitle}>
            {t('officeTitle')} <TextTip text={OFFICE_RANKING_DEFINITION} />
          </h2>
          <ExportButton size="small" label={t('exportExcel')} href={exportQuery('offices', { from, to })} />
        </div>
        <OfficeTable rows={offices.rows} area={area.code} from={from} to={to} />
      </section>

      {perCapita && <PerCapitaPanel data={perCapita} />}

      <section className={styles.panel}>
        <div className={styles.panelHead}>
          <h2 className={styles.panelTitle}>
            {t('trendHandling')} <IndicatorTipIcon id="handling_avg" />{' '}
            <IndicatorTipIcon id="handling_median" />
          </h2>
        </div>
        <TrendChart trend={trend} ids={['handling_avg', 'handling_median']} area={area.code} height={260} />
      </section>
    </div>
  );
}
