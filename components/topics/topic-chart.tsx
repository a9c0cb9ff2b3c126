'use client';

import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/**
 * A picked topic's monthly count: bars, the topic's month shaded, and the mean before and after as
 * step lines over their months. Labels come translated from the caller.
 */
export function TopicChart({
  months,
  counts,
  topicMonth,
  currentMonth,
  dataFrom,
  beforeMean,
  afterMean,
  labels,
}: {
  months: string[];
  counts: number[];
  topicMonth: string;
  currentMonth: string;
  dataFrom: string | null;
  beforeMean: number;
  afterMean: number | null;
  labels: { count: string; beforeMean: string; afterMean: string; pickMonth: string; current: string };
}) {
  const before = months.map((m) =>
    m < topicMonth && (dataFrom === null || m >= dataFrom) ? Number(beforeMean.toFixed(2)) : null,
  );
  const after = months.map((m) =>
    afterMean !== null && m > topicMonth && m < currentMonth ? Number(afterMean.toFixed(2)) : null,
  );
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 300 }}
      option={{
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 24, top: 36, bottom: 30 },
        xAxis: { type: 'category', data: months },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: labels.count,
            type: 'bar',
            color: '#d4380d',
            data: counts.map((n, i) => ({
              value: n,
              itemStyle: { color: months[i] === currentMonth ? '#bfbfbf' : '#d4380d' },
            })),
            markArea: {
              itemStyle: { color: 'rgba(29, 57, 196, 0.08)' },
              label: { color: '#1d39c4' },
              data: [[{ name: labels.pickMonth, xAxis: topicMonth }, { xAxis: topicMonth }]],
            },
          },
          {
            name: labels.beforeMean,
            type: 'line',
            step: 'middle',
            symbol: 'none',
            data: before,
            color: '#595959',
          },
          {
            name: labels.afterMean,
            type: 'line',
            step: 'middle',
            symbol: 'none',
            data: after,
            color: '#1d39c4',
          },
        ],
      }}
    />
  );
}
