/** Every contract: owner, versions and their status, consumers per major; filter by text. */
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { followLive } from '../api/live-stream';
import { ErrorNote } from '../components/error-note';
import { StatusBadge } from '../components/status-badge';
import { useHubData } from '../components/use-hub-data';
import { useSession } from '../session/session-context';
import { ConsumersByMajor } from './consumers-by-major';

export function RegistryPage() {
  const { client, token } = useSession();
  const contracts = useHubData(() => client.contracts(), [client]);
  const [filter, setFilter] = useState('');
  const { reload } = contracts;

  // The registry changes while the page is open: a proposal, an approval, a consumer.
  useEffect(() => followLive({ token, registry: true }, { registry: () => reload() }), [token, reload]);

  const needle = filter.trim().toLowerCase();
  const shown = (contracts.data ?? []).filter(
    (c) =>
      needle === '' ||
      [c.descriptor.id, c.descriptor.title, c.descriptor.owner, ...(c.descriptor.tags ?? [])].some((t) =>
        t.toLowerCase().includes(needle),
      ),
  );

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Registry</h1>
          <p className="muted">
            Every contract of the hub, who owns it, its versions and who reads each major.
          </p>
        </div>
        <div className="page-actions">
          <Link href="/docs/asyncapi" className="button">
            AsyncAPI
          </Link>
          <Link href="/docs/openapi" className="button">
            HTTP API (OpenAPI)
          </Link>
        </div>
      </div>
      <div className="toolbar">
        <label htmlFor="contract-filter">Filter</label>
        <input
          id="contract-filter"
          type="search"
          placeholder="id, title, owner or tag"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="muted" aria-live="polite">
          {contracts.data ? `${shown.length} of ${contracts.data.length} contracts` : ''}
        </span>
      </div>
      <ErrorNote error={contracts.error} />
      <div className="table-scroll">
        <table className="data-table" aria-busy={contracts.loading}>
          <thead>
            <tr>
              <th scope="col">Contract</th>
              <th scope="col">Owner</th>
              <th scope="col">Versions</th>
              <th scope="col">Consumers per major</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.descriptor.id}>
                <th scope="row">
                  <Link href={`/registry/${c.descriptor.id}`} className="contract-link">
                    {c.descriptor.id}
                  </Link>
                  <div className="muted small">{c.descriptor.title}</div>
                </th>
                <td>{c.descriptor.owner}</td>
                <td>
                  <ul className="inline-list">
                    {c.versions.map((v) => (
                      <li key={v.version}>
                        <code>{v.version}</code> <StatusBadge status={v.status} />
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <ConsumersByMajor contract={c} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
