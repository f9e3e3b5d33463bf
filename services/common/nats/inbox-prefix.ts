/**
 * Each NATS user's own reply inboxes. Request/reply answers go to an inbox subject the requester
 * subscribes to; with the clients' default (`_INBOX.<random>`) every user would have to be allowed
 * `_INBOX.>`, and could read other users' publish acks and latest values. So `dx nats-config` lets a
 * user subscribe only to `_INBOX.<user>.>`, and every DX Hub connection made as a user asks for its
 * replies there. The user's dots become `/` (which no identity holds), so the prefix is one token and
 * `architect`'s inboxes do not cover `architect.e2e`'s.
 */
import { isSubjectSafeId } from '../identity/subject-safe-id.js';

export function inboxPrefixOf(user: string): string {
  return `_INBOX.${user.replaceAll('.', '/')}`;
}

/** The inbox prefix a connection as `user` uses, or undefined (the client's default) for no user. */
export function inboxPrefixFor(user: string | undefined): string | undefined {
  return user !== undefined && isSubjectSafeId(user) ? inboxPrefixOf(user) : undefined;
}
