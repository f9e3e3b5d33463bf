/**
 * Plant: the asset hierarchy (ISA-95: enterprise, site, area, unit, equipment) as a tree, and the asset
 * chosen in it: its design data, its signals with their values, and the last hour of one signal as a
 * chart. Live (values read again every few seconds), or the plant as it stood at an instant ("as of",
 * event time), which is how the hub answers GET /api/v1/assets?at=.
 */
import { useEffect, useMemo, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import type { AssetTreeNode, AssetView } from '../api/types';
import { ErrorNote } from '../components/error-note';
import { TimeChart } from '../components/time-chart';
import { formatNumber, localInput, TimeText } from '../components/time-text';
import { useHubData } from '../components/use-hub-data';
import { useSession } from '../session/session-context';

/** How often the values of a live view are read again. */
const REFRESH_MS = 5000;
const HOUR_MS = 3_600_000;

export function PlantPage() {
  const { client } = useSession();
  const search = new URLSearchParams(useSearch());
  const [, navigate] = useLocation();
  const selected = search.get('asset') ?? undefined;
  const at = search.get('at') ?? undefined;
  const [asOfInput, setAsOfInput] = useState(at ? localInput(new Date(at), true) : '');
  const go = (asset: string | undefined, instant: string | undefined) => {
    const params = new URLSearchParams();
    if (asset) params.set('asset', asset);
    if (instant) params.set('at', instant);
    const text = params.toString();
    navigate(text ? `/plant?${text}` : '/plant');
  };

  const tree = useHubData(() => client.assetTree(at), [client, at]);
  const asset = useHubData(
    () => (selected ? client.asset(selected, at) : Promise.resolve(undefined)),
    [client, selected, at],
  );
  // A live view reads the values again; an "as of" view stands still.
  const reloadAsset = asset.reload;
  useEffect(() => {
    if (at || !selected) return;
    const timer = setInterval(reloadAsset, REFRESH_MS);
    return () => clearInterval(timer);
  }, [at, selected, reloadAsset]);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Plant</h1>
          <p className="muted">
            The plant's assets from contract hub.assets: choose one for its design data and signals.{' '}
            {at ? (
              <>
                As it stood at <TimeText iso={at} />.
              </>
            ) : (
              <>Live, read every {REFRESH_MS / 1000} s.</>
            )}
          </p>
        </div>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            go(selected, asOfInput ? new Date(asOfInput).toISOString() : undefined);
          }}
        >
          <label>
            As of{' '}
            <input
              type="datetime-local"
              step={1}
              value={asOfInput}
              onChange={(e) => setAsOfInput(e.target.value)}
            />
          </label>
          <button type="submit">Show</button>
          {at && (
            <button
              type="button"
              onClick={() => {
                setAsOfInput('');
                go(selected, undefined);
              }}
            >
              Live
            </button>
          )}
        </form>
      </div>
      <ErrorNote error={tree.error} />
      <div className="plant-layout">
        <nav className="card plant-tree" aria-label="Asset tree">
          {tree.loading && !tree.data && <p className="muted">Loading the asset tree…</p>}
          {tree.data && tree.data.tree.length === 0 && (
            <p className="muted">No assets yet: `npx dx assets load` publishes the plant's hierarchy.</p>
          )}
          {tree.data && (
            <ul className="tree">
              {tree.data.tree.map((node) => (
                <TreeNode key={node.id} node={node} selected={selected} choose={(id) => go(id, at)} />
              ))}
            </ul>
          )}
        </nav>
        <section className="card plant-asset" aria-live="polite" aria-busy={asset.loading}>
          <ErrorNote error={asset.error} />
          {!selected && <p className="muted">Choose an asset in the tree.</p>}
          {asset.data && <AssetDetails view={asset.data.asset} at={at} choose={(id) => go(id, at)} />}
        </section>
      </div>
    </>
  );
}

function TreeNode({
  node,
  selected,
  choose,
}: {
  node: AssetTreeNode;
  selected: string | undefined;
  choose: (id: string) => void;
}) {
  const current = node.id === selected;
  return (
    <li>
      <button
        type="button"
        aria-current={current ? 'true' : undefined}
        className={current ? 'tree-node current' : 'tree-node'}
        onClick={() => choose(node.id)}
        data-asset={node.id}
      >
        <span className={`level level-${node.level}`}>{node.level}</span> <strong>{node.id}</strong>{' '}
        <span className="muted">{node.name}</span>
        {node.signals.length > 0 && (
          <span className="small muted">
            {' '}
            · {node.signals.length} {node.signals.length === 1 ? 'signal' : 'signals'}
          </span>
        )}
      </button>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <TreeNode key={child.id} node={child} selected={selected} choose={choose} />
          ))}
        </ul>
      )}
    </li>
  );
}

function AssetDetails({
  view,
  at,
  choose,
}: {
  view: AssetView;
  at: string | undefined;
  choose: (id: string) => void;
}) {
  const charted = view.signals.find((s) => !s.forbidden && typeof s.value === 'number');
  const [signal, setSignal] = useState<string | undefined>(charted?.name);
  useEffect(() => setSignal(charted?.name), [view.id, charted?.name]);
  const design = Object.entries(view.design ?? {});
  return (
    <>
      <h2>
        {view.id} <span className="muted">{view.name}</span>
      </h2>
      <p className="small muted">
        {view.level}, {view.type}
        {view.parent && (
          <>
            {' '}
            · in{' '}
            <button type="button" className="link" onClick={() => choose(view.parent!)}>
              {view.parent}
            </button>
          </>
        )}
      </p>
      {design.length > 0 && (
        <table className="data-table compact">
          <caption>Design data</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {design.map(([name, { value, unit }]) => (
              <tr key={name} data-design={name}>
                <td>{name}</td>
                <td>
                  {formatNumber(value)} {unit && unit !== '1' ? unit : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.signals.length > 0 && (
        <table className="data-table compact">
          <caption>Signals{at ? ' as of then' : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Signal</th>
              <th scope="col">Value</th>
              <th scope="col">Event time</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {view.signals.map((s) => (
              <tr key={s.name} data-signal={s.name}>
                <td>
                  <button
                    type="button"
                    className="link"
                    aria-pressed={s.name === signal}
                    disabled={s.forbidden || typeof s.value !== 'number'}
                    onClick={() => setSignal(s.name)}
                  >
                    {s.name}
                  </button>
                  {s.tag && <span className="small muted"> {s.tag}</span>}
                </td>
                <td className="number">
                  {s.forbidden ? (
                    <span className="muted">not readable</span>
                  ) : (
                    <>
                      {formatNumber(s.value)} {s.unit ?? ''}
                    </>
                  )}
                </td>
                <td>{s.eventTime ? <TimeText iso={s.eventTime} /> : <span className="muted">—</span>}</td>
                <td className="small muted">
                  {s.contract} {s.key} {s.field}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.children.length > 0 && (
        <p className="small">
          Holds:{' '}
          {view.children.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <button type="button" className="link" onClick={() => choose(id)}>
                {id}
              </button>
            </span>
          ))}
        </p>
      )}
      {signal && <SignalChart key={`${view.id}/${signal}/${at}`} asset={view.id} signal={signal} at={at} />}
    </>
  );
}

/** The hour before the instant (or now) of one signal, mean with its min and max, in one-minute buckets. */
function SignalChart({ asset, signal, at }: { asset: string; signal: string; at: string | undefined }) {
  const { client } = useSession();
  // The hour ends at the instant asked, or when this signal was chosen (a new choice is a new chart).
  const [to] = useState(() => (at ? Date.parse(at) : Date.now()));
  const history = useHubData(
    () =>
      client.signalHistory(asset, signal, {
        from: new Date(to - HOUR_MS).toISOString(),
        to: new Date(to + 1).toISOString(),
        bucket: '1m',
      }),
    [client, asset, signal, to],
  );
  const data = useMemo(() => {
    const buckets = history.data?.buckets ?? [];
    return [
      buckets.map((b) => Date.parse(b.start) / 1000),
      buckets.map((b) => b.mean ?? null),
      buckets.map((b) => b.min ?? null),
      buckets.map((b) => b.max ?? null),
    ] as [number[], (number | null)[], (number | null)[], (number | null)[]];
  }, [history.data]);
  const unit = history.data?.unit ?? undefined;
  return (
    <figure className="signal-chart">
      <figcaption>
        {signal}: the hour before {at ? 'then' : 'now'}, per minute (
        {history.data ? `${data[0].length} minutes with samples` : 'loading'})
      </figcaption>
      <ErrorNote error={history.error} />
      <TimeChart
        name={`asset-${asset}-${signal}`}
        label={`${signal} of ${asset}, mean, min and max per minute`}
        series={[
          { label: 'mean', color: '#1f6feb', unit },
          { label: 'min', color: '#8b949e', unit, dash: [4, 4] },
          { label: 'max', color: '#d29922', unit, dash: [4, 4] },
        ]}
        data={data}
        height={240}
      />
    </figure>
  );
}
