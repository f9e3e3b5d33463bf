/**
 * The hub's tracer and the switch its span hooks test first: off (the default), a hook runs its work
 * and nothing else. startTracing turns it on.
 */
import { trace } from '@opentelemetry/api';

export const tracer = trace.getTracer('dx-hub');

let on = false;

export function tracingOn(): boolean {
  return on;
}

export function setTracingOn(value: boolean): void {
  on = value;
}
