/**
 * Answers a NATS request whatever the reply is: one over the bus's max_payload is answered with a
 * REPLY_TOO_LARGE refusal instead (nats.js throws on publishing it, and a throw in a promise callback
 * would end the process), and a reply that cannot be sent at all is logged, never thrown.
 */
import type { Msg, NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { describeError } from '../errors/describe-error.js';

/** The server's default max_payload, for a connection that has not told us yet. */
const DEFAULT_MAX_PAYLOAD = 1024 * 1024;
/** Room left for the reply's protocol line and the requester's headers. */
const HEADROOM = 1024;

/** The largest reply body this connection's server takes. */
export function maxReplyBytes(nats: NatsConnection): number {
  return (nats.info?.max_payload ?? DEFAULT_MAX_PAYLOAD) - HEADROOM;
}

export function respondSafely(
  nats: NatsConnection,
  msg: Msg,
  reply: string,
  logger: Logger,
  context: Record<string, unknown> = {},
): void {
  const limit = maxReplyBytes(nats);
  const bytes = Buffer.byteLength(reply);
  let body = reply;
  if (bytes > limit) {
    logger.warn(
      { ...context, subject: msg.subject, bytes, limit },
      'reply over the bus max_payload, answered REPLY_TOO_LARGE',
    );
    body = JSON.stringify({ ok: false, error: replyTooLarge(bytes, limit) });
  }
  try {
    msg.respond(body);
  } catch (error) {
    logger.error({ ...context, subject: msg.subject, err: describeError(error) }, 'could not send a reply');
  }
}

export function replyTooLarge(bytes: number, limit: number) {
  return {
    code: 'REPLY_TOO_LARGE' as const,
    message: `the reply would be ${bytes} bytes, over the bus's max_payload of ${limit}: ask for less (a smaller page or batch)`,
    details: { rule: 'maxPayload', expected: limit, actual: bytes },
  };
}
