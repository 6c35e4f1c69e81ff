// One bar chart of the monthly report. ECharts loads with this file only (the page lazy-loads
// it), and only the parts used here are registered, as in console/DurationChart.tsx.
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface ReportBar {
  label: string;
  value: number;
  color: string;
}

/**
 * Each category's share of the chart's width: a longer label ("Not assessed") wraps instead of
 * running into the next one on a phone.
 */
function labelWidth(host: HTMLElement | null, bars: number): number {
  const width = host?.clientWidth ?? 300;
  // the value axis' labels ("0", "10") take about 30 px on the left
  return Math.max(36, Math.floor((width - 32) / Math.max(1, bars)) - 2);
}

/** A category label's width, and a smaller type where a phone leaves each label little room. */
function labelStyle(host: HTMLElement | null, bars: number): { width: number; fontSize: number } {
  const width = labelWidth(host, bars);
  return { width, fontSize: width < 64 ? 11 : 12 };
}

export default function ReportBarChart({
  bars,
  seriesName,
  format,
  testId,
}: {
  /** Only counts that may be shown: a hidden count is left out by the caller, never drawn as 0. */
  bars: ReportBar[];
  seriesName: string;
  format(value: number): string;
  testId: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const count = useRef(bars.length);
  count.current = bars.length;

  useEffect(() => {
    if (!host.current) return;
    // Twice the pixels at least: the print stylesheet scales the canvas to the A4 column.
    const instance = init(host.current, undefined, {
      devicePixelRatio: Math.max(2, window.devicePixelRatio || 1),
    });
    chart.current = instance;
    // Not while printing: the print stylesheet scales the screen's drawing to the paper's column
    // (a print layout gives the chart no height of its own to measure).
    const resize = () => {
      if (window.matchMedia?.('print').matches) return;
      instance.resize();
      instance.setOption({ xAxis: { axisLabel: labelStyle(host.current, count.current) } });
    };
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'item',
          formatter: (params: unknown) => {
            const item = params as { name: string; value: number };
            return `${item.name}<br/>${seriesName}: ${format(item.value)}`;
          },
        },
        xAxis: {
          type: 'category',
          data: bars.map((bar) => bar.label),
          axisTick: { show: false },
          axisLabel: {
            interval: 0,
            color: '#3d4a57',
            overflow: 'break',
            ...labelStyle(host.current, bars.length),
          },
        },
        yAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { color: '#627080' } },
        series: [
          {
            type: 'bar',
            name: seriesName,
            barMaxWidth: 44,
            data: bars.map((bar) => ({ value: bar.value, itemStyle: { color: bar.color } })),
            label: {
              show: true,
              position: 'top',
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
      className="report-chart-canvas"
      data-testid={testId}
      data-bars={bars.map((bar) => `${bar.label}=${bar.value}`).join(';')}
    />
  );
}
