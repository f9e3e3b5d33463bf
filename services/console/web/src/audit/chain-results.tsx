/** What a chain check found: counts, and each problem at its event (a link opens the event). */
import type { ChainResult } from '../api/types';

export function ChainResults({
  result,
  onOpen,
}: {
  result: ChainResult;
  onOpen: (position: number) => void;
}) {
  const clean = result.problems.length === 0;
  return (
    <div className={clean ? 'result ok' : 'result bad'} role="status" data-testid="chain-result">
      <p>
        <strong>
          {clean
            ? 'Intact.'
            : `${result.problems.length} ${result.problems.length === 1 ? 'problem' : 'problems'}.`}
        </strong>{' '}
        Checked {result.events.toLocaleString()} events in {result.streams.toLocaleString()} streams of{' '}
        {result.contracts === 'all' ? 'every contract' : result.contracts.join(', ')} in {result.seconds} s.
      </p>
      {!clean && (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Event</th>
              <th scope="col">Stream</th>
              <th scope="col">What is wrong</th>
            </tr>
          </thead>
          <tbody>
            {result.problems.map((p, i) => (
              <tr key={i}>
                <th scope="row">
                  <span className="badge status-rejected">{p.kind}</span>
                </th>
                <td>
                  {p.position === null ? (
                    <span className="muted">gone</span>
                  ) : (
                    <button type="button" className="link" onClick={() => onOpen(p.position!)}>
                      position {p.position}
                    </button>
                  )}
                </td>
                <td>
                  {p.contract} / {p.key} #{p.streamPosition}
                </td>
                <td>{p.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
