/**
 * A reactor as its twin sees it: the measured temperature (SCADA), the Kalman-filtered estimate and
 * the latest forecast over its horizon (the simulation), on one time axis, with every sample whose
 * quality flag is not "good" marked.
 */
import { useMemo } from 'react';
import { TimeChart } from '../components/time-chart';
import { formatNumber } from '../components/time-text';
import { chartData } from './chart-data';
import { COLORS, FILTERED, FORECAST_HORIZON, FORECAST_ISSUED, MEASURED, QUALITY } from './plant-views';
import { numbers, valueAt, type StreamState } from './stream-state';

/** The least of the past the chart shows beside the forecast. */
const HISTORY_WINDOW_MS = 10 * 60_000;

export function ReactorTwinChart({
  telemetry,
  forecasts,
  recentOnly = true,
}: {
  telemetry: StreamState;
  forecasts: StreamState | null;
  /** Only as much of the past as the forecast looks ahead; false: the whole history loaded. */
  recentOnly?: boolean;
}) {
  const data = useMemo(() => {
    const m = telemetry.fields.indexOf(MEASURED);
    const q = telemetry.fields.indexOf(QUALITY);
    const measured = numbers(telemetry.values[m] ?? []);
    const flags = measured.map((v, i) => (telemetry.values[q]?.[i] === 'good' ? null : v));
    const f = forecasts?.fields.indexOf(FILTERED) ?? -1;
    const latest = forecasts?.latest?.data ?? (forecasts && lastData(forecasts));
    const issued = Date.parse(String(valueAt(latest, FORECAST_ISSUED) ?? ''));
    const horizon =
      (valueAt(latest, FORECAST_HORIZON) as { offsetSeconds: number; temperature: number }[] | null) ?? [];
    const ahead = Number.isNaN(issued) ? [] : horizon.map((h) => issued + h.offsetSeconds * 1000);
    // As much of the past as the forecast looks ahead (ten minutes at least): both halves readable.
    const span = Math.max(HISTORY_WINDOW_MS, (ahead.at(-1) ?? 0) - (ahead[0] ?? 0));
    const since = recentOnly ? (telemetry.time.at(-1) ?? 0) - span : -Infinity;
    const recent = <T,>(time: number[], values: T[]) => {
      const from = time.findIndex((t) => t >= since);
      return from <= 0 ? { time, values } : { time: time.slice(from), values: values.slice(from) };
    };
    return chartData([
      recent(telemetry.time, measured),
      recent(telemetry.time, flags),
      recent(forecasts?.time ?? [], numbers(forecasts?.values[f] ?? [])),
      { time: ahead, values: Number.isNaN(issued) ? [] : horizon.map((h) => h.temperature) },
    ]);
  }, [telemetry, forecasts, recentOnly]);
  const flagged =
    telemetry.values[telemetry.fields.indexOf(QUALITY)]?.filter((v) => v !== 'good').length ?? 0;
  const last = telemetry.values[telemetry.fields.indexOf(MEASURED)]?.at(-1);
  return (
    <figure className="chart-figure">
      <figcaption>
        <strong>{telemetry.key} temperature</strong>: measured, filtered and forecast{' '}
        <span className="muted small">
          (now {formatNumber(last, 2)} °C; {flagged} samples flagged)
        </span>
      </figcaption>
      <TimeChart
        name="reactor-twin"
        label={`${telemetry.key} temperature over time: measured, filtered estimate and forecast, with samples of bad or uncertain quality marked`}
        series={[
          { label: 'measured', color: COLORS.measured, unit: '°C' },
          { label: 'quality not good', color: COLORS.flag, marks: true },
          { label: 'filtered', color: COLORS.filtered, width: 2 },
          { label: 'forecast', color: COLORS.forecast, dash: [6, 4], width: 2 },
        ]}
        data={data}
      />
    </figure>
  );
}

function lastData(state: StreamState): Record<string, unknown> | undefined {
  if (state.time.length === 0) return undefined;
  const data: Record<string, unknown> = {};
  state.fields.forEach((field, i) => (data[field.slice(1)] = state.values[i]!.at(-1)));
  return data;
}
