/**
 * The client against the real gateway: a test database seeded with the demo plant's contracts, the
 * gateway app on a nats-server of this file's own. What a producer and a consumer of the hub see:
 * stored positions and refusals, idempotent repeats, catch-up with live follow-up, a consumer cut off
 * and back, and a hub restart with the producer's messages waiting in its buffer.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedRegistry } from '../../test/support/seed-registry.js';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { startTestNats, type TestNats } from '../../test/support/test-nats.js';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import { startTestGateway } from '../../test/support/test-gateway.js';
import { DxClient, type DxClientOptions } from './dx-client.js';
import { HubRefusedError } from './hub-refused-error.js';
import { reactorReading } from '../../test/support/reactor-reading.js';

const CONTRACT = 'scada.reactor-telemetry';
const reading = reactorReading;

let database: TestDatabase;
let bus: TestNats;
let gateway: INestApplication | undefined;
let dir: string | undefined;
const open: { close(): Promise<unknown> }[] = [];

async function startGateway(): Promise<void> {
  gateway = await startTestGateway({ databaseUrl: database.url, natsUrl: bus.url });
}

async function stopGateway(): Promise<void> {
  await gateway?.close();
  gateway = undefined;
}

beforeAll(async () => {
  database = await createTestDatabase();
  bus = await startTestNats();
  await seedRegistry(database.db);
  await startGateway();
});

afterAll(async () => {
  await stopGateway();
  await bus.stop();
  await database.drop();
});

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
  if (!gateway) await startGateway();
});

async function client(options: Partial<DxClientOptions> = {}, url = bus.url): Promise<DxClient> {
  const dx = await DxClient.connect({
    nats: url,
    producer: 'scada',
    requestTimeoutMs: 2000,
    reconnectWaitMs: 50,
    retry: { attempts: 3, initialDelayMs: 20, maxDelayMs: 200 },
    ...options,
  });
  open.push(dx);
  return dx;
}

async function eventually(assertion: () => void, withinMs = 15_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** Every event of the contract, as the store has it, to check the hub's side of things. */
async function stored(dx: DxClient, key: string): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  const subscription = await dx.subscribe(CONTRACT, { major: 1, key }, (e) => void events.push(e));
  await subscription.caughtUp;
  await subscription.close();
  return events;
}

describe('publishing to the gateway', () => {
  it('is stored and answered with its positions; a repeat of its message id is answered as a duplicate', async () => {
    const dx = await client();
    const first = await dx.publish(CONTRACT, reading('R101', 251.3), { version: '1.0.0', msgId: 'e2e-1' });
    expect(first).toEqual({
      msgId: 'e2e-1',
      buffered: false,
      viaBuffer: false,
      position: expect.any(Number),
      streamPosition: 1,
      duplicate: false,
    });
    const again = await dx.publish(CONTRACT, reading('R101', 251.3), { version: '1.0.0', msgId: 'e2e-1' });
    expect(again).toEqual({ ...first, duplicate: true });
  });

  it('throws the gateway’s refusal with the failing field’s pointer, rule and expected type', async () => {
    const dx = await client();
    const thrown = await dx
      .publish(CONTRACT, reading('R101', 'hot'), { version: '1.0.0' })
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(HubRefusedError);
    expect(thrown).toMatchObject({
      code: 'PAYLOAD_INVALID',
      details: {
        issues: [expect.objectContaining({ pointer: '/temperature', rule: 'type', expected: 'number' })],
      },
    });
  });

  it('throws the gateway’s refusal of a producer that does not own the contract', async () => {
    const dx = await client({ producer: 'vr' });
    await expect(dx.publish(CONTRACT, reading('R101', 250), { version: '1.0.0' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { contract: CONTRACT, owner: 'scada', producer: 'vr' },
    });
  });

  it('answers each item of a batch', async () => {
    const dx = await client();
    const result = await dx.publish(
      CONTRACT,
      [reading('R102', 1), reading('R102', 'hot'), reading('R102', 3)],
      {
        version: '1.0.0',
      },
    );
    expect('results' in result && result.results.map((r) => r.ok)).toEqual([true, false, true]);
  });

  it('reads the latest value back from the gateway’s cache', async () => {
    const dx = await client();
    await dx.publish(CONTRACT, reading('R103', 1), { version: '1.0.0' });
    await dx.publish(CONTRACT, reading('R103', 2), { version: '1.0.0' });
    expect(await dx.get(CONTRACT, 'R103')).toMatchObject({ key: 'R103', data: { temperature: 2 } });
    expect(await dx.get(CONTRACT, 'R999')).toBeUndefined();
  });

  it('reads as its identity: a registered consumer gets the value, a subsystem that may not read is refused', async () => {
    const producer = await client();
    await producer.publish(CONTRACT, reading('R199', 1), { version: '1.0.0' });
    const consumer = await client({ producer: undefined, identity: 'simulation' });
    const outsider = await client({ producer: undefined, identity: 'vr' });
    expect(await consumer.get(CONTRACT, 'R199')).toMatchObject({ key: 'R199', data: { temperature: 1 } });
    const refused = await outsider.get(CONTRACT, 'R199').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HubRefusedError);
    expect(refused).toMatchObject({
      code: 'READ_FORBIDDEN',
      details: { identity: 'vr', contract: CONTRACT },
    });
    const subscription = await outsider.subscribe(CONTRACT, { major: 1 }, () => undefined);
    await expect(subscription.closed).rejects.toMatchObject({ code: 'READ_FORBIDDEN' });
  });
});

describe('a hub restart with messages in the producer’s buffer', () => {
  it('buffers while the gateway is down and flushes in order, each message stored once, when it is back', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dx-client-'));
    const dx = await client({ bufferDir: dir });
    await dx.publish(CONTRACT, reading('R104', 1), { version: '1.0.0' });
    await stopGateway();
    for (const t of [2, 3, 4]) {
      await expect(dx.publish(CONTRACT, reading('R104', t), { version: '1.0.0' })).resolves.toMatchObject({
        buffered: true,
      });
    }
    expect(dx.buffered).toBe(3);

    await startGateway();
    await eventually(() => expect(dx.buffered).toBe(0));
    const events = await stored(dx, 'R104');
    expect(events.map((e) => e.data.temperature)).toEqual([1, 2, 3, 4]);
    expect(events.map((e) => e.streamPosition)).toEqual([1, 2, 3, 4]);
  });
});

describe('a producer restarted with messages in its buffer', () => {
  it('has them flushed by its next client, ahead of what that client publishes', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dx-client-'));
    await stopGateway();
    const first = await client({ bufferDir: dir });
    for (const t of [1, 2]) await first.publish(CONTRACT, reading('R106', t), { version: '1.0.0' });
    await first.close();

    await startGateway();
    const second = await client({ bufferDir: dir });
    const third = await second.publish(CONTRACT, reading('R106', 3), {
      version: '1.0.0',
      awaitDelivery: true,
    });
    expect(third).toMatchObject({ viaBuffer: true, streamPosition: 3 });
    const events = await stored(second, 'R106');
    expect(events.map((e) => e.data.temperature)).toEqual([1, 2, 3]);
  });
});

describe('a NATS restart under producer and gateway', () => {
  it('buffers at once while the bus is away, and everything reaches the store in order when it is back', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dx-client-'));
    const dx = await client({ bufferDir: dir });
    await dx.publish(CONTRACT, reading('R105', 1), { version: '1.0.0' });
    const port = Number(new URL(bus.url).port);
    await bus.stop();
    await eventually(() => expect(dx.connected).toBe(false));
    for (const t of [2, 3, 4]) {
      await expect(dx.publish(CONTRACT, reading('R105', t), { version: '1.0.0' })).resolves.toMatchObject({
        buffered: true,
      });
    }

    bus = await startTestNats({ port });
    await eventually(() => expect(dx.buffered).toBe(0), 30_000);
    const events = await stored(dx, 'R105');
    expect(events.map((e) => e.data.temperature)).toEqual([1, 2, 3, 4]);
    expect(events.map((e) => e.streamPosition)).toEqual([1, 2, 3, 4]);
  });
});

describe('subscribing through the gateway', () => {
  const label = (e: EventEnvelope) => `${e.key}#${e.streamPosition}:${String(e.data.temperature)}`;

  it('catches up from the store, then follows live events, with no gap and no duplicate', async () => {
    const dx = await client();
    for (const [key, t] of [
      ['R201', 1],
      ['R202', 1],
      ['R201', 2],
    ] as const)
      await dx.publish(CONTRACT, reading(key, t), { version: '1.0.0' });
    const seen: string[] = [];
    const subscription = await dx.subscribe(CONTRACT, { major: 1 }, (e) => {
      if (e.key === 'R201' || e.key === 'R202') seen.push(label(e));
    });
    open.push(subscription);
    await subscription.caughtUp;
    // Order is promised per key; across keys, a live event may overtake a page still being replayed.
    const ofKey = (key: string) => seen.filter((l) => l.startsWith(`${key}#`));
    expect(seen).toHaveLength(3);
    expect(ofKey('R201')).toEqual(['R201#1:1', 'R201#2:2']);
    expect(ofKey('R202')).toEqual(['R202#1:1']);
    await dx.publish(CONTRACT, [reading('R201', 3), reading('R202', 2)], { version: '1.0.0' });
    await eventually(() => expect(seen).toHaveLength(5));
    expect([...seen.slice(3)].sort()).toEqual(['R201#3:3', 'R202#2:2']);
  });

  it('delivers another major converted, as the gateway does live', async () => {
    const dx = await client();
    await dx.publish(CONTRACT, reading('R203', 1), { version: '1.0.0' });
    const seen: EventEnvelope[] = [];
    const subscription = await dx.subscribe(CONTRACT, { major: 2, key: 'R203' }, (e) => void seen.push(e));
    open.push(subscription);
    await dx.publish(CONTRACT, reading('R203', 2), { version: '1.0.0' });
    await eventually(() => expect(seen).toHaveLength(2));
    expect(seen.map((e) => e.version.split('.')[0])).toEqual(['2', '2']);
  });

  it('misses events while its connection is cut, and catches up with no gap and no duplicate', async () => {
    const proxy: TcpProxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(bus.url).port) });
    open.push({ close: () => proxy.stop().catch(() => undefined) });
    const consumer = await client(
      { producer: undefined, identity: 'simulation' },
      `nats://127.0.0.1:${proxy.port}`,
    );
    const producer = await client();
    const seen: string[] = [];
    const subscription = await consumer.subscribe(CONTRACT, { major: 1 }, (e) => {
      if (e.key === 'R301' || e.key === 'R302') seen.push(label(e));
    });
    open.push(subscription);
    await producer.publish(CONTRACT, reading('R301', 1), { version: '1.0.0' });
    await eventually(() => expect(seen).toEqual(['R301#1:1']));

    await proxy.stop();
    await eventually(() => expect(consumer.connected).toBe(false));
    await producer.publish(CONTRACT, reading('R301', 2), { version: '1.0.0' });
    await producer.publish(CONTRACT, reading('R302', 1), { version: '1.0.0' });
    await proxy.start();
    await eventually(() => expect(consumer.connected).toBe(true));
    await producer.publish(CONTRACT, reading('R301', 3), { version: '1.0.0' });

    await eventually(() => expect(seen).toHaveLength(4));
    expect(seen.filter((l) => l.startsWith('R301'))).toEqual(['R301#1:1', 'R301#2:2', 'R301#3:3']);
    expect(seen).toContain('R302#1:1');
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toHaveLength(4);
  });
});
