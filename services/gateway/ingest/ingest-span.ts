/**
 * The span of one publish through the gateway, continuing the trace the producer sent (W3C trace
 * context in the NATS headers, or the HTTP request's span); validation, the group commit and delivery are its children.
 * With tracing off, just the publish.
 */
import { SpanKind } from '@opentelemetry/api';
import type { MsgHdrs } from '@nats-io/transport-node';
import { inSpan } from '../../common/tracing/in-span.js';
import { contextOfMessage } from '../../common/tracing/nats-trace-context.js';
import { tracingOn } from '../../common/tracing/tracer.js';

export function ingestSpan<T>(
  contract: string,
  headers: MsgHdrs | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (!tracingOn()) return work();
  // Over HTTP there are none: the request's span (TraceInterceptor) is already active.
  const parent = contextOfMessage(headers);
  return inSpan('ingest', { kind: SpanKind.SERVER, parent, attributes: { 'dx.contract': contract } }, work);
}
