/**
 * Audit: choose a time range and contracts; replay their events at a chosen speed on a chart; see the
 * state as of any instant; run the hash-chain check and the anchor check, each problem linked to its
 * event.
 */
import { useMemo, useState, type FormEvent } from 'react';
import type { AnchorsResult, ChainResult, EventEnvelope } from '../api/types';
import { ErrorNote } from '../components/error-note';
import { localInput, TimeText } from '../components/time-text';
import { useSession } from '../session/session-context';
import { StreamChart } from '../live/stream-chart';
import type { StreamState } from '../live/stream-state';
import { valueAt } from '../live/stream-state';
import { ChainResults } from './chain-results';
import { SPEEDS, useReplay } from './replay-player';

const REPLAY_LIMIT = 20_000;

export function AuditPage() {
  const { client, readable, isArchitect } = useSession();
  const contracts = readable.filter((c) => !c.startsWith('hub.')).sort();
  const [chosen, setChosen] = useState<string[]>(() =>
    contracts.filter((c) => c.startsWith('scada.reactor')).slice(0, 1),
  );
  const [from, setFrom] = useState(() => localInput(new Date(Date.now() - 3600_000)));
  const [to, setTo] = useState(() => localInput(new Date(Date.now() + 60_000)));
  const [events, setEvents] = useState<EventEnvelope[]>([]);
  const [truncated, setTruncated] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [asOfAt, setAsOfAt] = useState(() => localInput(new Date(), true));
  const [asOf, setAsOf] = useState<{ at: string; events: EventEnvelope[] } | null>(null);
  const [chain, setChain] = useState<ChainResult | null>(null);
  const [anchors, setAnchors] = useState<AnchorsResult | null>(null);
  const [anchorText, setAnchorText] = useState('');
  const [checkError, setCheckError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [opened, setOpened] = useState<EventEnvelope | null>(null);
  const [streamChoice, setStreamChoice] = useState('');
  const replay = useReplay(events);

  const range = () => ({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });

  const load = async (event: FormEvent) => {
    event.preventDefault();
    setLoadError(null);
    setBusy('load');
    try {
      const answer = await client.events({ contracts: chosen, ...range(), limit: REPLAY_LIMIT });
      setEvents(answer.events);
      setTruncated(answer.truncated);
    } catch (failure) {
      setLoadError(failure);
    } finally {
      setBusy(null);
    }
  };

  const verify = async () => {
    setCheckError(null);
    setBusy('chain');
    try {
      setChain(await client.verifyChain({ contracts: chosen, ...range() }));
    } catch (failure) {
      setCheckError(failure);
    } finally {
      setBusy(null);
    }
  };

  const checkAnchors = async () => {
    setCheckError(null);
    setBusy('anchors');
    try {
      setAnchors(await client.checkAnchors(anchorText.trim() === '' ? undefined : anchorText));
    } catch (failure) {
      setCheckError(failure);
    } finally {
      setBusy(null);
    }
  };

  const openEvent = async (position: number) => {
    try {
      setOpened((await client.event(position)).event);
    } catch (failure) {
      setCheckError(failure);
    }
  };

  const loadAsOf = async () => {
    setCheckError(null);
    try {
      setAsOf(await client.asOf(chosen, new Date(asOfAt).toISOString()));
    } catch (failure) {
      setCheckError(failure);
    }
  };

  // The streams among the loaded events, and the one charted.
  const streams = useMemo(() => [...new Set(events.map((e) => `${e.contract}/${e.key}`))], [events]);
  const charted = streamChoice && streams.includes(streamChoice) ? streamChoice : (streams[0] ?? '');
  const played = useMemo(() => events.slice(0, replay.cursor + 1), [events, replay.cursor]);
  const state = useMemo(() => replayState(played, charted), [played, charted]);
  const numeric = useMemo(
    () => numericFields(events.find((e) => `${e.contract}/${e.key}` === charted)),
    [events, charted],
  );
  const current = events[replay.cursor];

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Audit</h1>
          <p className="muted">
            Replay what the hub stored, see the state at any instant, and prove nothing was altered.
          </p>
        </div>
      </div>
      <form className="card audit-scope" onSubmit={(e) => void load(e)}>
        <fieldset>
          <legend>Contracts</legend>
          <div className="checkbox-grid">
            {contracts.map((c) => (
              <label key={c} className="toggle">
                <input
                  type="checkbox"
                  checked={chosen.includes(c)}
                  onChange={(e) =>
                    setChosen(e.target.checked ? [...chosen, c] : chosen.filter((x) => x !== c))
                  }
                />
                {c}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="row">
          <label>
            From{' '}
            <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label>
            To <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} required />
          </label>
          <button type="submit" className="primary" disabled={chosen.length === 0 || busy !== null}>
            Load events
          </button>
          <button type="button" onClick={() => void verify()} disabled={chosen.length === 0 || busy !== null}>
            Verify hash chain
          </button>
        </div>
        <ErrorNote error={loadError} />
      </form>

      {events.length > 0 && (
        <section className="card" aria-labelledby="replay-title">
          <h2 id="replay-title">
            Replay{' '}
            <span className="muted small">
              {events.length.toLocaleString()} events
              {truncated ? ` (the first ${REPLAY_LIMIT.toLocaleString()})` : ''}
            </span>
          </h2>
          <div className="row player">
            <button type="button" className="primary" onClick={() => replay.setPlaying(!replay.playing)}>
              {replay.playing ? 'Pause' : 'Play'}
            </button>
            <label>
              Speed{' '}
              <select value={replay.speed} onChange={(e) => replay.setSpeed(Number(e.target.value))}>
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {s === 0 ? 'as fast as possible' : `${s}×`}
                  </option>
                ))}
              </select>
            </label>
            <label className="grow">
              <span className="visually-hidden">Replay position</span>
              <input
                type="range"
                min={0}
                max={events.length - 1}
                value={replay.cursor}
                onChange={(e) => replay.setCursor(Number(e.target.value))}
              />
            </label>
            <span className="small" aria-live="off" data-testid="replay-clock">
              {current && <TimeText iso={current.recordedAt} />} · event {replay.cursor + 1} of{' '}
              {events.length}
            </span>
          </div>
          <div className="row">
            <label>
              Stream{' '}
              <select value={charted} onChange={(e) => setStreamChoice(e.target.value)}>
                {streams.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </label>
          </div>
          {state && numeric.length > 0 && (
            <StreamChart key={charted} state={state} numeric={numeric} name="replay" />
          )}
          <table className="data-table compact">
            <caption>The last events played</caption>
            <thead>
              <tr>
                <th scope="col">Position</th>
                <th scope="col">Recorded</th>
                <th scope="col">Stream</th>
                <th scope="col">Producer</th>
                <th scope="col">Data</th>
              </tr>
            </thead>
            <tbody>
              {played
                .slice(-8)
                .reverse()
                .map((e) => (
                  <tr key={e.position}>
                    <th scope="row">
                      <button type="button" className="link" onClick={() => setOpened(e)}>
                        {e.position}
                      </button>
                    </th>
                    <td>
                      <TimeText iso={e.recordedAt} />
                    </td>
                    <td>
                      {e.contract} / {e.key} #{e.streamPosition}
                    </td>
                    <td>{e.producer}</td>
                    <td className="truncate">
                      <code>{JSON.stringify(e.data)}</code>
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      )}

      <div className="two-columns">
        <section className="card" aria-labelledby="asof-title">
          <h2 id="asof-title">State as of an instant</h2>
          <div className="row">
            <label>
              At{' '}
              <input
                type="datetime-local"
                step={1}
                value={asOfAt}
                onChange={(e) => setAsOfAt(e.target.value)}
              />
            </label>
            <button type="button" onClick={() => void loadAsOf()} disabled={chosen.length === 0}>
              Show state
            </button>
          </div>
          {asOf && (
            <table className="data-table compact" data-testid="as-of">
              <caption>
                The latest event of every key at <TimeText iso={asOf.at} />
              </caption>
              <thead>
                <tr>
                  <th scope="col">Stream</th>
                  <th scope="col">Recorded</th>
                  <th scope="col">Data</th>
                </tr>
              </thead>
              <tbody>
                {asOf.events.map((e) => (
                  <tr key={e.position}>
                    <th scope="row">
                      {e.contract} / {e.key}
                    </th>
                    <td>
                      <TimeText iso={e.recordedAt} />
                    </td>
                    <td className="truncate">
                      <code>{JSON.stringify(e.data)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="checks-title">
          <h2 id="checks-title">Checks</h2>
          <ErrorNote error={checkError} />
          {busy === 'chain' && <p role="status">Checking the hash chain…</p>}
          {chain && <ChainResults result={chain} onOpen={(p) => void openEvent(p)} />}
          {isArchitect && (
            <div className="stack anchors">
              <label htmlFor="anchor-doc">
                Anchor file (from dx audit anchor --out), or leave empty to check every anchor recorded in the
                hub
              </label>
              <textarea
                id="anchor-doc"
                className="code-input"
                rows={4}
                value={anchorText}
                onChange={(e) => setAnchorText(e.target.value)}
              />
              <div>
                <button type="button" onClick={() => void checkAnchors()} disabled={busy !== null}>
                  Check anchors
                </button>
              </div>
              {anchors && (
                <div className="result" role="status" data-testid="anchor-result">
                  <p>
                    {anchors.checks.length === 0
                      ? 'No anchors recorded yet (dx audit anchor, or DX_ANCHOR_INTERVAL_S on the gateway).'
                      : `${anchors.checks.filter((c) => c.intact).length} of ${anchors.checks.length} anchors intact (${anchors.source}), ${anchors.seconds} s.`}
                  </p>
                  <ul>
                    {anchors.checks.map((c, i) => (
                      <li key={i} className={c.intact ? 'ok-text' : 'error-text'}>
                        Anchor {c.anchor.id ?? '(file)'} at position{' '}
                        {c.anchor.globalPosition.toLocaleString()}:{' '}
                        {c.intact ? 'intact' : c.differences.map((d) => d.detail).join('; ')}
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </div>
          )}
        </section>
      </div>

      {opened && (
        <section className="card" aria-labelledby="event-title" data-testid="event-detail">
          <div className="section-head">
            <h2 id="event-title">Event {opened.position}</h2>
            <button type="button" className="quiet" onClick={() => setOpened(null)}>
              Close
            </button>
          </div>
          <dl className="facts">
            <div>
              <dt>Stream</dt>
              <dd>
                {opened.contract} / {opened.key} #{opened.streamPosition}
              </dd>
            </div>
            <div>
              <dt>Version</dt>
              <dd>{opened.version}</dd>
            </div>
            <div>
              <dt>Producer</dt>
              <dd>
                {opened.producer} ({opened.msgId})
              </dd>
            </div>
            <div>
              <dt>Recorded</dt>
              <dd>
                <TimeText iso={opened.recordedAt} />
              </dd>
            </div>
            <div>
              <dt>Hash</dt>
              <dd>
                <code className="digest">{opened.hash}</code>
              </dd>
            </div>
          </dl>
          <pre tabIndex={0}>{JSON.stringify(opened.data, null, 2)}</pre>
        </section>
      )}
    </>
  );
}

function replayState(played: EventEnvelope[], stream: string): StreamState | null {
  if (!stream) return null;
  const [contract = '', key = ''] = stream.split('/');
  const mine = played.filter((e) => e.contract === contract && e.key === key);
  const sample = mine[0]?.data ?? {};
  const fields = Object.keys(sample)
    .filter((k) => typeof sample[k] === 'number')
    .map((k) => `/${k}`);
  return {
    contract,
    key,
    fields,
    time: mine.map((e) => Date.parse(e.recordedAt)),
    position: mine.map((e) => e.position),
    values: fields.map((f) => mine.map((e) => valueAt(e.data, f))),
    latest: mine.at(-1),
  };
}

function numericFields(event: EventEnvelope | undefined) {
  if (!event) return [];
  return Object.keys(event.data)
    .filter((k) => typeof event.data[k] === 'number')
    .map((k) => ({ pointer: `/${k}` }));
}
