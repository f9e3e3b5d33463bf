/**
 * Publishes an anchor on dx.audit.anchors, so that subscribers outside the database keep copies. Core
 * NATS keeps nothing: a copy exists only where someone was subscribed. The anchor travels with its
 * stream list when that fits in the server's max_payload, else with its root alone.
 */
import {
  PermissionViolationError,
  type NatsConnection,
  type QueuedIterator,
  type Status,
} from '@nats-io/transport-node';
import { withTimeout } from '../async/with-timeout.js';
import { SUBJECTS } from '../nats/subjects.js';
import type { Anchor } from './anchor.types.js';
import { anchorMessage } from './anchor-document.js';

const FLUSH_TIMEOUT_MS = 5000;

export interface PublishedAnchor {
  subject: string;
  withHeads: boolean;
}

/** Resolves once the server has the message; rejects when the server refused it (permissions). */
export async function publishAnchor(nats: NatsConnection, anchor: Anchor): Promise<PublishedAnchor> {
  const subject = SUBJECTS.auditAnchors;
  const { body, withHeads } = anchorMessage(anchor, nats.info?.max_payload ?? 1024 * 1024);
  // A refused publish is only reported asynchronously, as a status; the flush's round trip lets the
  // server's -ERR arrive first. status() is a QueuedIterator whose stop() removes the listener.
  const statuses = nats.status() as QueuedIterator<Status>;
  let refusal: Error | null = null;
  const watching = (async () => {
    for await (const status of statuses) {
      if (
        status.type === 'error' &&
        status.error instanceof PermissionViolationError &&
        status.error.subject === subject
      )
        refusal = status.error;
    }
  })();
  try {
    nats.publish(subject, body);
    // A connection that is reconnecting would hold the flush until the server is back.
    await withTimeout(nats.flush(), FLUSH_TIMEOUT_MS, 'NATS');
  } finally {
    statuses.stop();
    await watching;
  }
  if (refusal) throw refusal;
  return { subject, withHeads };
}
