/**
 * Full load: `concurrency` loops in the producer process, each sending the next request and waiting
 * for its reply before the next one, until every event has been answered. The same code drives the
 * gateway and the raw request/reply ceiling, so the two differ only in who answers.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import { HEADERS } from '../../../services/common/nats/subjects.js';
import type { ClosedLoopCommand, ClosedLoopResult } from './producer-commands.js';
import { reactorReadings, READING_PRODUCER, READING_VERSION, readingMsgId } from './reactor-readings.js';

const REQUEST_TIMEOUT_MS = 30_000;
/** How long deliveries may trail the last reply before the run gives up waiting for them. */
const DELIVERY_GRACE_MS = 30_000;

export async function runClosedLoop(
  nats: NatsConnection,
  command: ClosedLoopCommand,
  delivered: () => number,
): Promise<ClosedLoopResult> {
  const bodies = encodeBodies(command);
  let failures = 0;
  let firstFailure: string | undefined;
  const fail = (count: number, reason: string) => {
    failures += count;
    firstFailure ??= reason;
  };

  let next = 0;
  const loop = async () => {
    while (next < bodies.length) {
      const request = next++;
      const h = headers();
      h.set(HEADERS.producer, READING_PRODUCER);
      h.set(HEADERS.version, READING_VERSION);
      h.set(HEADERS.msgId, readingMsgId(command.run, request));
      try {
        const reply = await nats.request(command.subject, bodies[request], {
          headers: h,
          timeout: REQUEST_TIMEOUT_MS,
        });
        const refused = refusedItems(reply.string(), command.batchSize);
        if (refused) fail(refused.count, refused.reason);
      } catch (error) {
        fail(command.batchSize, (error as Error).message);
      }
    }
  };

  await quiet(delivered);
  const deliveredBefore = delivered();
  const started = performance.now();
  await Promise.all(Array.from({ length: command.concurrency }, loop));
  const seconds = (performance.now() - started) / 1000;
  let deliveredSeconds: number | undefined;
  if (command.awaitDeliveries) {
    const deadline = performance.now() + DELIVERY_GRACE_MS;
    while (delivered() - deliveredBefore < command.events - failures && performance.now() < deadline) {
      await sleep(2);
    }
    if (delivered() - deliveredBefore >= command.events - failures) {
      deliveredSeconds = (performance.now() - started) / 1000;
    }
  }
  return {
    kind: 'closed-loop',
    requests: bodies.length,
    events: command.events,
    seconds,
    failures,
    firstFailure,
    delivered: delivered() - deliveredBefore,
    deliveredSeconds,
  };
}

/** Until no delivery has come for a while: the run before (a warm-up) must not count in this one. */
async function quiet(delivered: () => number): Promise<void> {
  for (let last = -1; last !== delivered();) {
    last = delivered();
    await sleep(100);
  }
}

/** Every request's body as bytes, built before anything is timed. */
function encodeBodies(command: ClosedLoopCommand): Uint8Array[] {
  const readings = reactorReadings(command.events, command.keys, command.seed);
  const encoder = new TextEncoder();
  if (command.batchSize === 1) return readings.map((r) => encoder.encode(JSON.stringify(r)));
  const bodies: Uint8Array[] = [];
  for (let i = 0; i < readings.length; i += command.batchSize) {
    bodies.push(encoder.encode(JSON.stringify(readings.slice(i, i + command.batchSize))));
  }
  return bodies;
}

interface Answer {
  ok: boolean;
  error?: { code: string; message: string };
  results?: Answer[];
}

/** The items a reply refused, with the first reason; undefined when all were stored. */
function refusedItems(text: string, batchSize: number): { count: number; reason: string } | undefined {
  const answer = JSON.parse(text) as Answer;
  if (!answer.ok) return { count: batchSize, reason: `${answer.error?.code}: ${answer.error?.message}` };
  const refused = (answer.results ?? []).filter((r) => !r.ok);
  if (refused.length === 0) return undefined;
  return { count: refused.length, reason: `${refused[0]!.error?.code}: ${refused[0]!.error?.message}` };
}
