/**
 * Review: the proposals waiting, and for the one chosen the registry's evidence (the schema beside the
 * version before it, the compatibility report, the documentation check, the transforms, the consumers
 * affected); architects approve or reject it. Every open console hears the decision from the registry
 * and updates at once.
 */
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { followLive } from '../api/live-stream';
import type { ContractView } from '../api/types';
import { ErrorNote } from '../components/error-note';
import { StatusBadge } from '../components/status-badge';
import { TimeText } from '../components/time-text';
import { useHubData } from '../components/use-hub-data';
import { useSession } from '../session/session-context';
import { DecisionForm } from './decision-form';
import {
  CompatibilityReport,
  ConsumersAffected,
  DocumentationCheck,
  TransformsReport,
} from './review-evidence';
import { SchemaDiff } from './schema-diff';

interface Waiting {
  contract: ContractView;
  version: string;
  by: string;
  at: string;
  comment?: string;
}

function waitingOf(contracts: ContractView[]): Waiting[] {
  return contracts
    .flatMap((contract) =>
      contract.versions
        .filter((v) => v.status === 'proposed')
        .map((v) => ({
          contract,
          version: v.version,
          by: v.history[0]?.by ?? '?',
          at: v.history[0]?.at ?? '',
          comment: v.history[0]?.comment,
        })),
    )
    .sort((a, b) => a.at.localeCompare(b.at));
}

export function ReviewPage({ id, version }: { id?: string; version?: string }) {
  const { client, token, isArchitect } = useSession();
  const contracts = useHubData(() => client.contracts(), [client]);
  const evidence = useHubData(
    () => (id && version ? client.review(id, version) : Promise.resolve(undefined)),
    [client, id, version],
  );
  const [notice, setNotice] = useState('');
  const reloadList = contracts.reload;
  const reloadEvidence = evidence.reload;

  useEffect(
    () =>
      followLive(
        { token, registry: true },
        {
          registry: (change) => {
            reloadList();
            if (change.contract === id) {
              reloadEvidence();
              setNotice(`${change.contract}: ${change.types.join(', ')}`);
            }
          },
        },
      ),
    [token, id, reloadList, reloadEvidence],
  );

  const waiting = waitingOf(contracts.data ?? []);
  const e = evidence.data;
  return (
    <div className="review-layout">
      <aside className="review-side" aria-labelledby="waiting-title">
        <h1 id="waiting-title" className="side-title">
          Review <span className="count">{waiting.length}</span>
        </h1>
        <ErrorNote error={contracts.error} />
        {waiting.length === 0 && <p className="muted">No proposals are waiting.</p>}
        <ul className="proposal-list">
          {waiting.map((w) => {
            const current = w.contract.descriptor.id === id && w.version === version;
            return (
              <li key={`${w.contract.descriptor.id}@${w.version}`}>
                <Link
                  href={`/review/${w.contract.descriptor.id}/${w.version}`}
                  className={current ? 'proposal current' : 'proposal'}
                  aria-current={current ? 'page' : undefined}
                >
                  <span className="proposal-id">
                    {w.contract.descriptor.id} <code>{w.version}</code>
                  </span>
                  <span className="small muted">
                    by {w.by}, <TimeText iso={w.at} />
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      </aside>
      <div className="review-main">
        {!id && <p className="muted">Choose a proposal to see its evidence.</p>}
        <ErrorNote error={evidence.error} />
        {e && (
          <>
            <div className="page-head">
              <div>
                <h2 className="review-title">
                  {e.contract.title} <code>{e.contract.id}</code> {e.version.version}{' '}
                  <span data-testid="version-status">
                    <StatusBadge status={e.version.status} />
                  </span>
                </h2>
                <p className="muted">
                  Owned by {e.contract.owner}; {e.contract.compatibility} compatibility.
                  {e.version.proposedBy && (
                    <>
                      {' '}
                      Proposed by {e.version.proposedBy}
                      {e.version.proposedAt && (
                        <>
                          , <TimeText iso={e.version.proposedAt} />
                        </>
                      )}
                      {e.version.comment && <q>{e.version.comment}</q>}
                    </>
                  )}
                </p>
                <p className="visually-hidden" role="status">
                  {notice}
                </p>
              </div>
            </div>
            {e.version.status !== 'proposed' && (
              <ol className="history">
                {e.version.history.slice(1).map((h, i) => (
                  <li key={i}>
                    {h.status} by {h.by}, <TimeText iso={h.at} />
                    {h.comment && <q>{h.comment}</q>}
                  </li>
                ))}
              </ol>
            )}
            <section className="card" aria-labelledby="diff-title">
              <h3 id="diff-title">Schema {e.diff.from ? `against ${e.diff.from}` : '(first version)'}</h3>
              <SchemaDiff
                before={e.diff.before}
                after={e.diff.after}
                from={e.diff.from}
                to={e.diff.to}
                entries={e.diff.entries}
              />
            </section>
            <div className="two-columns">
              <section className="card" aria-labelledby="compat-title">
                <h3 id="compat-title">Compatibility</h3>
                <CompatibilityReport report={e.compatibility} />
              </section>
              <section className="card" aria-labelledby="docs-check-title">
                <h3 id="docs-check-title">Documentation</h3>
                <DocumentationCheck report={e.documentation} />
              </section>
              <section className="card" aria-labelledby="transforms-title">
                <h3 id="transforms-title">Transforms</h3>
                <TransformsReport report={e.transforms} />
              </section>
              <section className="card" aria-labelledby="consumers-title">
                <h3 id="consumers-title">Consumers affected</h3>
                <ConsumersAffected consumers={e.consumers} />
              </section>
            </div>
            {e.version.status === 'proposed' && isArchitect && (
              <section className="card" aria-labelledby="decide-title">
                <h3 id="decide-title">Decision</h3>
                <DecisionForm
                  contract={e.contract.id}
                  version={e.version.version}
                  onDecided={(outcome) => setNotice(`Recorded: ${outcome}`)}
                />
              </section>
            )}
            {e.version.status === 'proposed' && !isArchitect && (
              <p className="muted">Only architects approve or reject proposals.</p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
