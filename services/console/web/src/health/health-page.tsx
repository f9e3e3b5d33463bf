/**
 * Health: whether each service answers, the ingest rate (from the gateway's counters, sampled every
 * two seconds), refusals by code, and the latest refusals with their payloads.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { HealthOverview } from '../api/types';
import { ErrorNote } from '../components/error-note';
import { TimeChart } from '../components/time-chart';
import { formatNumber, TimeText } from '../components/time-text';
import { useHubData } from '../components/use-hub-data';
import { useSession } from '../session/session-context';

const SAMPLE_MS = 2000;
/** Samples kept for the rate chart: ten minutes. */
const SAMPLES = 300;

interface Sample {
  at: number;
  events: number;
  refusals: number;
}

export function HealthPage() {
  const { client } = useSession();
  const [overview, setOverview] = useState<HealthOverview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [samples, setSamples] = useState<Sample[]>([]);
  const refusals = useHubData(() => client.refusals(25), [client]);
  const reloadRefusals = useRef(refusals.reload);
  reloadRefusals.current = refusals.reload;

  useEffect(() => {
    let stopped = false;
    const sample = async () => {
      try {
        const next = await client.health();
        if (stopped) return;
        setOverview(next);
        setError(null);
        if (next.ingest) {
          const total = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
          const s = {
            at: Date.parse(next.at),
            events: total(next.ingest.events),
            refusals: total(next.ingest.refusals),
          };
          setSamples((previous) => {
            if (previous.length > 0 && s.refusals !== previous.at(-1)!.refusals) reloadRefusals.current();
            return [...previous.slice(-SAMPLES), s];
          });
        }
      } catch (failure) {
        if (!stopped) setError(failure);
      }
    };
    void sample();
    const timer = setInterval(() => void sample(), SAMPLE_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [client]);

  const rates = useMemo(() => {
    const time: number[] = [];
    const events: number[] = [];
    const refused: number[] = [];
    for (let i = 1; i < samples.length; i++) {
      const a = samples[i - 1]!;
      const b = samples[i]!;
      const seconds = (b.at - a.at) / 1000;
      if (seconds <= 0) continue;
      time.push(b.at / 1000);
      // A restarted gateway starts its counters again: a negative step is no rate.
      events.push(Math.max(0, (b.events - a.events) / seconds));
      refused.push(Math.max(0, (b.refusals - a.refusals) / seconds));
    }
    return { time, events, refused };
  }, [samples]);

  const ingest = overview?.ingest;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Health</h1>
          <p className="muted">
            Services, ingest and refusals, sampled every {SAMPLE_MS / 1000} s
            {overview && (
              <>
                {' '}
                (last: <TimeText iso={overview.at} withDate={false} />)
              </>
            )}
            .
          </p>
        </div>
      </div>
      <ErrorNote error={error} />
      <section aria-labelledby="services-title">
        <h2 id="services-title">Services</h2>
        <ul className="service-tiles">
          {(overview?.services ?? []).map((s) => (
            <li key={s.name} className={s.up ? 'tile up' : 'tile down'} data-service={s.name}>
              <div className="tile-head">
                <span className="dot" aria-hidden="true" />
                <strong>{s.name}</strong>
                <span className={s.up ? 'badge status-active' : 'badge status-rejected'}>
                  {s.up ? 'up' : 'down'}
                </span>
              </div>
              <div className="small muted">{s.url}</div>
              <div className="small">
                {s.report?.database && (
                  <>PostgreSQL {s.report.database.ok ? `${s.report.database.latencyMs} ms` : 'down'} · </>
                )}
                {s.report?.nats && <>NATS {s.report.nats.ok ? `${s.report.nats.latencyMs} ms` : 'down'} · </>}
                answered in {s.latencyMs} ms
              </div>
              {s.error && <div className="small error-text">{s.error}</div>}
            </li>
          ))}
        </ul>
      </section>
      <div className="two-columns">
        <section className="card" aria-labelledby="rate-title">
          <h2 id="rate-title">
            Ingest rate{' '}
            <span className="muted small">
              now {formatNumber(rates.events.at(-1) ?? 0, 1)} events/s,{' '}
              {formatNumber(rates.refused.at(-1) ?? 0, 1)} refusals/s
            </span>
          </h2>
          <TimeChart
            name="ingest-rate"
            label="Events stored and refused per second over the last minutes"
            series={[
              { label: 'stored', color: '#1f6fb2', unit: '/s' },
              { label: 'refused', color: '#c0262d' },
            ]}
            data={[rates.time, rates.events, rates.refused]}
            height={220}
          />
        </section>
        <section className="card" aria-labelledby="codes-title">
          <h2 id="codes-title">Since the gateway started</h2>
          {ingest ? (
            <div className="two-columns tight">
              <table className="data-table compact">
                <caption>Stored, by contract</caption>
                <tbody>
                  {Object.entries(ingest.events)
                    .sort((a, b) => b[1] - a[1])
                    .map(([contract, n]) => (
                      <tr key={contract}>
                        <th scope="row">{contract}</th>
                        <td className="number">{n.toLocaleString()}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
              <table className="data-table compact">
                <caption>Refused, by code</caption>
                <tbody>
                  {Object.keys(ingest.refusals).length === 0 && (
                    <tr>
                      <td>none</td>
                    </tr>
                  )}
                  {Object.entries(ingest.refusals)
                    .sort((a, b) => b[1] - a[1])
                    .map(([code, n]) => (
                      <tr key={code}>
                        <th scope="row">
                          <code>{code}</code>
                        </th>
                        <td className="number">{n.toLocaleString()}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">The gateway's counters are not available.</p>
          )}
        </section>
      </div>
      <section aria-labelledby="refusals-title">
        <h2 id="refusals-title">Latest refusals</h2>
        <ErrorNote error={refusals.error} />
        {refusals.data && refusals.data.refusals.length === 0 && (
          <p className="muted">No refusals recorded.</p>
        )}
        <ul className="refusals">
          {refusals.data?.refusals.map((r) => (
            <li key={r.id} className="card refusal">
              <div className="refusal-head">
                <code className="code">{r.code}</code> <strong>{r.contract}</strong>
                {r.version && <span className="muted"> {r.version}</span>}
                <span className="muted">
                  {' '}
                  from {r.producer ?? 'unknown'} over {r.transport}
                  {r.key && `, key ${r.key}`}, <TimeText iso={r.receivedAt} />
                </span>
              </div>
              <p>{r.message}</p>
              <details>
                <summary>Payload and details</summary>
                <pre className="payload" tabIndex={0}>
                  {prettyPayload(r.payload)}
                </pre>
                <RefusalDetails details={r.details} />
              </details>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

interface Issue {
  pointer?: string;
  rule?: string;
  expected?: unknown;
  message?: string;
}

/** What was wrong, field by field when the refusal lists issues (PAYLOAD_INVALID), else as it came. */
function RefusalDetails({ details }: { details: Record<string, unknown> }) {
  const issues = Array.isArray(details.issues) ? (details.issues as Issue[]) : null;
  if (!issues) return <pre tabIndex={0}>{JSON.stringify(details, null, 2)}</pre>;
  return (
    <table className="data-table compact">
      <caption>What was wrong</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Rule</th>
          <th scope="col">Expected</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((issue, i) => (
          <tr key={i}>
            <th scope="row">
              <code>{issue.pointer || '(root)'}</code>
            </th>
            <td>{issue.rule}</td>
            <td>
              <code>
                {typeof issue.expected === 'string' ? issue.expected : JSON.stringify(issue.expected)}
              </code>
            </td>
            <td>{issue.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
