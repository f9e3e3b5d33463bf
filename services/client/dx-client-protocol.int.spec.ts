/**
 * The client's side of the wire protocol over a real nats-server, against the scripted responder of
 * test/support/scripted-hub.ts: the edge cases a real gateway produces only by accident (lost replies,
 * no gateway at all, lost live events, small replay pages). The same client against the real gateway:
 * dx-client-gateway.int.spec.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from '@nats-io/transport-node';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startScriptedHub, type PublishScript, type ScriptedHub } from '../../test/support/scripted-hub.js';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { startTestNats, type TestNats } from '../../test/support/test-nats.js';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import type { BufferedRefusal } from './buffer-flusher.js';
import { DxClient, type DxClientOptions } from './dx-client.js';
import type { Buffered, Published } from './publish-result.js';
import { HubRefusedError } from './hub-refused-error.js';
import { HubUnreachableError } from './hub-unreachable-error.js';
import { SubscriptionNotice } from './subscription-notice.js';

const CONTRACT = 'scada.reactor-telemetry';
const reading = (equipment: string, temperature: number | string) => ({ equipment, temperature });

let bus: TestNats;
let port: number;
let dir: string;
const open: { close(): Promise<unknown> }[] = [];

beforeAll(async () => {
  bus = await startTestNats();
  port = Number(new URL(bus.url).port);
});

afterAll(async () => {
  await bus.stop();
});

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function newBufferDir(): string {
  dir = mkdtempSync(path.join(tmpdir(), 'dx-client-'));
  return dir;
}

async function client(options: Partial<DxClientOptions> = {}, url = bus.url): Promise<DxClient> {
  const dx = await DxClient.connect({
    nats: url,
    producer: 'scada',
    requestTimeoutMs: 300,
    reconnectWaitMs: 50,
    retry: { attempts: 3, initialDelayMs: 20, maxDelayMs: 200 },
    ...options,
  });
  open.push(dx);
  return dx;
}

async function hub(script: { onPublish?: PublishScript } = {}): Promise<ScriptedHub> {
  const started = await startScriptedHub(bus.url, script);
  open.push({ close: () => started.stop() });
  return started;
}

/** Retries an assertion until it holds (the client flushes and reconnects on its own schedule). */
async function eventually(assertion: () => void, withinMs = 10_000): Promise<void> {
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

const temperatures = (h: ScriptedHub) => h.events.map((e) => e.data.temperature);
const bufferLines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('connecting', () => {
  it('throws refused credentials at once, where waiting would not help', async () => {
    const guarded = await startTestNats({
      config: 'authorization { users = [ { user: scada, password: right } ] }',
    });
    open.push({ close: () => guarded.stop() });
    const url = new URL(guarded.url);
    url.username = 'scada';
    url.password = 'wrong';
    await expect(DxClient.connect({ nats: url.toString(), producer: 'scada' })).rejects.toThrow(
      'Authorization Violation',
    );
    url.password = 'right';
    const dx = await client({}, url.toString());
    await eventually(() => expect(dx.connected).toBe(true));
  });
});

describe('publishing', () => {
  it('sends the protocol headers and resolves with the stored positions', async () => {
    const h = await hub();
    const dx = await client();
    const result = await dx.publish(CONTRACT, reading('R101', 250), { version: '1.0.0', key: 'R101' });
    expect(result).toEqual({
      msgId: expect.any(String),
      buffered: false,
      viaBuffer: false,
      position: 1,
      streamPosition: 1,
      duplicate: false,
    });
    expect(h.publishes[0]).toEqual({
      contract: CONTRACT,
      headers: { 'dx-producer': 'scada', 'dx-version': '1.0.0', 'dx-msg-id': result.msgId, 'dx-key': 'R101' },
      body: reading('R101', 250),
    });
  });

  it('throws a refusal as a HubRefusedError with its code, message and details, and does not retry it', async () => {
    const h = await hub();
    const refusal = {
      code: 'PAYLOAD_INVALID',
      message: 'the payload does not match scada.reactor-telemetry 1.0.0: temperature must be number',
      details: { issues: [{ pointer: '/temperature', rule: 'type', expected: 'number' }] },
    };
    h.onPublish = () => refusal;
    const dx = await client({ bufferDir: newBufferDir() });
    const thrown = await dx
      .publish(CONTRACT, reading('R101', 'hot'), { version: '1.0.0' })
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(HubRefusedError);
    expect(thrown).toMatchObject(refusal);
    expect(h.publishes).toHaveLength(1);
    expect(dx.buffered).toBe(0);
  });

  it('retries a request whose answer was lost with the same message id, so the hub stores it once', async () => {
    const h = await hub();
    h.onPublish = () => (h.publishes.length === 1 ? 'store-silently' : 'answer');
    const dx = await client();
    const result = await dx.publish(CONTRACT, reading('R101', 250), { version: '1.0.0' });
    expect(result).toMatchObject({ position: 1, streamPosition: 1, duplicate: true });
    expect(h.publishes).toHaveLength(2);
    expect(new Set(h.publishes.map((p) => p.headers['dx-msg-id']))).toEqual(new Set([result.msgId]));
    expect(h.events).toHaveLength(1);
  });

  it('uses the message id the caller gives, and item i of a batch is stored as <id>:<i>', async () => {
    const h = await hub();
    const dx = await client();
    const result = await dx.publish(CONTRACT, [reading('R101', 1), reading('R201', 2)], {
      version: '1.0.0',
      msgId: 'scada-000123',
    });
    expect(result).toMatchObject({ msgId: 'scada-000123', results: [{ ok: true }, { ok: true }] });
    expect(h.events.map((e) => e.msgId)).toEqual(['scada-000123:0', 'scada-000123:1']);
  });

  it('retries while no gateway answers, and is stored once one does', async () => {
    const dx = await client({ retry: { attempts: 20, initialDelayMs: 20, maxDelayMs: 100 } });
    const publishing = dx.publish(CONTRACT, reading('R101', 250), { version: '1.0.0' });
    await new Promise((r) => setTimeout(r, 150));
    const h = await hub();
    await expect(publishing).resolves.toMatchObject({ buffered: false, position: 1 });
    expect(h.events).toHaveLength(1);
  });

  it('without a buffer, gives up after its retries with a HubUnreachableError saying no gateway answers', async () => {
    const dx = await client();
    const thrown = await dx
      .publish(CONTRACT, reading('R101', 250), { version: '1.0.0' })
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(HubUnreachableError);
    expect(thrown).toMatchObject({ reason: 'no-responders' });
  });
});

describe('the store-and-forward buffer', () => {
  it('keeps publishes in its file while no gateway answers, and flushes them in order once one does', async () => {
    const dx = await client({ bufferDir: newBufferDir() });
    const results: (Published | Buffered)[] = [];
    for (const t of [1, 2, 3])
      results.push(await dx.publish(CONTRACT, reading('R101', t), { version: '1.0.0' }));
    expect(results.map((r) => r.buffered)).toEqual([true, true, true]);
    const file = path.join(dir, 'scada.buffer.jsonl');
    expect(bufferLines(file)).toEqual(
      [1, 2, 3].map((t, i) => ({
        id: results[i]!.msgId,
        contract: CONTRACT,
        headers: { 'dx-producer': 'scada', 'dx-version': '1.0.0', 'dx-msg-id': results[i]!.msgId },
        body: reading('R101', t),
      })),
    );

    const h = await hub();
    // Published while the buffer still holds messages: it queues behind them.
    await dx.publish(CONTRACT, reading('R101', 4), { version: '1.0.0' });
    await eventually(() => expect(temperatures(h)).toEqual([1, 2, 3, 4]));
    await eventually(() => expect(dx.buffered).toBe(0));
    expect(h.events.map((e) => e.msgId)).toEqual([...results.map((r) => r.msgId), expect.any(String)]);
    // The acks are written first, then the file is compacted to what is still pending: nothing.
    await eventually(() => expect(readFileSync(file, 'utf8')).toBe(''));
  });

  it('keeps a message the hub answers APPEND_FAILED during a database restart, and sends it again until stored', async () => {
    const errors: unknown[] = [];
    const dx = await client({ bufferDir: newBufferDir(), onError: (e) => errors.push(e) });
    const h = await hub();
    let failures = 2;
    h.onPublish = () =>
      failures-- > 0
        ? {
            code: 'APPEND_FAILED',
            message: 'terminating connection due to administrator command',
            details: { cause: '57P01' },
          }
        : 'answer';
    const published = await dx.publish(CONTRACT, reading('R101', 7), {
      version: '1.0.0',
      awaitDelivery: true,
    });
    expect(published).toMatchObject({ buffered: false, position: 1 });
    expect(h.publishes.map((p) => p.headers['dx-msg-id'])).toEqual([
      published.msgId,
      published.msgId,
      published.msgId,
    ]);
    expect(temperatures(h)).toEqual([7]);
    expect(dx.buffered).toBe(0);
  });

  it('drops a buffered message the bus can never carry with a logged refusal, and flushes the rest', async () => {
    const refusals: BufferedRefusal[] = [];
    const dx = await client({ bufferDir: newBufferDir(), onBufferedRefusal: (r) => refusals.push(r) });
    await dx.publish(CONTRACT, reading('R101', 1), { version: '1.0.0' });
    const huge = await dx.publish(
      CONTRACT,
      { equipment: 'R101', filler: 'x'.repeat(2 * 1024 * 1024) },
      { version: '1.0.0' },
    );
    await dx.publish(CONTRACT, reading('R101', 3), { version: '1.0.0' });
    expect(dx.buffered).toBe(3);
    const h = await hub();
    await eventually(() => expect(temperatures(h)).toEqual([1, 3]));
    await eventually(() => expect(dx.buffered).toBe(0));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.message.id).toBe(huge.msgId);
    expect(refusals[0]!.errors[0]!.error.toJSON()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { rule: 'maxPayload' },
    });
  });

  it('loses nothing to a network cut: NATS stopped, publishes buffered at once, flushed in order when it is back', async () => {
    const h = await hub();
    // Retries that would take seconds: the buffer must not wait for them while NATS is known down.
    const retry = { attempts: 5, initialDelayMs: 1000, maxDelayMs: 1000 };
    const dx = await client({ bufferDir: newBufferDir(), retry });
    await dx.publish(CONTRACT, reading('R101', 1), { version: '1.0.0' });

    await bus.stop();
    await eventually(() => expect(dx.connected).toBe(false));
    const started = Date.now();
    for (const t of [2, 3, 4]) {
      await expect(dx.publish(CONTRACT, reading('R101', t), { version: '1.0.0' })).resolves.toMatchObject({
        buffered: true,
      });
    }
    expect(Date.now() - started).toBeLessThan(1000);

    bus = await startTestNats({ port });
    await eventually(() => expect(temperatures(h)).toEqual([1, 2, 3, 4]));
    expect(new Set(h.events.map((e) => e.msgId)).size).toBe(4);
    await eventually(() => expect(dx.buffered).toBe(0));
  });

  it('starts while NATS is down, buffers, and connects and flushes once NATS is up', async () => {
    await bus.stop();
    const started = Date.now();
    const dx = await client({ bufferDir: newBufferDir() });
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(dx.publish(CONTRACT, reading('R101', 1), { version: '1.0.0' })).resolves.toMatchObject({
      buffered: true,
    });
    const seen: number[] = [];
    const subscribing = dx.subscribe(
      CONTRACT,
      { major: 1 },
      (e) => void seen.push(e.data.temperature as number),
    );

    bus = await startTestNats({ port });
    const h = await hub();
    open.push(await subscribing);
    await eventually(() => expect(temperatures(h)).toEqual([1]));
    await eventually(() => expect(seen).toEqual([1]));
  });

  it('is flushed by the next client when a client closed with messages in it', async () => {
    const bufferDir = newBufferDir();
    const first = await client({ bufferDir });
    for (const t of [1, 2, 3]) await first.publish(CONTRACT, reading('R101', t), { version: '1.0.0' });
    await first.close();

    const h = await hub();
    const second = await client({ bufferDir });
    const last = await second.publish(CONTRACT, reading('R101', 4), {
      version: '1.0.0',
      awaitDelivery: true,
    });
    expect(last).toMatchObject({ buffered: false, viaBuffer: true, position: 4, streamPosition: 4 });
    expect(temperatures(h)).toEqual([1, 2, 3, 4]);
  });

  it('can make the caller wait until a buffered message has reached the hub', async () => {
    const dx = await client({ bufferDir: newBufferDir() });
    const publishing = dx.publish(CONTRACT, reading('R101', 1), { version: '1.0.0', awaitDelivery: true });
    await eventually(() => expect(dx.buffered).toBe(1));
    await hub();
    await expect(publishing).resolves.toMatchObject({ buffered: false, viaBuffer: true, position: 1 });
  });

  it('reports a buffered message the hub refuses once it gets it, drops it, and flushes the rest', async () => {
    const refusals: BufferedRefusal[] = [];
    const dx = await client({ bufferDir: newBufferDir(), onBufferedRefusal: (r) => refusals.push(r) });
    const hot = await dx.publish(CONTRACT, reading('R101', 'hot'), { version: '1.0.0' });
    await dx.publish(CONTRACT, reading('R101', 2), { version: '1.0.0' });
    // The script is in place before the hub answers: the buffer flushes as soon as it does.
    const h = await hub({
      onPublish: (request) =>
        (request.body as { temperature: unknown }).temperature === 'hot'
          ? { code: 'PAYLOAD_INVALID', message: 'temperature must be number', details: { issues: [] } }
          : 'answer',
    });
    await eventually(() => expect(temperatures(h)).toEqual([2]));
    expect(refusals).toEqual([
      {
        message: expect.objectContaining({ id: hot.msgId }),
        errors: [{ error: expect.any(HubRefusedError) }],
      },
    ]);
    expect(refusals[0]!.errors[0]!.error.code).toBe('PAYLOAD_INVALID');
    await eventually(() => expect(dx.buffered).toBe(0));
  });
});

describe('subscribing', () => {
  const label = (e: EventEnvelope) => `${e.key}#${e.streamPosition}`;

  it('catches up over replay pages, then follows the live feed, with no duplicate', async () => {
    const h = await hub();
    h.maxPage = 2;
    for (const key of ['R101', 'R201', 'R101', 'R101', 'R201']) h.store(CONTRACT, key, { temperature: 1 });
    const dx = await client({ replayPageSize: 2 });
    const seen: EventEnvelope[] = [];
    const subscription = await dx.subscribe(CONTRACT, { major: 1 }, (e) => void seen.push(e));
    open.push(subscription);
    await subscription.caughtUp;
    h.store(CONTRACT, 'R101', { temperature: 2 });
    h.store(CONTRACT, 'R301', { temperature: 3 });
    await eventually(() => expect(seen).toHaveLength(7));
    expect(seen.map((e) => e.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(h.replays.length).toBeGreaterThanOrEqual(3);
    expect(subscription.position).toBe(7);
  });

  it('fills a jump in stream positions on the live feed from the store before going on', async () => {
    const h = await hub();
    const dx = await client();
    const seen: string[] = [];
    const subscription = await dx.subscribe(CONTRACT, { major: 1 }, (e) => void seen.push(label(e)));
    open.push(subscription);
    await subscription.caughtUp;
    h.deliver = (e) => !(e.key === 'R101' && e.streamPosition === 2);
    for (const key of ['R101', 'R101', 'R201', 'R101']) h.store(CONTRACT, key, { temperature: 1 });
    // R201 arrives while R101#2 is missing; R101#3 waits for the fill, never R201.
    await eventually(() => expect(seen).toEqual(['R101#1', 'R201#1', 'R101#2', 'R101#3']));
    expect(h.replays.at(-1)).toMatchObject({ contract: CONTRACT, key: 'R101', after: 1, major: 1 });
  });

  it('follows one key only when asked to', async () => {
    const h = await hub();
    h.store(CONTRACT, 'R101', { temperature: 1 });
    h.store(CONTRACT, 'R201', { temperature: 1 });
    const dx = await client();
    const seen: string[] = [];
    const subscription = await dx.subscribe(
      CONTRACT,
      { major: 1, key: 'R201' },
      (e) => void seen.push(label(e)),
    );
    open.push(subscription);
    await subscription.caughtUp;
    h.store(CONTRACT, 'R101', { temperature: 2 });
    h.store(CONTRACT, 'R201', { temperature: 2 });
    await eventually(() => expect(seen).toEqual(['R201#1', 'R201#2']));
  });

  it('misses events while its connection is cut, and catches up with no gap and no duplicate', async () => {
    const h = await hub();
    const proxy: TcpProxy = await startTcpProxy({ host: '127.0.0.1', port });
    open.push({ close: () => proxy.stop().catch(() => undefined) });
    const dx = await client({}, `nats://127.0.0.1:${proxy.port}`);
    const seen: string[] = [];
    const subscription = await dx.subscribe(CONTRACT, { major: 1 }, (e) => void seen.push(label(e)));
    open.push(subscription);
    h.store(CONTRACT, 'R101', { temperature: 1 });
    await eventually(() => expect(seen).toEqual(['R101#1']));

    await proxy.stop();
    await eventually(() => expect(dx.connected).toBe(false));
    // Published while the subscriber is away: one key that goes on afterwards, one that never does.
    h.store(CONTRACT, 'R101', { temperature: 2 });
    h.store(CONTRACT, 'R201', { temperature: 1 });
    await proxy.start();
    await eventually(() => expect(dx.connected).toBe(true));
    h.store(CONTRACT, 'R101', { temperature: 3 });

    await eventually(() => expect(seen).toHaveLength(4));
    expect(seen.filter((l) => l.startsWith('R101'))).toEqual(['R101#1', 'R101#2', 'R101#3']);
    expect(seen).toContain('R201#1');
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toHaveLength(4);
  });

  it('drops a live message that cannot be an event with its reason, and tells a flood of them once', async () => {
    const h = await hub();
    const notices: SubscriptionNotice[] = [];
    const dx = await client({ onError: (e) => void (e instanceof SubscriptionNotice && notices.push(e)) });
    const seen: string[] = [];
    const subscription = await dx.subscribe(CONTRACT, { major: 1 }, (e) => void seen.push(label(e)));
    open.push(subscription);
    await subscription.caughtUp;
    const forger = await connect({ servers: bus.url });
    open.push({ close: () => forger.close() });
    for (let i = 0; i < 10; i++) forger.publish(`dx.data.${CONTRACT}.v1.R101`, '{"position": -1}');
    await forger.flush();
    h.store(CONTRACT, 'R101', { temperature: 1 });
    await eventually(() => expect(seen).toEqual(['R101#1']));
    expect(notices.map((n) => n.reason)).toEqual(['LIVE_MESSAGE_IMPOSSIBLE']);
    expect(notices[0]!.message).toContain('its position is -1');
  });

  it('ends with the error of a handler that throws', async () => {
    const h = await hub();
    h.store(CONTRACT, 'R101', { temperature: 1 });
    const dx = await client();
    const subscription = await dx.subscribe(CONTRACT, { major: 1 }, () => {
      throw new Error('cannot handle this');
    });
    await expect(subscription.closed).rejects.toThrow('cannot handle this');
  });
});

describe('reading the latest value', () => {
  it('answers the latest event of a key, and undefined for a key with none', async () => {
    const h = await hub();
    h.store(CONTRACT, 'R101', { temperature: 1 });
    h.store(CONTRACT, 'R101', { temperature: 2 });
    const dx = await client();
    expect(await dx.get(CONTRACT, 'R101')).toMatchObject({ streamPosition: 2, data: { temperature: 2 } });
    expect(await dx.get(CONTRACT, 'R999')).toBeUndefined();
  });
});

describe('reading as an identity', () => {
  it('asks replay and latest values under its identity: the one given, else the producer, else the URL user', async () => {
    const h = await hub();
    h.store(CONTRACT, 'R101', { temperature: 1 });
    const read = async (dx: DxClient) => {
      await dx.get(CONTRACT, 'R101');
      const subscription = await dx.subscribe(CONTRACT, { major: 1 }, () => undefined);
      await subscription.caughtUp;
      await subscription.close();
    };
    await read(await client({ identity: 'twin' }));
    await read(await client());
    const url = new URL(bus.url);
    url.username = 'analytics';
    url.password = 'unchecked-here';
    await read(await client({ producer: undefined }, url.toString()));
    expect(h.readers).toEqual(['twin', 'twin', 'scada', 'scada', 'analytics', 'analytics']);
  });

  it('refuses to read without an identity, and an identity that is not a subject token', async () => {
    const dx = await client({ producer: undefined });
    await expect(dx.get(CONTRACT, 'R101')).rejects.toThrow('give `identity`');
    await expect(dx.subscribe(CONTRACT, { major: 1 }, () => undefined)).rejects.toThrow('give `identity`');
    await expect(client({ identity: 'scada.>' })).rejects.toThrow('cannot be an identity');
  });
});
