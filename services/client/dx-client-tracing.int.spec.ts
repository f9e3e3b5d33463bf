/**
 * One trace from a producer to its consumers: the client library's publish span, its W3C trace context
 * in the NATS headers, the gateway's ingest (validation, group commit, delivery), the trace context in
 * the delivered dx.data message, and the consumer's span around its handler. Real gateway, PostgreSQL
 * and nats-server; the spans are collected by OpenTelemetry's own in-memory exporter.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { reactorReading } from '../../test/support/reactor-reading.js';
import { startTestHub, type TestHub } from '../../test/support/test-hub.js';
import { waitFor } from '../../test/support/wait-for.js';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import { startTracing, type Tracing } from '../common/tracing/start-tracing.js';
import { tracer } from '../common/tracing/tracer.js';
import { DxClient } from './dx-client.js';

const CONTRACT = 'scada.reactor-telemetry';
const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let hub: TestHub;
let dx: DxClient;

beforeAll(async () => {
  tracing = startTracing('dx-test', exporter);
  hub = await startTestHub();
  dx = await DxClient.connect({ nats: hub.bus.url, producer: 'scada', requestTimeoutMs: 5000 });
});

afterAll(async () => {
  await dx?.close();
  await hub?.stop();
  await tracing?.shutdown();
});

const named = (name: string) => (s: ReadableSpan) => s.name === name;
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('tracing a message through the hub', () => {
  it('keeps one trace id from the publish to the delivered message and the consumer span', async () => {
    const received: { event: EventEnvelope; traceId?: string }[] = [];
    const subscription = await dx.subscribe(CONTRACT, { major: 1, from: 0, key: 'R901' }, (event) => {
      // The consumer's own work, inside the span the client opened for this message.
      tracer.startActiveSpan('consumer work', (span) => {
        received.push({ event, traceId: trace.getActiveSpan()?.spanContext().traceId });
        span.end();
      });
    });
    await subscription.caughtUp;

    const traceId = await tracer.startActiveSpan('producer work', async (span) => {
      await dx.publish(CONTRACT, reactorReading('R901', 251.3), { version: '1.0.0' });
      span.end();
      return span.spanContext().traceId;
    });
    const [delivered] = await waitFor('the live event', async () =>
      received.length > 0 ? received : undefined,
    );
    expect(delivered!.event.key).toBe('R901');
    expect(delivered!.traceId).toBe(traceId);

    const spans = await waitFor('the consumer span', async () => {
      const all = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
      return all.some(named(`process ${CONTRACT}`)) ? all : undefined;
    });
    const one = (name: string) => {
      const found = spans.filter(named(name));
      expect([name, found.length]).toEqual([name, 1]);
      return found[0]!;
    };
    const producer = one('producer work');
    const publish = one(`publish ${CONTRACT}`);
    const ingest = one('ingest');
    const validate = one('validate');
    const commit = one('group commit');
    const deliver = one('deliver');
    const consume = one(`process ${CONTRACT}`);
    const work = one('consumer work');
    // Each hop is the child of the one before it, across both NATS hops.
    expect(parentOf(publish)).toBe(producer.spanContext().spanId);
    expect(parentOf(ingest)).toBe(publish.spanContext().spanId);
    expect(parentOf(validate)).toBe(ingest.spanContext().spanId);
    expect(parentOf(commit)).toBe(ingest.spanContext().spanId);
    expect(parentOf(deliver)).toBe(ingest.spanContext().spanId);
    expect(parentOf(consume)).toBe(deliver.spanContext().spanId);
    expect(parentOf(work)).toBe(consume.spanContext().spanId);
    expect(ingest.attributes['dx.contract']).toBe(CONTRACT);
    await subscription.close();
  });
});
