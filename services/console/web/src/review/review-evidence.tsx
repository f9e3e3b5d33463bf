/** The registry's evidence on a version: compatibility report, documentation check, transforms, consumers. */
import type { ReviewEvidence } from '../api/types';

export function CompatibilityReport({ report }: { report: ReviewEvidence['compatibility'] }) {
  const breaking = report.changes.filter((c) => c.breaking).length;
  return (
    <div data-testid="compatibility-report">
      <p className={report.compatible ? 'ok-text' : 'error-text'}>
        <strong>{report.compatible ? 'Compatible' : 'Not compatible'}</strong> under {report.mode}
        {report.against ? ` against ${report.against}` : ''}
        {!report.enforced &&
          ' (the first version of a major may break; its changes are listed for the transforms)'}
        . {report.changes.length} changes, {breaking} breaking
        {report.checked.length > 0 && `; checked against ${report.checked.join(', ')}`}.
      </p>
      {report.changes.length > 0 && (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">At</th>
              <th scope="col">Breaking</th>
            </tr>
          </thead>
          <tbody>
            {report.changes.map((c, i) => (
              <tr key={i} className={c.breaking ? 'row-bad' : undefined}>
                <th scope="row">
                  <code>{c.type}</code>
                </th>
                <td>
                  <code>{c.pointer || '(root)'}</code>
                </td>
                <td>{c.breaking ? <span className="badge status-rejected">breaking</span> : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.failures.map((f) => (
        <p key={f.version} className="error-text small">
          Breaks {f.version}: {f.changes.map((c) => `${c.type} at ${c.pointer || '(root)'}`).join('; ')}
        </p>
      ))}
    </div>
  );
}

export function DocumentationCheck({ report }: { report: ReviewEvidence['documentation'] }) {
  return (
    <div data-testid="documentation-check">
      <p className={report.complete ? 'ok-text' : 'error-text'}>
        <strong>
          {report.complete ? 'Documentation complete.' : `${report.gaps.length} documentation gaps.`}
        </strong>
      </p>
      {report.gaps.length > 0 && (
        <ul>
          {report.gaps.map((g, i) => (
            <li key={i}>
              <code>{g.pointer || '(root)'}</code> {g.rule}: {g.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function TransformsReport({ report }: { report: ReviewEvidence['transforms'] }) {
  return (
    <div data-testid="transforms">
      {report.previousLiveMajor === null ? (
        <p>No earlier live major: nothing to transform.</p>
      ) : (
        <p>
          From major {report.previousLiveMajor}:{' '}
          {report.fromPrevious ? 'reaches this major' : 'does not reach this major'}; to major{' '}
          {report.previousLiveMajor}: {report.toPrevious ? 'reaches it' : 'does not reach it'}.
        </p>
      )}
      {report.warnings.map((w, i) => (
        <p key={i} className="warning-text">
          {w}
        </p>
      ))}
      {report.up && (
        <details>
          <summary>up (from the previous major)</summary>
          <pre tabIndex={0}>{report.up}</pre>
        </details>
      )}
      {report.down && (
        <details>
          <summary>down (to the previous major)</summary>
          <pre tabIndex={0}>{report.down}</pre>
        </details>
      )}
    </div>
  );
}

export function ConsumersAffected({ consumers }: { consumers: ReviewEvidence['consumers'] }) {
  if (consumers.length === 0) return <p className="muted">No registered consumers.</p>;
  return (
    <table className="data-table compact" data-testid="consumers-affected">
      <thead>
        <tr>
          <th scope="col">Consumer</th>
          <th scope="col">Reads</th>
          <th scope="col">Receives this version's data</th>
        </tr>
      </thead>
      <tbody>
        {consumers.map((c) => (
          <tr key={c.consumer}>
            <th scope="row">{c.consumer}</th>
            <td>{c.majors.map((m) => `v${m}`).join(', ')}</td>
            <td>
              {c.receives.map((r) => (
                <span
                  key={r.major}
                  className={r.how === 'nothing' ? 'badge status-rejected' : 'badge status-active'}
                >
                  v{r.major}: {r.how}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
