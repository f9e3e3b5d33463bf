/**
 * Where a derived event came from (GET /api/v1/lineage on the gateway): a tree from the event back to
 * the measurements, each step with what made it (models, functions, scenario) and its inputs. Shown for
 * events that carry an origin (simulated, derived); a measurement has none.
 */
import { useState } from 'react';
import type { LineageNode } from '../api/types';
import { ErrorNote } from '../components/error-note';
import { TimeText } from '../components/time-text';
import { useSession } from '../session/session-context';

const ORIGIN_LABEL: Record<string, string> = {
  simulated: 'simulated (computed by a model)',
  derived: 'derived (computed from measurements)',
  source: 'measurement',
};

export function hasLineage(data: Record<string, unknown>): boolean {
  return typeof data.origin === 'string' || (typeof data.lineage === 'object' && data.lineage !== null);
}

export function LineageView({ position }: { position: number }) {
  const { client } = useSession();
  const [tree, setTree] = useState<LineageNode | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const load = () => {
    setLoading(true);
    client
      .lineage(position)
      .then((answer) => {
        setTree(answer.lineage);
        setError(null);
      })
      .catch(setError)
      .finally(() => setLoading(false));
  };
  return (
    <div className="lineage" data-testid="lineage">
      <button type="button" className="quiet" onClick={load} disabled={loading}>
        {tree ? 'Refresh where it came from' : 'Where it came from'}
      </button>
      {error ? <ErrorNote error={error} /> : null}
      {tree ? (
        <ul className="lineage-tree" aria-label={`Lineage of event ${position}`}>
          <LineageItem node={tree} />
        </ul>
      ) : null}
    </div>
  );
}

function LineageItem({ node }: { node: LineageNode }) {
  return (
    <li data-origin={node.origin}>
      <span className={`origin origin-${node.origin}`}>{ORIGIN_LABEL[node.origin] ?? node.origin}</span>{' '}
      <code>
        #{node.position} {node.contract} {node.version} {node.key}
      </code>{' '}
      <span className="muted small">
        by {node.producer}, <TimeText iso={node.recordedAt} />
      </span>
      {node.madeBy ? <MadeBy madeBy={node.madeBy} /> : null}
      {node.truncated ? <div className="muted small">… more steps back (depth limit)</div> : null}
      {node.inputs.length > 0 ? (
        <ul>
          {node.inputs.map((input) => (
            <li key={`${input.role}-${input.contract}-${input.key}-${input.fromPosition}`}>
              <span className="strong">{input.role}</span>:{' '}
              <code>
                {input.contract} {input.key}
              </code>{' '}
              <span className="muted small">
                #{input.fromPosition}
                {input.toPosition !== input.fromPosition ? `–#${input.toPosition}` : ''} ({input.count}{' '}
                {input.count === 1 ? 'event' : 'events'})
              </span>
              {input.hidden ? (
                <div className="muted small">
                  You may not read {input.contract}: its events are not shown.
                </div>
              ) : (
                <ul>
                  {input.events.map((child) => (
                    <LineageItem key={child.position} node={child} />
                  ))}
                  {input.more > 0 ? <li className="muted small">and {input.more} more</li> : null}
                </ul>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function MadeBy({ madeBy }: { madeBy: Record<string, unknown> }) {
  const parts: string[] = [];
  const list = (value: unknown, show: (item: Record<string, unknown>) => string) =>
    Array.isArray(value) ? (value as Record<string, unknown>[]).map(show).join(', ') : '';
  const models = list(
    madeBy.models,
    (m) => `${String(m.instance ?? m.id)}=${String(m.model)} ${String(m.version)}`,
  );
  if (models) parts.push(`models ${models}`);
  const functions = list(madeBy.functions, (f) => `${String(f.id)} ${String(f.version)}`);
  if (functions) parts.push(`functions ${functions}`);
  const scenario = madeBy.scenario as Record<string, unknown> | undefined;
  if (scenario?.name) parts.push(`scenario ${String(scenario.name)} v${String(scenario.version)}`);
  if (typeof madeBy.library === 'string') parts.push(`library ${madeBy.library}`);
  return parts.length > 0 ? <div className="small">made by {parts.join('; ')}</div> : null;
}
