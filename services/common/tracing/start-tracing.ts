/**
 * Turns tracing on for a service process: an OpenTelemetry tracer provider (AsyncLocalStorage context,
 * W3C trace context propagation) exporting over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, the exporter reading the standard OTEL_* variables. When
 * neither is set nothing is registered, and the hub's span hooks (tracingOn) cost a boolean test.
 * A test passes its own exporter (an in-memory one), exported span by span.
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { setTracingOn } from './tracer.js';

export interface Tracing {
  /** Exports what is still batched and stops. */
  shutdown(): Promise<void>;
}

export function startTracing(
  service: string,
  exporter?: SpanExporter,
  env: NodeJS.ProcessEnv = process.env,
): Tracing {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!exporter && !endpoint) return { shutdown: () => Promise.resolve() };
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME || service }),
    spanProcessors: [
      exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(new OTLPTraceExporter()),
    ],
  });
  provider.register();
  setTracingOn(true);
  registered = provider;
  return {
    async shutdown() {
      setTracingOn(false);
      registered = undefined;
      await provider.shutdown();
    },
  };
}

let registered: NodeTracerProvider | undefined;

/** Exports the spans still batched (at shutdown); nothing when tracing is off. */
export async function flushTracing(): Promise<void> {
  await registered?.forceFlush();
}
