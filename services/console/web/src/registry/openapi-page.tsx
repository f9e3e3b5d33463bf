/**
 * The gateway's OpenAPI 3.1 document, as a page people read: each path and method with its
 * parameters, body and answers.
 */
import { Link, useSearch } from 'wouter';
import { ErrorNote } from '../components/error-note';
import { useHubData } from '../components/use-hub-data';
import { useSession } from '../session/session-context';

interface Operation {
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { description?: string }>;
}

export function OpenApiPage() {
  const { client } = useSession();
  const service = new URLSearchParams(useSearch()).get('service') === 'registry' ? 'registry' : 'gateway';
  const doc = useHubData(() => client.openApi(service), [client, service]);
  const documentUrl =
    service === 'gateway' ? '/console/api/gateway/docs/openapi.json' : '/console/api/registry/openapi.json';
  const d = doc.data as
    | {
        info?: { title?: string; version?: string; description?: string };
        paths?: Record<string, Record<string, Operation>>;
      }
    | undefined;
  return (
    <>
      <p className="breadcrumb">
        <Link href="/registry">Registry</Link> / <span>HTTP API</span>
      </p>
      <div className="page-head">
        <div>
          <h1>{d?.info?.title ?? 'HTTP API'}</h1>
          <p className="muted">
            {d?.info?.description} The machine-readable document: <a href={documentUrl}>openapi.json</a>{' '}
            (OpenAPI 3.1).
          </p>
          <nav aria-label="HTTP APIs" className="row">
            <Link href="/docs/openapi" aria-current={service === 'gateway' ? 'page' : undefined}>
              Gateway
            </Link>
            <Link
              href="/docs/openapi?service=registry"
              aria-current={service === 'registry' ? 'page' : undefined}
            >
              Registry
            </Link>
          </nav>
        </div>
      </div>
      <ErrorNote error={doc.error} />
      {Object.entries(d?.paths ?? {}).flatMap(([path, operations]) =>
        Object.entries(operations).map(([method, op]) => (
          <section key={`${method} ${path}`} className="card" aria-label={`${method.toUpperCase()} ${path}`}>
            <h2 className="operation">
              <span className={`method method-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
            </h2>
            <p className="strong">{op.summary}</p>
            {op.description && <p>{op.description}</p>}
            {op.security && op.security.length > 0 && <p className="small">Needs a bearer token.</p>}
            {op.parameters && op.parameters.length > 0 && (
              <table className="data-table compact">
                <caption>Parameters</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">In</th>
                    <th scope="col">Required</th>
                    <th scope="col">What</th>
                  </tr>
                </thead>
                <tbody>
                  {op.parameters.map((p) => (
                    <tr key={`${p.in}:${p.name}`}>
                      <th scope="row">
                        <code>{p.name}</code>
                      </th>
                      <td>{p.in}</td>
                      <td>{p.required ? 'yes' : 'no'}</td>
                      <td>{p.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {op.responses && (
              <table className="data-table compact">
                <caption>Answers</caption>
                <tbody>
                  {Object.entries(op.responses).map(([status, r]) => (
                    <tr key={status}>
                      <th scope="row">{status}</th>
                      <td>{r.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        )),
      )}
    </>
  );
}
