/**
 * Request/reply operations on `<prefix><operation>` subjects, shared by a service's instances through
 * a queue group: the body is a JSON object, the reply {ok:true, result} or {ok:false, error}. An
 * unknown operation, a body that is not JSON, and every DxError are answered as refusals.
 */
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { DxError } from '../errors/dx-error.js';
import { asBody, type Body } from '../http/request-fields.js';

export type Operation = (body: Body, msg: Msg) => Promise<unknown> | unknown;

export interface OperationsOptions {
  /** e.g. `dx.registry.`: the operation is the rest of the subject. */
  prefix: string;
  queue: string;
  /** Named in refusals: "the registry failed". */
  service: string;
  operations: Record<string, Operation>;
}

export function serveOperations(nats: NatsConnection, options: OperationsOptions): Subscription {
  return nats.subscribe(`${options.prefix}*`, {
    queue: options.queue,
    callback: (error, msg) => {
      if (!error) void answer(msg, options);
    },
  });
}

async function answer(msg: Msg, options: OperationsOptions): Promise<void> {
  const name = msg.subject.slice(options.prefix.length);
  try {
    const operation = options.operations[name];
    if (!operation) {
      throw new DxError('BAD_ARGUMENT', `unknown ${options.service} operation ${name}`, {
        operation: name,
        known: Object.keys(options.operations),
      });
    }
    const body = asBody(msg.data.length ? jsonOf(msg) : {});
    msg.respond(JSON.stringify({ ok: true, result: await operation(body, msg) }));
  } catch (error) {
    const refusal =
      error instanceof DxError
        ? error.toJSON()
        : { code: 'INTERNAL', message: `the ${options.service} failed`, details: {} };
    msg.respond(JSON.stringify({ ok: false, error: refusal }));
  }
}

/** A request's JSON body; a body that is not JSON is the caller's error, not ours. */
export function jsonOf(msg: Msg): unknown {
  try {
    return msg.json();
  } catch {
    throw new DxError('BAD_ARGUMENT', 'the request is not JSON', { pointer: '', rule: 'json' });
  }
}
