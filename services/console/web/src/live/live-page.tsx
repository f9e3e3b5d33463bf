/**
 * Live values: pick equipment (or a contract and key) and watch its latest values update and plot;
 * for a reactor, measured, filtered and forecast temperature on one chart; the active alarms beside.
 * One live stream per page carries everything it shows.
 */
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { followLive } from '../api/live-stream';
import type { EventEnvelope, JsonSchema } from '../api/types';
import { ErrorNote } from '../components/error-note';
import { orderedProperties } from '../components/property-order';
import { unitLabel } from '../components/unit-label';
import { useHubData } from '../components/use-hub-data';
import { useSession } from '../session/session-context';
import { ActiveAlarms, activeAlarms } from './active-alarms';
import { EquipmentBrowser, type Selection } from './equipment-browser';
import { LatestValues } from './latest-values';
import { hasLineage, LineageView } from './lineage-view';
import {
  ALARMS,
  FILTERED,
  FORECAST_HORIZON,
  FORECAST_ISSUED,
  HISTORY_POINTS,
  LIVE_POINTS,
  MEASURED,
  QUALITY,
  REACTOR_FORECASTS,
  REACTOR_TELEMETRY,
} from './plant-views';
import { ReactorTwinChart } from './reactor-twin-chart';
import { StreamChart, type NumericField } from './stream-chart';
import { useStreamState } from './use-live-stream';

/** The history a chart starts from: the newest points, or a time window (up to the console's limit). */
const WINDOWS = {
  live: { label: `the newest ${LIVE_POINTS.toLocaleString()} points`, ms: null, max: LIVE_POINTS },
  '1h': { label: 'the last hour', ms: 3600_000, max: HISTORY_POINTS },
  '24h': { label: 'the last 24 hours', ms: 24 * 3600_000, max: HISTORY_POINTS },
  '7d': { label: 'the last 7 days', ms: 7 * 24 * 3600_000, max: HISTORY_POINTS },
} as const;
type WindowName = keyof typeof WINDOWS;

/** Alarm events read to find the active ones: each alarm's latest state is among the newest of them. */
const ALARM_EVENTS = 500;

interface Shape {
  major: number;
  schema: JsonSchema;
  numeric: NumericField[];
  fields: string[];
  /** The stream's newest event when the page opened. */
  latest?: EventEnvelope;
}

export function LivePage() {
  const { client, token, readable } = useSession();
  const searchText = useSearch();
  const [, navigate] = useLocation();
  const selection: Selection | null = useMemo(() => {
    const search = new URLSearchParams(searchText);
    const contract = search.get('contract');
    const key = search.get('key');
    return contract && key ? { contract, key } : null;
  }, [searchText]);
  const windowName = (new URLSearchParams(searchText).get('window') ?? 'live') as WindowName;
  const window_ = WINDOWS[windowName] ?? WINDOWS.live;
  const pathOf = (s: Selection, w: WindowName = windowName) =>
    `/live?contract=${encodeURIComponent(s.contract)}&key=${encodeURIComponent(s.key)}${w === 'live' ? '' : `&window=${w}`}`;
  const select = (s: Selection) => navigate(pathOf(s));

  const streams = useHubData(() => client.streams(), [client]);
  useEffect(() => {
    if (selection || !streams.data) return;
    const list = streams.data.streams.filter((s) => !s.contract.startsWith('hub.'));
    const first = list.find((s) => s.contract === REACTOR_TELEMETRY) ?? list[0];
    if (first)
      navigate(`/live?contract=${encodeURIComponent(first.contract)}&key=${encodeURIComponent(first.key)}`, {
        replace: true,
      });
  }, [selection, streams.data, navigate]);

  // The version the stream's data is in decides its fields and the major to follow.
  const shape = useHubData<Shape | undefined>(async () => {
    if (!selection) return undefined;
    const { events } = await client.events({
      contracts: [selection.contract],
      key: selection.key,
      newest: true,
      limit: 1,
    });
    // The newest event names its version; only a stream without events asks the registry which is live.
    let chosen = events[0]?.version;
    if (!chosen) {
      const contract = await client.contract(selection.contract);
      const live = contract.versions.filter((v) => v.status === 'active' || v.status === 'deprecated');
      chosen = live.at(-1)?.version ?? contract.versions.at(-1)?.version;
    }
    if (!chosen) return undefined;
    const schema = await client.schema(selection.contract, chosen);
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const numeric = orderedProperties(schema)
      .filter(([, p]) => p.type === 'number' || p.type === 'integer')
      .map(([name, p]) => ({
        pointer: `/${name}`,
        unit: typeof p['x-unit'] === 'string' ? unitLabel(p['x-unit'] as string) || undefined : undefined,
      }));
    const fields = [...numeric.map((f) => f.pointer), ...('quality' in properties ? [QUALITY] : [])];
    return { major: Number(chosen.split('.')[0]), schema, numeric, fields, latest: events[0] };
  }, [client, selection?.contract, selection?.key]);

  const isReactor = selection?.contract === REACTOR_TELEMETRY && readable.includes(REACTOR_FORECASTS);
  const mayReadAlarms = readable.includes(ALARMS);
  const key = `${selection?.contract}/${selection?.key}/${shape.data?.major}/${windowName}`;
  /** What a history read asks for: the newest points, or everything since the window's start. */
  const range = () =>
    window_.ms === null
      ? { newest: true, limit: LIVE_POINTS }
      : { newest: true, from: new Date(Date.now() - window_.ms).toISOString() };

  const telemetry = useStreamState(
    selection && shape.data
      ? {
          load: () =>
            client.series({
              contract: selection.contract,
              key: selection.key,
              fields: shape.data!.fields,
              ...range(),
            }),
          max: window_.max,
        }
      : null,
    [key],
  );
  const forecasts = useStreamState(
    isReactor && selection
      ? {
          load: async () => {
            const series = await client.series({
              contract: REACTOR_FORECASTS,
              key: selection.key,
              fields: [FILTERED, FORECAST_ISSUED, FORECAST_HORIZON],
              ...range(),
            });
            // Only the newest forecast's horizon is drawn: the older ones need not stay in memory.
            series.values[2] = series.values[2]!.map((v, i, all) => (i === all.length - 1 ? v : null));
            return series;
          },
          max: window_.max,
        }
      : null,
    [key, isReactor],
  );
  const [alarmEvents, setAlarmEvents] = useState<EventEnvelope[]>([]);
  const [streamProblem, setStreamProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!selection || !shape.data) return;
    const topics = [`${selection.contract}@${shape.data.major}/${selection.key}`];
    if (isReactor) topics.push(`${REACTOR_FORECASTS}/${selection.key}`);
    if (mayReadAlarms) topics.push(`${ALARMS}/*`);
    let alarmsHeld: EventEnvelope[] | null = [];
    return followLive(
      { token, topics },
      {
        ready: () => {
          setStreamProblem(null);
          telemetry.ready();
          forecasts.ready();
          if (mayReadAlarms)
            client
              .events({ contracts: [ALARMS], newest: true, limit: ALARM_EVENTS })
              .then(({ events }) => {
                const last = events.at(-1)?.position ?? 0;
                setAlarmEvents([...events, ...(alarmsHeld ?? []).filter((e) => e.position > last)]);
                alarmsHeld = null;
              })
              .catch(() => undefined);
        },
        data: (event) => {
          if (event.contract === ALARMS) {
            if (alarmsHeld) alarmsHeld.push(event);
            else setAlarmEvents((previous) => [...previous.slice(-ALARM_EVENTS), event]);
          } else if (event.contract === REACTOR_FORECASTS) forecasts.receive(event);
          else if (event.contract === selection.contract && event.key === selection.key)
            telemetry.receive(event);
        },
        problem: (message) => setStreamProblem(message),
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token, key, isReactor, mayReadAlarms]);

  const alarms = useMemo(() => activeAlarms(alarmEvents), [alarmEvents]);
  const latest = telemetry.state?.latest;

  return (
    <div className="live-layout">
      <aside className="live-side">
        <h1 className="side-title">Live</h1>
        <ErrorNote error={streams.error} />
        <EquipmentBrowser streams={streams.data?.streams ?? []} selected={selection} onSelect={select} />
      </aside>
      <div className="live-main">
        {streamProblem && (
          <p className="warning-text" role="status">
            {streamProblem}
          </p>
        )}
        <ErrorNote error={shape.error ?? telemetry.error ?? forecasts.error} />
        {selection && (
          <div className="live-grid">
            <section className="card live-chart" aria-labelledby="chart-title">
              <h2 id="chart-title" className="visually-hidden">
                Chart of {selection.contract} {selection.key}
              </h2>
              <div className="chart-tools">
                <label>
                  Show{' '}
                  <select
                    value={windowName}
                    onChange={(e) => navigate(pathOf(selection, e.target.value as WindowName))}
                  >
                    {Object.entries(WINDOWS).map(([name, w]) => (
                      <option key={name} value={name}>
                        {w.label}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {telemetry.state && isReactor && (
                <ReactorTwinChart
                  telemetry={telemetry.state}
                  forecasts={forecasts.state}
                  recentOnly={window_.ms === null}
                />
              )}
              {telemetry.state && shape.data && (
                <StreamChart
                  key={key}
                  state={telemetry.state}
                  numeric={shape.data.numeric.filter((f) => !isReactor || f.pointer !== MEASURED)}
                  name="stream"
                />
              )}
              {!telemetry.state && <p className="muted">Loading history…</p>}
            </section>
            <section className="card" aria-labelledby="latest-title">
              <h2 id="latest-title">
                Latest values <span className="muted small">{selection.key}</span>
              </h2>
              <LatestValues event={latest ?? shape.data?.latest} schema={shape.data?.schema} />
              {(() => {
                const shown = latest ?? shape.data?.latest;
                return shown && hasLineage(shown.data) ? <LineageView position={shown.position} /> : null;
              })()}
            </section>
            <section className="card" aria-labelledby="alarms-title">
              <h2 id="alarms-title">Active alarms</h2>
              {mayReadAlarms ? (
                <ActiveAlarms alarms={alarms} />
              ) : (
                <p className="muted">You may not read {ALARMS}.</p>
              )}
            </section>
          </div>
        )}
      </div>
    </div>
  );
}
