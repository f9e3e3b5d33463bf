/** A refusal or failure as the hub worded it: code, message and the details that name what was wrong. */
import { HubError } from '../api/hub-error';

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof HubError) {
    const details = Object.keys(error.details).length > 0 ? JSON.stringify(error.details, null, 2) : null;
    return (
      <div className="error-note" role="alert">
        <strong>{error.code}</strong> {error.message}
        {details && (
          <details>
            <summary>Details</summary>
            <pre tabIndex={0}>{details}</pre>
          </details>
        )}
      </div>
    );
  }
  return (
    <div className="error-note" role="alert">
      {error instanceof Error ? error.message : String(error)}
    </div>
  );
}
