/** Turning stream states into what a time chart draws: seconds on x, numbers or null on y. */
import { alignSeries } from '../components/time-chart';
import type uPlot from 'uplot';

export interface Line {
  /** ms since the epoch, ascending */
  time: number[];
  values: (number | null)[];
}

/** One value per instant (the last one), x in seconds, as uPlot wants. */
function inSeconds(line: Line): { time: number[]; values: (number | null)[] } {
  const time: number[] = [];
  const values: (number | null)[] = [];
  for (let i = 0; i < line.time.length; i++) {
    const t = line.time[i]! / 1000;
    if (time.length > 0 && t <= time[time.length - 1]!) {
      if (t === time[time.length - 1]) values[values.length - 1] = line.values[i] ?? null;
      continue;
    }
    time.push(t);
    values.push(line.values[i] ?? null);
  }
  return { time, values };
}

export function chartData(lines: Line[]): uPlot.AlignedData {
  const parts = lines.map(inSeconds).filter((p) => p.time.length > 0);
  if (parts.length === 0) return [[], ...lines.map(() => [])] as unknown as uPlot.AlignedData;
  if (parts.length === lines.length && lines.length === 1) return [parts[0]!.time, parts[0]!.values];
  // Empty lines still need their column: give them one null point at the first time.
  const first = Math.min(...parts.map((p) => p.time[0]!));
  return alignSeries(
    lines.map(inSeconds).map((p) => (p.time.length > 0 ? p : { time: [first], values: [null] })),
  );
}
