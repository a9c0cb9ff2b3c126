'use client';

import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useLocale } from 'next-intl';
import type { FacilityPanel } from '@/lib/map/facility-panel.types';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

function monthLabel(month: string, locale: string, withYear: boolean): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** A facility's complaints over 12 months, stacked by level-1 category in the categories' own colours. */
export default function FacilityTrendChart({ months, series }: Pick<FacilityPanel, 'months' | 'series'>) {
  const locale = useLocale();
  const labels = months.map((m, i) => monthLabel(m, locale, i === 0 || m.endsWith('-01')));
  return (
    <div className="staff-map__trend" data-testid="facility-trend" data-months={months.length}>
      <ReactEChartsCore
        echarts={echarts}
        style={{ height: 190, width: '100%' }}
        opts={{ renderer: 'canvas' }}
        option={{
          animation: false,
          grid: { left: 30, right: 8, top: 34, bottom: 36 },
          legend: { top: 0, left: 0, itemWidth: 10, itemHeight: 10, textStyle: { fontSize: 11 } },
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          xAxis: {
            type: 'category',
            data: labels,
            axisLabel: { fontSize: 10, interval: 0, rotate: 45, color: '#595959' },
            axisTick: { alignWithLabel: true },
          },
          yAxis: {
            type: 'value',
            minInterval: 1,
            axisLabel: { fontSize: 10, color: '#8c8c8c' },
            splitLine: { lineStyle: { color: '#f0f0f0' } },
          },
          series: series.map((s) => ({
            type: 'bar',
            stack: 'all',
            name: s.name,
            data: s.counts,
            itemStyle: { color: s.color },
            barMaxWidth: 18,
          })),
        }}
      />
    </div>
  );
}
