/** Sign-in with a hub bearer token; with the development identities, their tokens are offered. */
import { useEffect, useState, type FormEvent } from 'react';
import { HubClient } from '../api/hub-client';
import type { DevToken } from '../api/types';
import { ErrorNote } from '../components/error-note';
import { useSession } from './session-context';

export function SignInPage() {
  const session = useSession();
  const [token, setToken] = useState('');
  const [devTokens, setDevTokens] = useState<DevToken[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    new HubClient(null)
      .signInOptions()
      .then((options) => setDevTokens(options.devTokens))
      .catch(setError);
  }, []);

  const submit = async (candidate: string) => {
    setBusy(true);
    setError(null);
    try {
      await session.signIn(candidate.trim());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(token);
  };

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <div className="brand brand-large" aria-hidden="true">
          <span className="brand-mark">DX</span> Hub
        </div>
        <h1>Sign in to the console</h1>
        <p className="muted">
          Use the bearer token of your identity, the same token the hub's HTTP API takes.
        </p>
        <form onSubmit={onSubmit} className="stack">
          <label htmlFor="token">Bearer token</label>
          <input
            id="token"
            type="password"
            autoComplete="current-password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            required
          />
          <button type="submit" className="primary" disabled={busy || token.trim() === ''}>
            Sign in
          </button>
        </form>
        <ErrorNote error={error} />
        {devTokens.length > 0 && (
          <section className="dev-tokens" aria-labelledby="dev-tokens-title">
            <h2 id="dev-tokens-title">Development identities</h2>
            <p className="warning-text">
              These tokens are listed because this hub runs with the development identities file
              (deploy/identities.dev.json). They are for development only: never use that file in production.
            </p>
            <ul className="dev-token-list">
              {devTokens.map((d) => (
                <li key={d.id}>
                  <button type="button" onClick={() => void submit(d.token)} disabled={busy}>
                    <span className="dev-id">{d.id}</span>
                    <span className={`role role-${d.role}`}>{d.role}</span>
                    <code>{d.token}</code>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </main>
  );
}
