/**
 * W3C trace context (traceparent, tracestate) in NATS headers, through OpenTelemetry's registered
 * propagator: read from a message that arrived, written into the headers of one to be sent.
 */
import { context, propagation, type Context, type TextMapGetter } from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';

const getter: TextMapGetter<MsgHdrs | undefined> = {
  keys: (carrier) => (carrier ? [...carrier.keys()] : []),
  get: (carrier, key) => carrier?.get(key) || undefined,
};

/** The context a message carries (the active one when it carries none). */
export function contextOfMessage(headers: MsgHdrs | undefined): Context {
  return propagation.extract(context.active(), headers, getter);
}

/** Fresh NATS headers holding the given context's trace, or undefined when there is none to send. */
export function headersOfContext(from: Context = context.active()): MsgHdrs | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  const entries = Object.entries(carrier);
  if (entries.length === 0) return undefined;
  const headers = natsHeaders();
  for (const [name, value] of entries) headers.set(name, value);
  return headers;
}
