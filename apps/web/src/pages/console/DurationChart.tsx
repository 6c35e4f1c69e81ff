// The average time spent per element as a bar chart. ECharts is loaded with this file only (the
// process console lazy-loads it), and only the parts used here are registered.
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface DurationBar {
  elementId: string;
  name: string;
  ms: number;
}

export default function DurationChart({
  bars,
  seriesName,
  format,
  onBarClick,
}: {
  bars: DurationBar[];
  seriesName: string;
  format(ms: number): string;
  onBarClick?(elementId: string): void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickRef = useRef(onBarClick);
  clickRef.current = onBarClick;

  useEffect(() => {
    if (!host.current) return;
    const instance = init(host.current);
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    instance.on('click', (event) => {
      const bar = (event.data as { elementId?: string } | undefined)?.elementId;
      if (bar) clickRef.current?.(bar);
    });
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // longest at the top: the bars read like a ranking
    const sorted = [...bars].sort((a, b) => a.ms - b.ms);
    chart.current?.setOption(
      {
        grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'item',
          formatter: (params: unknown) => {
            const item = params as { name: string; value: number };
            return `${item.name}<br/>${seriesName}: ${format(item.value)}`;
          },
        },
        xAxis: { type: 'value', axisLabel: { formatter: (value: number) => format(value) }, splitNumber: 3 },
        yAxis: {
          type: 'category',
          data: sorted.map((bar) => bar.name),
          axisLabel: { width: 140, overflow: 'truncate' },
        },
        series: [
          {
            type: 'bar',
            name: seriesName,
            data: sorted.map((bar) => ({ value: bar.ms, elementId: bar.elementId })),
            itemStyle: { color: '#fa8c16' },
            label: {
              show: true,
              position: 'right',
              formatter: (params: { value: unknown }) => format(Number(params.value)),
            },
          },
        ],
      },
      true,
    );
  }, [bars, seriesName, format]);

  return (
    <div
      ref={host}
      className="console-chart"
      style={{ height: Math.max(160, bars.length * 34 + 40) }}
      data-testid="duration-chart"
    />
  );
}
