/** A child of the active span, for work that is not one promise; undefined (nothing) with tracing off. */
import type { Attributes, Span } from '@opentelemetry/api';
import { tracer, tracingOn } from './tracer.js';

export function startSpan(name: string, attributes?: Attributes): Span | undefined {
  return tracingOn() ? tracer.startSpan(name, { attributes }) : undefined;
}
