/**
 * Runs work inside a span that ends with it (an error recorded on the span and rethrown), as a child of
 * `parent` (a context extracted from a message) or of the active span. Off (tracingOn), just the work.
 */
import { context, trace, type Attributes, type Context, type SpanKind } from '@opentelemetry/api';
import { endSpan } from './end-span.js';
import { tracer, tracingOn } from './tracer.js';

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  parent?: Context;
}

export function inSpan<T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  if (!tracingOn()) return work();
  const parent = options.parent ?? context.active();
  const span = tracer.startSpan(name, { kind: options.kind, attributes: options.attributes }, parent);
  return context.with(trace.setSpan(parent, span), () => endSpan(span, work()));
}
