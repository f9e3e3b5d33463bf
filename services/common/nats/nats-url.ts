/**
 * A NATS_URL may carry the user and password to connect as (nats://hub:secret@host:4222), as
 * DATABASE_URL does; the NATS client ignores credentials in a URL, so they are taken out here and
 * passed as its `user` and `pass` options, with the user's own reply inbox prefix (inbox-prefix.ts).
 */
import { inboxPrefixFor } from './inbox-prefix.js';

export interface NatsServerOptions {
  servers: string;
  user?: string;
  pass?: string;
  inboxPrefix?: string;
}

export function natsServerOptions(url: string): NatsServerOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { servers: url }; // host:port without a scheme, as the client also accepts
  }
  if (!parsed.username) return { servers: url };
  const user = decodeURIComponent(parsed.username);
  const pass = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  const inboxPrefix = inboxPrefixFor(user);
  return { servers: parsed.toString(), user, pass, ...(inboxPrefix ? { inboxPrefix } : {}) };
}
