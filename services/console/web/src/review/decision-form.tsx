/** Approve or reject a proposal with a comment: architects only (the registry checks again). */
import { useState, type FormEvent } from 'react';
import { ErrorNote } from '../components/error-note';
import { useSession } from '../session/session-context';

export function DecisionForm({
  contract,
  version,
  onDecided,
}: {
  contract: string;
  version: string;
  onDecided: (outcome: string) => void;
}) {
  const { client } = useSession();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const decide = async (event: FormEvent, approve: boolean) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = approve
        ? await client.approve(contract, version, comment)
        : await client.reject(contract, version, comment);
      onDecided(answer.recorded.join(', '));
      setComment('');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="decision stack" onSubmit={(e) => void decide(e, true)}>
      <label htmlFor="decision-comment">Comment (recorded with the decision; required to reject)</label>
      <textarea id="decision-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          Approve {version}
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy || comment.trim() === ''}
          onClick={(e) => void decide(e, false)}
        >
          Reject {version}
        </button>
      </div>
      <ErrorNote error={error} />
    </form>
  );
}
