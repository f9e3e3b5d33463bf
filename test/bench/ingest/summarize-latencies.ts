/** p50, p99 and max of a list of milliseconds (nearest rank), rounded to a hundredth. */
import type { LatencySummary } from './producer-commands.js';

export function summarizeLatencies(values: number[]): LatencySummary {
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number) =>
    sorted.length === 0 ? NaN : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { count: sorted.length, p50: round(rank(0.5)), p99: round(rank(0.99)), max: round(rank(1)) };
}
