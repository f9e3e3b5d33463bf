/** Ends a span when its work settles, recording a failure on it (and passing the outcome on). */
import { SpanStatusCode, type Span } from '@opentelemetry/api';

export async function endSpan<T>(span: Span, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
    throw error;
  } finally {
    span.end();
  }
}
