/**
 * One contract: its descriptor, each version with its status and history (who, when, why), the
 * consumers per major, and the documentation of a chosen version rendered from its schema.
 */
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { followLive } from '../api/live-stream';
import type { ContractView } from '../api/types';
import { ErrorNote } from '../components/error-note';
import { SchemaFields } from '../components/schema-fields';
import { StatusBadge } from '../components/status-badge';
import { TimeText } from '../components/time-text';
import { useHubData } from '../components/use-hub-data';
import { useSession } from '../session/session-context';
import { ConsumersByMajor } from './consumers-by-major';

export function ContractPage({ id }: { id: string }) {
  const { client, token } = useSession();
  const contract = useHubData(() => client.contract(id), [client, id]);
  const { reload } = contract;
  useEffect(
    () => followLive({ token, registry: true }, { registry: (change) => change.contract === id && reload() }),
    [token, id, reload],
  );
  const c = contract.data;
  return (
    <>
      <p className="breadcrumb">
        <Link href="/registry">Registry</Link> / <span>{id}</span>
      </p>
      <ErrorNote error={contract.error} />
      {c && <ContractDetail contract={c} />}
    </>
  );
}

function ContractDetail({ contract }: { contract: ContractView }) {
  const { client } = useSession();
  const d = contract.descriptor;
  const preferred =
    [...contract.versions].reverse().find((v) => v.status === 'active') ?? contract.versions.at(-1);
  const [version, setVersion] = useState(preferred?.version ?? '');
  useEffect(() => setVersion(preferred?.version ?? ''), [preferred?.version]);
  const schema = useHubData(
    () => (version ? client.schema(d.id, version) : Promise.resolve(undefined)),
    [client, d.id, version],
  );
  const shown = contract.versions.find((v) => v.version === version);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            {d.title} <code className="title-id">{d.id}</code>
          </h1>
          <p>{d.description}</p>
        </div>
      </div>
      <dl className="facts">
        <div>
          <dt>Owner</dt>
          <dd>{d.owner}</dd>
        </div>
        <div>
          <dt>Key</dt>
          <dd>{d.key ? <code>{d.key}</code> : 'none (one stream)'}</dd>
        </div>
        <div>
          <dt>Compatibility</dt>
          <dd>{d.compatibility}</dd>
        </div>
        <div>
          <dt>Consumers per major</dt>
          <dd>
            <ConsumersByMajor contract={contract} />
          </dd>
        </div>
        {contract.pendingOwner && (
          <div>
            <dt>Owner change proposed</dt>
            <dd>
              to {contract.pendingOwner.newOwner} by {contract.pendingOwner.by}
            </dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">History</th>
                <th scope="col">Transforms</th>
                <th scope="col">Digest</th>
              </tr>
            </thead>
            <tbody>
              {contract.versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row">
                    <code>{v.version}</code>
                  </th>
                  <td>
                    <StatusBadge status={v.status} />
                    {v.sunset && <div className="small">sunset {v.sunset}</div>}
                    {v.status === 'proposed' && (
                      <div className="small">
                        <Link href={`/review/${d.id}/${v.version}`}>Review</Link>
                      </div>
                    )}
                  </td>
                  <td>
                    <ol className="history">
                      {v.history.map((h, i) => (
                        <li key={i}>
                          {h.status} by {h.by}, <TimeText iso={h.at} />
                          {h.comment && <q>{h.comment}</q>}
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td>
                    {v.hasTransforms
                      ? `from and to major ${v.major - 1}`
                      : v.version.endsWith('.0.0') && v.major > 1
                        ? 'none'
                        : ''}
                  </td>
                  <td>
                    <code className="digest" title={v.digest}>
                      {v.digest.slice(0, 12)}…
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="docs-title">
        <div className="section-head">
          <h2 id="docs-title">Documentation</h2>
          <label htmlFor="doc-version">Version</label>
          <select id="doc-version" value={version} onChange={(e) => setVersion(e.target.value)}>
            {contract.versions.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version} ({v.status})
              </option>
            ))}
          </select>
          <Link href="/docs/asyncapi" className="small">
            AsyncAPI channels
          </Link>
        </div>
        <ErrorNote error={schema.error} />
        {schema.data && (
          <>
            {typeof schema.data.description === 'string' && <p>{schema.data.description}</p>}
            <SchemaFields
              schema={schema.data}
              caption={`Fields of ${d.id} ${version}, in the order of its schema`}
            />
            {Array.isArray(schema.data.examples) && schema.data.examples.length > 0 && (
              <details className="example-block">
                <summary>Example payload</summary>
                <pre tabIndex={0}>{JSON.stringify(schema.data.examples[0], null, 2)}</pre>
              </details>
            )}
            {shown &&
              shown.major > 1 &&
              !contract.versions.some((v) => v.major === shown.major && v.hasTransforms) && (
                <p className="warning-text">
                  Major {shown.major} has no transforms from major {shown.major - 1}: consumers of the older
                  major receive nothing of data published under it.
                </p>
              )}
          </>
        )}
      </section>
    </>
  );
}
