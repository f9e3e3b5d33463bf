/**
 * Who is signed in, for every page: the token (kept in this tab's sessionStorage, never in a cookie),
 * the identity the hub gave it, the contracts it may read, and the API client that sends it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { HubClient } from '../api/hub-client';
import type { Identity } from '../api/types';

const STORAGE_KEY = 'dx-console-token';

export interface Session {
  token: string | null;
  identity: Identity | null;
  readable: string[];
  client: HubClient;
  /** Checks the token with the hub; resolves with the identity or rejects with the hub's refusal. */
  signIn(token: string): Promise<Identity>;
  signOut(): void;
  isArchitect: boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => sessionStorage.getItem(STORAGE_KEY));
  const [identity, setIdentity] = useState<Identity | null>(null);
  const [readable, setReadable] = useState<string[]>([]);
  const [checked, setChecked] = useState(token === null);

  const signIn = useCallback(async (candidate: string) => {
    const answer = await new HubClient(candidate).session();
    sessionStorage.setItem(STORAGE_KEY, candidate);
    setToken(candidate);
    setIdentity(answer.identity);
    setReadable(answer.readable);
    setChecked(true);
    return answer.identity;
  }, []);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setToken(null);
    setIdentity(null);
    setReadable([]);
  }, []);

  // A token kept from before: ask the hub who it is again (it may have been revoked since).
  useEffect(() => {
    if (token === null || identity !== null) return;
    new HubClient(token)
      .session()
      .then((answer) => {
        setIdentity(answer.identity);
        setReadable(answer.readable);
      })
      .catch(() => signOut())
      .finally(() => setChecked(true));
  }, [token, identity, signOut]);

  const value = useMemo<Session>(
    () => ({
      token,
      identity,
      readable,
      client: new HubClient(token),
      signIn,
      signOut,
      isArchitect: identity?.role === 'architect',
    }),
    [token, identity, readable, signIn, signOut],
  );
  if (!checked) return null;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
