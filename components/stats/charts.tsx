'use client';

import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { useRouter } from 'next/navigation';
import { formatMonth } from '@/lib/format/date-time';
import { type IndicatorId, indicatorDefinition } from '@/lib/stats/definitions';
import { formatFigure } from '@/lib/stats/indicator-values';
import { monthPeriod } from '@/lib/stats/period';
import type { CategoryRankingRow, MonthlyTrend } from '@/lib/stats/stats.types';
import { useLang } from './definition-tip';
import { drillHref } from './drill-href';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Projector-readable defaults: big type, thick lines, strong colours. */
const TEXT = { fontSize: 15, color: '#1f1f1f' };
const COLORS: Partial<Record<IndicatorId, string>> = {
  volume: '#1d39c4',
  resolved: '#08979c',
  satisfaction: '#d4380d',
  on_time: '#389e0d',
  first_reply: '#722ed1',
  handling_avg: '#ad6800',
};

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The axis tooltip of a month: every series' figure with its numerator/denominator and its definition. */
function tooltipFormatter(trend: MonthlyTrend, ids: IndicatorId[], lang: 'zh' | 'en') {
  return (params: unknown) => {
    const list = params as { dataIndex: number; seriesIndex: number; marker: string }[];
    const i = list[0]?.dataIndex ?? 0;
    const lines = list.map((p) => {
      const id = ids[p.seriesIndex]!;
      const d = indicatorDefinition(id);
      const f = trend.series[id][i]!;
      const fraction = f.denominator !== null ? ` (${f.numerator}/${f.denominator})` : '';
      return `${p.marker}<b>${escapeHtml(d.name[lang])}</b>${lang === 'en' ? ': ' : '：'}${escapeHtml(formatFigure(d.unit, f.value, lang))}${fraction}<br/><span style="color:#666;font-size:12px;white-space:normal">${escapeHtml(d.numerator[lang])}${d.denominator ? ` ÷ ${escapeHtml(d.denominator[lang])}` : ''}</span>`;
    });
    return `<div style="max-width:420px;white-space:normal"><b>${trend.months[i]}</b><br/>${lines.join('<br/>')}</div>`;
  };
}

/** Month-by-month lines of some indicators (a click on a month opens its cases). */
export function TrendChart({
  trend,
  ids,
  area,
  height = 300,
  percent = false,
}: {
  trend: MonthlyTrend;
  ids: IndicatorId[];
  area: string;
  height?: number;
  percent?: boolean;
}) {
  const lang = useLang();
  const router = useRouter();
  const values = ids.flatMap((id) =>
    trend.series[id].map((f) => f.value).filter((v): v is number => v !== null),
  );
  const min =
    percent && values.length ? Math.max(0, Math.floor((Math.min(...values) - 2) / 5) * 5) : undefined;
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height }}
      notMerge
      onEvents={{
        click: (e: { dataIndex: number; seriesIndex: number }) => {
          const id = ids[e.seriesIndex];
          const month = trend.months[e.dataIndex];
          if (!id || !month) return;
          const p = monthPeriod(month);
          router.push(drillHref({ indicator: id, area, from: p.from, to: p.to }));
        },
      }}
      option={{
        textStyle: TEXT,
        tooltip: {
          trigger: 'axis',
          confine: true,
          formatter: tooltipFormatter(trend, ids, lang),
          textStyle: { fontSize: 14 },
        },
        legend: { top: 0, textStyle: { fontSize: 15, color: '#1f1f1f' }, itemWidth: 28, itemHeight: 14 },
        grid: { left: 56, right: 24, top: 44, bottom: 36 },
        xAxis: {
          type: 'category',
          data: trend.months.map((m) => formatMonth(m)),
          axisLabel: { fontSize: 14, color: '#1f1f1f' },
          axisLine: { lineStyle: { color: '#595959', width: 2 } },
        },
        yAxis: {
          type: 'value',
          min,
          max: percent ? 100 : undefined,
          interval: percent && min !== undefined ? (100 - min <= 30 ? 5 : 10) : undefined,
          axisLabel: { fontSize: 14, color: '#1f1f1f', formatter: percent ? '{value}%' : '{value}' },
          splitLine: { lineStyle: { color: '#e8e8e8' } },
        },
        series: ids.map((id) => ({
          name: indicatorDefinition(id).name[lang],
          type: 'line',
          data: trend.series[id].map((f) => (f.value === null ? null : Math.round(f.value * 10) / 10)),
          connectNulls: false,
          lineStyle: { width: 4 },
          symbolSize: 9,
          itemStyle: { color: COLORS[id] },
          emphasis: { focus: 'series' },
        })),
      }}
    />
  );
}

/** 问题类型排名 as horizontal bars (most first); a click opens the category's cases. */
export function CategoryChart({
  rows,
  area,
  from,
  to,
  height = 380,
}: {
  rows: CategoryRankingRow[];
  area: string;
  from: string;
  to: string;
  height?: number;
}) {
  const lang = useLang();
  const router = useRouter();
  const top = rows.slice(0, 12).reverse();
  const name = (r: CategoryRankingRow) => (lang === 'zh' ? r.nameZh : r.nameEn);
  const volume = indicatorDefinition('volume');
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height }}
      notMerge
      onEvents={{
        click: (e: { dataIndex: number }) => {
          const r = top[e.dataIndex];
          if (r) router.push(drillHref({ indicator: 'volume', area, from, to, category: r.code }));
        },
      }}
      option={{
        textStyle: TEXT,
        tooltip: {
          trigger: 'item',
          confine: true,
          formatter: (p: { dataIndex: number }) => {
            const r = top[p.dataIndex]!;
            return `<div style="max-width:380px;white-space:normal"><b>${escapeHtml(name(r))}</b>${lang === 'en' ? `: ${r.count} (${r.share.toFixed(1)}%)` : `：${r.count}（${r.share.toFixed(1)}%）`}<br/><span style="color:#666;font-size:12px">${escapeHtml(volume.numerator[lang])}</span></div>`;
          },
        },
        grid: { left: 8, right: 80, top: 8, bottom: 8, containLabel: true },
        xAxis: { type: 'value', axisLabel: { fontSize: 13 }, splitLine: { lineStyle: { color: '#e8e8e8' } } },
        yAxis: {
          type: 'category',
          data: top.map(name),
          axisLabel: { fontSize: 15, color: '#1f1f1f' },
          axisLine: { lineStyle: { color: '#595959', width: 2 } },
        },
        series: [
          {
            type: 'bar',
            data: top.map((r) => ({ value: r.count, itemStyle: { color: r.color } })),
            barMaxWidth: 26,
            label: {
              show: true,
              position: 'right',
              fontSize: 14,
              color: '#1f1f1f',
              formatter: (p: { dataIndex: number }) => {
                const r = top[p.dataIndex]!;
                return `${r.count}  ${r.share.toFixed(1)}%`;
              },
            },
          },
        ],
      }}
    />
  );
}
