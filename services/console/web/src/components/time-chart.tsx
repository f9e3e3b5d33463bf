/**
 * A time chart drawn with uPlot (canvas; 100,000 points draw in tens of milliseconds). Series share
 * one time axis in seconds; a series may be a line, a dashed line (forecasts) or marks only (quality
 * flags). The chart follows its container's width, and says when it has drawn (performance marks
 * `dx-chart:<name>`, which the benchmark reads).
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
  /** The unit, shown in the legend and on the axis. */
  unit?: string;
  dash?: number[];
  /** Marks only, no line: for flags. */
  marks?: boolean;
  width?: number;
}

export interface TimeChartProps {
  /** Names the chart for people (aria-label) and for the benchmark's performance marks. */
  name: string;
  label: string;
  series: ChartSeries[];
  /** [x in seconds, ...one array per series], x ascending; null where a series has no value. */
  data: uPlot.AlignedData;
  height?: number;
}

export function TimeChart({ name, label, series, data, height = 320 }: TimeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = series.map((s) => `${s.label}|${s.color}|${s.marks}|${s.dash}`).join(';');

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    let drawn = false;
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 300),
      height,
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true } },
      axes: [
        { stroke: '#3d4a57', grid: { stroke: '#e3e8ee' }, ticks: { stroke: '#c9d2dc' } },
        {
          stroke: '#3d4a57',
          grid: { stroke: '#e3e8ee' },
          ticks: { stroke: '#c9d2dc' },
          label: series[0]?.unit,
          size: 60,
        },
      ],
      series: [
        { label: 'time' },
        ...series.map<uPlot.Series>((s) => ({
          label: s.unit ? `${s.label} (${s.unit})` : s.label,
          stroke: s.color,
          width: s.width ?? (s.marks ? 0 : 1.6),
          dash: s.dash,
          spanGaps: !s.marks,
          paths: s.marks ? () => null : undefined,
          points: s.marks
            ? { show: true, size: 9, fill: s.color, stroke: '#ffffff', width: 1 }
            : { show: false },
        })),
      ],
      hooks: {
        draw: [
          () => {
            if (drawn) return;
            drawn = true;
            performance.mark(`dx-chart:${name}`);
          },
        ],
      },
    };
    const created = new uPlot(options, data, element);
    plot.current = created;
    const resize = new ResizeObserver(() =>
      created.setSize({ width: Math.max(element.clientWidth, 300), height }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      created.destroy();
      plot.current = null;
    };
    // Rebuilt only when the series change; new data goes in through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height, name]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div className="chart" ref={box} role="img" aria-label={label} data-chart={name} />;
}

/** Series of different times on one axis: the union of their times, null where a series has none. */
export function alignSeries(parts: { time: number[]; values: (number | null)[] }[]): uPlot.AlignedData {
  return uPlot.join(parts.map((p) => [p.time, p.values] as uPlot.AlignedData)) as uPlot.AlignedData;
}
