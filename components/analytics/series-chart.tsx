'use client';

import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** A month series: bars for counts and a line for a statistic on a second axis. */
export function SeriesChart({
  months,
  series,
}: {
  months: string[];
  series: { name: string; values: number[]; type: 'bar' | 'line' }[];
}) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 220 }}
      option={{
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 40, top: 30, bottom: 30 },
        xAxis: { type: 'category', data: months },
        yAxis: [{ type: 'value' }, { type: 'value', splitLine: { show: false } }],
        series: series.map((s, k) => ({
          name: s.name,
          type: s.type,
          data: s.values,
          yAxisIndex: k === 0 ? 0 : 1,
          itemStyle: { color: k === 0 ? '#d4380d' : '#1d39c4' },
        })),
      }}
    />
  );
}
