'use client';

import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useTranslations } from 'next-intl';
import { formatMonth } from '@/lib/format/date-time';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** The area panel's 12-month trend: complaints per month as ECharts bars, like the dashboards. */
export default function AreaTrendChart({ rows }: { rows: { month: string; n: number }[] }) {
  const t = useTranslations('map');
  const labels = rows.map((r) => formatMonth(r.month));
  return (
    <div className="staff-map__trend" data-testid="area-trend" data-months={rows.length}>
      <ReactEChartsCore
        echarts={echarts}
        style={{ height: 150, width: '100%' }}
        opts={{ renderer: 'canvas' }}
        option={{
          animation: false,
          grid: { left: 36, right: 8, top: 12, bottom: 44 },
          tooltip: {
            trigger: 'axis',
            axisPointer: { type: 'shadow' },
            formatter: (p: { dataIndex: number; value: number }[]) => {
              const first = p[0];
              if (!first) return '';
              const month = formatMonth(rows[first.dataIndex]!.month);
              return `${month}<br/>${t('panel.total', { count: first.value })}`;
            },
          },
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
          series: [
            {
              type: 'bar',
              name: t('panel.complaints'),
              data: rows.map((r) => r.n),
              itemStyle: { color: '#1677ff', borderRadius: [2, 2, 0, 0] },
              barMaxWidth: 18,
            },
          ],
        }}
      />
    </div>
  );
}
