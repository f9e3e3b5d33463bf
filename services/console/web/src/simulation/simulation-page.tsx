/**
 * Simulation: the models and equipment it knows, the sessions running now (status, ticks, overruns,
 * errors, refreshed every second), and starting or stopping a scenario.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { SimStatus } from '../api/types';
import { ErrorNote } from '../components/error-note';
import { formatNumber, TimeText } from '../components/time-text';
import { useHubData } from '../components/use-hub-data';
import { useSession } from '../session/session-context';
import { ModelsList } from './models-list';
import { SCENARIO_PRESETS } from './scenario-presets';

const STATUS_MS = 1000;

export function SimulationPage() {
  const { client } = useSession();
  const models = useHubData(() => client.simModels(), [client]);
  const [status, setStatus] = useState<SimStatus | null>(null);
  const [statusError, setStatusError] = useState<unknown>(null);
  const [preset, setPreset] = useState(0);
  const [text, setText] = useState(() => JSON.stringify(SCENARIO_PRESETS[0]!.request, null, 2));
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');

  const refresh = async () => {
    try {
      setStatus(await client.simStatus());
      setStatusError(null);
    } catch (failure) {
      setStatusError(failure);
    }
  };
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), STATUS_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client]);

  const start = async (event: FormEvent) => {
    event.preventDefault();
    setActionError(null);
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch (failure) {
      setActionError(new Error(`The request is not JSON: ${(failure as Error).message}`));
      return;
    }
    setBusy(true);
    try {
      const session = await client.simStart(request);
      setNotice(`Started ${session.id}.`);
      await refresh();
    } catch (failure) {
      setActionError(failure);
    } finally {
      setBusy(false);
    }
  };

  const stop = async (id: string) => {
    setActionError(null);
    try {
      await client.simStop(id);
      setNotice(`Stopped ${id}.`);
      await refresh();
    } catch (failure) {
      setActionError(failure);
    }
  };

  const sessions = status?.sessions ?? [];
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Simulation</h1>
          <p className="muted">Models, equipment, and the realtime sessions of this simulation instance.</p>
        </div>
      </div>
      <ErrorNote error={statusError} />
      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions</h2>
        <p className="visually-hidden" aria-live="polite">
          {notice}
        </p>
        {sessions.length === 0 ? (
          <p className="muted">No session has run on this instance yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="sessions">
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">State</th>
                  <th scope="col">Period</th>
                  <th scope="col">Ticks</th>
                  <th scope="col">Overruns</th>
                  <th scope="col">Errors</th>
                  <th scope="col">Simulated</th>
                  <th scope="col">Published</th>
                  <th scope="col">Started</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.id} data-session={s.id}>
                    <th scope="row">
                      {s.id}
                      {s.scenarioId !== s.id && <div className="small muted">{s.scenarioId}</div>}
                    </th>
                    <td>
                      <span className={`badge state-${s.state}`}>{s.state}</span>
                      {s.lastError && (
                        <div className="small error-text">
                          {s.lastError.code}: {s.lastError.message}
                        </div>
                      )}
                    </td>
                    <td className="number">{s.periodSeconds} s</td>
                    <td className="number" data-ticks={s.ticks}>
                      {s.ticks.toLocaleString()}
                    </td>
                    <td className={s.overruns > 0 ? 'number warn' : 'number'}>{s.overruns}</td>
                    <td className={s.errors > 0 ? 'number warn' : 'number'}>{s.errors}</td>
                    <td className="number">{formatNumber(s.simulatedSeconds, 1)} s</td>
                    <td className="number">{s.published.toLocaleString()}</td>
                    <td>
                      <TimeText iso={s.startedAt} withDate={false} />
                    </td>
                    <td>
                      {s.state === 'running' && (
                        <button type="button" className="danger" onClick={() => void stop(s.id)}>
                          Stop {s.id}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {status && status.runs.length > 0 && (
          <p className="small">
            Runs in progress: {status.runs.map((r) => `${r.id} (${r.state})`).join(', ')}
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="start-title">
        <h2 id="start-title">Start a scenario</h2>
        <form onSubmit={(e) => void start(e)} className="stack">
          <label htmlFor="preset">Scenario</label>
          <select
            id="preset"
            value={preset}
            onChange={(e) => {
              const i = Number(e.target.value);
              setPreset(i);
              setText(JSON.stringify(SCENARIO_PRESETS[i]!.request, null, 2));
            }}
          >
            {SCENARIO_PRESETS.map((p, i) => (
              <option key={p.name} value={i}>
                {p.name}
              </option>
            ))}
          </select>
          <p className="small muted">{SCENARIO_PRESETS[preset]!.description}</p>
          <label htmlFor="scenario-request">Request (sim.scenario-requests with the service's options)</label>
          <textarea
            id="scenario-request"
            className="code-input"
            rows={14}
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <div>
            <button type="submit" className="primary" disabled={busy}>
              Start scenario
            </button>
          </div>
        </form>
        <ErrorNote error={actionError} />
      </section>
      <section aria-labelledby="models-title">
        <h2 id="models-title">Models and equipment</h2>
        <ErrorNote error={models.error} />
        {models.data && <ModelsList models={models.data} />}
      </section>
    </>
  );
}
