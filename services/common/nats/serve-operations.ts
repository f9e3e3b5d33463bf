/**
 * Request/reply operations on `<prefix><operation>` subjects, shared by a service's instances through
 * a queue group: the body is a JSON object, the reply {ok:true, result} or {ok:false, error}. An
 * unknown operation, a body that is not JSON, and every DxError are answered as refusals; anything
 * else is INTERNAL, logged with its cause and the request id the reply names. No reply, of any size,
 * can throw out of here (respondSafely).
 */
import { randomUUID } from 'node:crypto';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { SpanKind } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { DxError } from '../errors/dx-error.js';
import { asBody, type Body } from '../http/request-fields.js';
import { createLogger } from '../logging/create-logger.js';
import { inSpan } from '../tracing/in-span.js';
import { contextOfMessage } from '../tracing/nats-trace-context.js';
import { tracingOn } from '../tracing/tracer.js';
import { internalError } from './internal-error.js';
import { respondSafely } from './respond-safely.js';

export type Operation = (body: Body, msg: Msg) => Promise<unknown> | unknown;

export interface OperationsOptions {
  /** e.g. `dx.registry.`: the operation is the rest of the subject. */
  prefix: string;
  queue: string;
  /** Named in refusals: "the registry failed". */
  service: string;
  operations: Record<string, Operation>;
  /** Where failures are logged; by default a pino logger named after the service. */
  logger?: Logger;
}

export function serveOperations(nats: NatsConnection, options: OperationsOptions): Subscription {
  const logger = options.logger ?? createLogger(options.service);
  return nats.subscribe(`${options.prefix}*`, {
    queue: options.queue,
    callback: (error, msg) => {
      if (error) return;
      if (!tracingOn()) return void answer(nats, msg, options, logger);
      // Named after the operation when it is one (a subject can say anything).
      const name = msg.subject.slice(options.prefix.length);
      const operation = name in options.operations ? name : 'unknown';
      void inSpan(
        `${options.prefix}${operation}`,
        { kind: SpanKind.SERVER, parent: contextOfMessage(msg.headers) },
        () => answer(nats, msg, options, logger),
      );
    },
  });
}

async function answer(
  nats: NatsConnection,
  msg: Msg,
  options: OperationsOptions,
  logger: Logger,
): Promise<void> {
  const name = msg.subject.slice(options.prefix.length);
  let reply: string;
  try {
    const operation = options.operations[name];
    if (!operation) {
      throw new DxError('BAD_ARGUMENT', `unknown ${options.service} operation ${name}`, {
        operation: name,
        known: Object.keys(options.operations),
      });
    }
    const body = asBody(msg.data.length ? jsonOf(msg) : {});
    reply = JSON.stringify({ ok: true, result: await operation(body, msg) });
  } catch (error) {
    const refusal =
      error instanceof DxError
        ? error.toJSON()
        : internalError(
            logger,
            error,
            randomUUID(),
            { subject: msg.subject },
            `the ${options.service} failed`,
          );
    reply = JSON.stringify({ ok: false, error: refusal });
  }
  respondSafely(nats, msg, reply, logger, { subject: msg.subject });
}

/** A request's JSON body; a body that is not JSON is the caller's error, not ours. */
export function jsonOf(msg: Msg): unknown {
  try {
    return msg.json();
  } catch {
    throw new DxError('BAD_ARGUMENT', 'the request is not JSON', { pointer: '', rule: 'json' });
  }
}
