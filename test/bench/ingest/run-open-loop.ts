/**
 * A fixed offered rate: one-event requests sent on a schedule (request i at start + i / rate), without
 * waiting for replies, so a slow hub cannot slow the load down. Each request's send time is kept by
 * index; its reply gives the publish-to-ack latency and its event's arrival at the consumer (found by
 * its msgId) the publish-to-delivery latency, both on the producer process's clock.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { HEADERS } from '../../../services/common/nats/subjects.js';
import type { DeliveryConsumer } from './delivery-consumer.js';
import type { OpenLoopCommand, OpenLoopResult } from './producer-commands.js';
import { reactorReadings, READING_PRODUCER, READING_VERSION, readingMsgId } from './reactor-readings.js';
import { summarizeLatencies } from './summarize-latencies.js';

const REQUEST_TIMEOUT_MS = 10_000;
/** How long deliveries may trail the last reply before the missing ones count as lost. */
const DELIVERY_GRACE_MS = 5000;

export async function runOpenLoop(
  nats: NatsConnection,
  consumer: DeliveryConsumer,
  command: OpenLoopCommand,
): Promise<OpenLoopResult> {
  const warmup = Math.round(command.rate * command.warmupSeconds);
  const total = warmup + Math.round(command.rate * command.seconds);
  const encoder = new TextEncoder();
  const bodies = reactorReadings(total, command.keys, command.seed).map((r) =>
    encoder.encode(JSON.stringify(r)),
  );
  const ids = bodies.map((_, i) => readingMsgId(command.run, i));
  const indexOf = new Map(ids.map((id, i) => [id, i]));

  const sentAt = new Float64Array(total);
  const ack: number[] = [];
  const deliver: number[] = [];
  const lag: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let deliveries = 0;
  consumer.watch((msgId, receivedAt) => {
    const i = indexOf.get(msgId);
    if (i === undefined) return;
    deliveries++;
    if (i >= warmup) deliver.push(receivedAt - sentAt[i]!);
  });

  const replies: Promise<void>[] = [];
  const send = (i: number, scheduledAt: number) => {
    const h = headers();
    h.set(HEADERS.producer, READING_PRODUCER);
    h.set(HEADERS.version, READING_VERSION);
    h.set(HEADERS.msgId, ids[i]!);
    sentAt[i] = performance.now();
    if (i >= warmup) lag.push(sentAt[i]! - scheduledAt);
    replies.push(
      nats.request(command.subject, bodies[i], { headers: h, timeout: REQUEST_TIMEOUT_MS }).then(
        (reply) => {
          const repliedAt = performance.now();
          const answer = reply.json<{ ok: boolean; error?: { code: string } }>();
          if (!answer.ok) {
            failures++;
            firstFailure ??= answer.error?.code;
          } else if (i >= warmup) ack.push(repliedAt - sentAt[i]!);
        },
        (error: Error) => {
          failures++;
          firstFailure ??= error.message;
        },
      ),
    );
  };

  const interval = 1000 / command.rate;
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    for (; sent < due; sent++) send(sent, start + sent * interval);
    // Timers fire about every millisecond: at 2,000/s the requests go out in twos, on time.
    if (sent < total) await sleep(1);
  }
  await Promise.all(replies);
  const deadline = performance.now() + DELIVERY_GRACE_MS;
  while (deliveries < total - failures && performance.now() < deadline) await sleep(5);
  consumer.watch(undefined);

  const recordedSeconds = (sentAt[total - 1]! - sentAt[warmup]!) / 1000;
  return {
    kind: 'open-loop',
    sent: total - warmup,
    offeredRate: (total - warmup - 1) / recordedSeconds,
    failures,
    firstFailure,
    ack: summarizeLatencies(ack),
    deliver: summarizeLatencies(deliver),
    lag: summarizeLatencies(lag),
  };
}
