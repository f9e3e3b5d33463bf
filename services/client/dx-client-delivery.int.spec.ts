/**
 * Every stored event reaches every subscriber, once, in order per stream, through what a real hub goes
 * through: an append whose transaction stays open, an idle transaction in the hub's database, a line cut
 * while the store's fence is held, a consumer nats-server cuts off as too slow, two gateways committing
 * out of order. Real gateways, PostgreSQL and nats-server; each test ends by comparing what its
 * subscribers got with what the store holds. (A gateway killed between its commit and its publish:
 * test/e2e/gateway-killed-before-publish.spec.ts.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { freePort } from '../../test/support/free-port.js';
import { reactorReading } from '../../test/support/reactor-reading.js';
import { seedRegistry } from '../../test/support/seed-registry.js';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { headAnnouncements, startTestGateway } from '../../test/support/test-gateway.js';
import { stalledAppend as openStalledAppend, type StalledAppend } from '../../test/support/stalled-append.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { startTestNats, type TestNats } from '../../test/support/test-nats.js';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import { DxClient, type DxClientOptions } from './dx-client.js';
import type { DxSubscription } from './dx-subscription.js';

const CONTRACT = 'scada.reactor-telemetry';
const HEAD_INTERVAL_MS = 100;

let database: TestDatabase;
let bus: TestNats;
let monitorPort: number;
let gateway: INestApplication;
const open: { close(): Promise<unknown> }[] = [];

const startGateway = (): Promise<INestApplication> =>
  startTestGateway({ databaseUrl: database.url, natsUrl: bus.url, headIntervalMs: HEAD_INTERVAL_MS });

beforeAll(async () => {
  database = await createTestDatabase();
  monitorPort = await freePort();
  // A consumer that does not read for half a second is cut off as a slow consumer, as in production
  // (nats-server's default write deadline is longer, not different in kind).
  bus = await startTestNats({ config: `write_deadline: "500ms"\nhttp: "127.0.0.1:${monitorPort}"` });
  await seedRegistry(database.db);
  gateway = await startGateway();
});

afterAll(async () => {
  await gateway.close();
  await bus.stop();
  await database.drop();
});

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function client(options: Partial<DxClientOptions> = {}, url = bus.url): Promise<DxClient> {
  const dx = await DxClient.connect({
    nats: url,
    requestTimeoutMs: 2000,
    reconnectWaitMs: 50,
    retry: { attempts: 3, initialDelayMs: 20, maxDelayMs: 200 },
    pollMs: HEAD_INTERVAL_MS,
    fillWaitMs: 300,
    ...options,
  });
  open.push(dx);
  return dx;
}

const producer = () => client({ producer: 'scada' });
const consumer = (url?: string) => client({ identity: 'simulation' }, url);

/** Publishes through NATS (any gateway) and resolves with the stored global position. */
async function publish(dx: DxClient, key: string, temperature: number): Promise<number> {
  const result = await dx.publish(CONTRACT, reactorReading(key, temperature), { version: '1.0.0' });
  if (!('position' in result)) throw new Error('not stored');
  return result.position;
}

/** A subscription from `from`, with everything it delivered. */
async function follow(
  dx: DxClient,
  from = 0,
): Promise<{ subscription: DxSubscription; seen: EventEnvelope[] }> {
  const seen: EventEnvelope[] = [];
  const subscription = await dx.subscribe(CONTRACT, { major: 1, from }, (e) => void seen.push(e));
  open.push(subscription);
  return { subscription, seen };
}

/** Stream positions delivered per key, in the order delivered. */
function byKey(seen: EventEnvelope[], keys: string[]): Record<string, number[]> {
  return Object.fromEntries(
    keys.map((k) => [k, seen.filter((e) => e.key === k).map((e) => e.streamPosition)]),
  );
}

/** What the store holds of these keys: stream positions per key, and their global positions. */
async function stored(keys: string[], after = 0): Promise<Record<string, number[]>> {
  const rows = await database.db
    .selectFrom('dx.events')
    .select(['key', 'stream_position', 'global_position'])
    .where('contract_id', '=', CONTRACT)
    .where('key', 'in', keys)
    .where('global_position', '>', after)
    .orderBy('global_position')
    .execute();
  return Object.fromEntries(
    keys.map((k) => [k, rows.filter((r) => r.key === k).map((r) => r.stream_position)]),
  );
}

/** Waits until the subscriber has every stored event of these keys: then checks once, in order, no more. */
async function expectEveryStoredEventOnce(seen: EventEnvelope[], keys: string[], after = 0): Promise<void> {
  const expected = await stored(keys, after);
  await eventually(() => expect(byKey(seen, keys)).toEqual(expected));
  // Nothing is delivered twice, nor after the fact: the gateways have announced the head a few times more.
  await headAnnounced(3);
  expect(byKey(seen, keys)).toEqual(expected);
  const positions = seen.filter((e) => keys.includes(e.key)).map((e) => e.position);
  expect(new Set(positions).size).toBe(positions.length);
}

/** Waits until the gateway has announced the store's head `times` more times. */
async function headAnnounced(times: number, app = gateway): Promise<void> {
  const until = headAnnouncements(app) + times;
  await eventually(() => expect(headAnnouncements(app)).toBeGreaterThanOrEqual(until));
}

async function eventually(assertion: () => void | Promise<void>, withinMs = 15_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** A session of the hub's database, outside the gateway. */
async function session(): Promise<pg.Client> {
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  open.push({ close: () => db.end().catch(() => undefined) });
  return db;
}

/** An append left open in the hub's database (test/support/stalled-append.ts), closed after the test. */
async function stalledAppend(key: string, temperature: number): Promise<StalledAppend> {
  const stalled = await openStalledAppend(database.url, CONTRACT, key, temperature);
  open.push(stalled);
  return stalled;
}

describe('a stalled append', () => {
  it('holds back a new subscriber’s catch-up, which still gets the event committed above it, and the stalled one once it commits', async () => {
    const dx = await producer();
    const stalled = await stalledAppend('R511', 1);
    const above = await publish(dx, 'R512', 1);
    expect(above).toBeGreaterThan(stalled.position);

    const { subscription, seen } = await follow(await consumer());
    let caughtUp = false;
    void subscription.caughtUp.then(() => (caughtUp = true));
    await headAnnounced(3);
    expect(caughtUp).toBe(false);
    expect(subscription.checkpoint).toBeLessThan(stalled.position);

    await stalled.commit();
    await expectEveryStoredEventOnce(seen, ['R511', 'R512']);
    expect(byKey(seen, ['R511', 'R512'])).toEqual({ R511: [1], R512: [1] });
    await eventually(() => expect(caughtUp).toBe(true));
    expect(subscription.checkpoint).toBeGreaterThanOrEqual(above);
  });

  it('keeps the checkpoint below it however long it stalls, so a subscriber resumed from the checkpoint gets it', async () => {
    const dx = await producer();
    const first = await follow(await consumer());
    await first.subscription.caughtUp;
    await publish(dx, 'R521', 1);
    const stalled = await stalledAppend('R521', 2);
    await publish(dx, 'R522', 1);
    await eventually(() => expect(byKey(first.seen, ['R521', 'R522'])).toEqual({ R521: [1], R522: [1] }));
    // Longer than any straggler allowance the checkpoint might have moved by.
    await headAnnounced(25);
    const checkpoint = first.subscription.checkpoint;
    expect(checkpoint).toBeLessThan(stalled.position);
    await first.subscription.close();

    await stalled.commit();
    await publish(dx, 'R521', 3);
    const second = await follow(await consumer(), checkpoint);
    await expectEveryStoredEventOnce(second.seen, ['R521', 'R522'], checkpoint);
    expect(byKey(second.seen, ['R521'])).toEqual({ R521: [2, 3] });
    expect(second.seen.every((e) => e.position > checkpoint)).toBe(true);
  });

  it('that rolls back leaves a hole in the global positions, which the subscriber passes', async () => {
    const dx = await producer();
    const stalled = await stalledAppend('R531', 1);
    await publish(dx, 'R532', 1);
    const { subscription, seen } = await follow(await consumer());
    await stalled.rollback();
    await subscription.caughtUp;
    await expectEveryStoredEventOnce(seen, ['R531', 'R532']);
    expect(byKey(seen, ['R531', 'R532'])).toEqual({ R531: [], R532: [1] });
  });
});

describe('an idle open transaction in the hub’s database', () => {
  it('holds back what needs the store, but not live events of known keys, and loses nothing', async () => {
    const dx = await producer();
    const before = await follow(await consumer());
    await before.subscription.caughtUp;
    const idle = await session();
    await idle.query('BEGIN');
    await idle.query('SELECT pg_current_xact_id()');

    await publish(dx, 'R541', 1);
    await publish(dx, 'R543', 1); // R543 gets no later event
    // A subscriber that was there before follows live events at once: the next of each key needs no store.
    await eventually(() => expect(byKey(before.seen, ['R541', 'R543'])).toEqual({ R541: [1], R543: [1] }));

    const after = await follow(await consumer());
    await publish(dx, 'R541', 2);
    await publish(dx, 'R542', 1);
    await eventually(() => expect(byKey(before.seen, ['R541', 'R542'])).toEqual({ R541: [1, 2], R542: [1] }));

    await idle.query('COMMIT');
    const keys = ['R541', 'R542', 'R543'];
    await expectEveryStoredEventOnce(after.seen, keys);
    await expectEveryStoredEventOnce(before.seen, keys);
    await after.subscription.caughtUp;
  });
});

describe('a line cut while the store’s fence is held', () => {
  it('catches up after the reconnect until the fence has passed what it missed, not only to where the fence stood', async () => {
    const proxy: TcpProxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(bus.url).port) });
    open.push({ close: () => proxy.stop().catch(() => undefined) });
    const dx = await producer();
    const remote = await consumer(`nats://127.0.0.1:${proxy.port}`);
    const { subscription, seen } = await follow(remote);
    await subscription.caughtUp;
    await publish(dx, 'R551', 1);
    await eventually(() => expect(byKey(seen, ['R551'])).toEqual({ R551: [1] }));

    const stalled = await stalledAppend('R550', 1);
    await proxy.stop();
    await eventually(() => expect(remote.connected).toBe(false));
    await publish(dx, 'R551', 2); // R551 gets no later event
    await proxy.start();
    await eventually(() => expect(remote.connected).toBe(true));
    // The catch-up of the reconnect has run against the held fence by now.
    await headAnnounced(5);

    await stalled.commit();
    await expectEveryStoredEventOnce(seen, ['R550', 'R551']);
    expect(byKey(seen, ['R550', 'R551'])).toEqual({ R550: [1], R551: [1, 2] });
  });
});

describe('a slow consumer cut off by nats-server', () => {
  it('gets what was lost on the way from the store after its reconnect, an append in progress meanwhile', async () => {
    const proxy: TcpProxy = await startTcpProxy({ host: '127.0.0.1', port: Number(new URL(bus.url).port) });
    open.push({ close: () => proxy.stop().catch(() => undefined) });
    const dx = await producer();
    const remote = await consumer(`nats://127.0.0.1:${proxy.port}`);
    const { subscription, seen } = await follow(remote);
    await subscription.caughtUp;
    await publish(dx, 'R561', 1);
    await eventually(() => expect(byKey(seen, ['R561'])).toEqual({ R561: [1] }));

    // The consumer stops reading; the server's buffers for it fill with whatever else its subject
    // carries. Events published once the server holds bytes for it are in no socket: the cut drops them.
    const stalled = await stalledAppend('R560', 1);
    const cut = await consumerConnection();
    proxy.pauseReading();
    const flood = await connect({ servers: bus.url });
    const junk = 'x'.repeat(512 * 1024);
    let published = false;
    for (let i = 0; i < 200 && !(await slowConsumerCut()); i++) {
      flood.publish(`dx.data.${CONTRACT}.v1.FLOOD`, junk);
      await flood.flush();
      if (!published && ((await consumerConnection())?.pending_bytes ?? 0) > 1024 * 1024) {
        await publish(dx, 'R561', 2);
        await publish(dx, 'R562', 1);
        published = true;
      }
    }
    await eventually(async () => expect(await slowConsumerCut()).toBe(true));
    // Cut before the server held a megabyte for it: what is published now is lost to it all the same.
    if (!published) {
      await publish(dx, 'R561', 2);
      await publish(dx, 'R562', 1);
    }
    await flood.close();
    proxy.resumeReading();

    // Connected again, on a new connection; its catch-up has run against the held fence by now.
    await eventually(async () => expect((await consumerConnection())?.cid).not.toEqual(cut?.cid));
    await eventually(() => expect(remote.connected).toBe(true));
    await headAnnounced(5);
    await stalled.commit();
    await expectEveryStoredEventOnce(seen, ['R560', 'R561', 'R562']);
    expect(byKey(seen, ['R560', 'R561', 'R562'])).toEqual({ R560: [1], R561: [1, 2], R562: [1] });
  });
});

/** The consumer's open connection (named after its identity) as nats-server's monitoring shows it. */
async function consumerConnection(): Promise<{ cid: number; pending_bytes: number } | undefined> {
  const response = await fetch(`http://127.0.0.1:${monitorPort}/connz`);
  const { connections } = (await response.json()) as {
    connections: { cid: number; name?: string; pending_bytes: number }[] | null;
  };
  return (connections ?? []).find((c) => c.name === 'simulation');
}

/** Whether nats-server has closed a connection as a slow consumer (its monitoring endpoint says why). */
async function slowConsumerCut(): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${monitorPort}/connz?state=closed`);
  const { connections } = (await response.json()) as { connections: { reason?: string }[] | null };
  return (connections ?? []).some((c) => c.reason?.includes('Slow Consumer'));
}

describe('two gateways committing out of order', () => {
  it('delivers both live, and keeps the checkpoint below the late commit until it is in', async () => {
    const other = await startGateway();
    open.push({ close: () => other.close() });
    // The late commit: an append through this gateway whose transaction waits, after taking its
    // position, on a lock the test holds (a trigger of this test's database only).
    await sql`
      CREATE FUNCTION public.hold_marked() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.payload->>'tag' = 'HOLD-999' THEN PERFORM pg_advisory_xact_lock_shared(4242); END IF;
        RETURN NEW;
      END $$`.execute(database.db);
    await sql`CREATE TRIGGER hold_marked AFTER INSERT ON dx.events FOR EACH ROW EXECUTE FUNCTION public.hold_marked()`.execute(
      database.db,
    );
    const lock = await session();
    await lock.query('SELECT pg_advisory_lock(4242)');

    const { subscription, seen } = await follow(await consumer());
    await subscription.caughtUp;
    const late = httpPublish(gateway, { ...reactorReading('R571', 1), tag: 'HOLD-999' });
    await eventually(async () => expect(await waitingOnTheLock()).toBe(true));
    const early = await httpPublish(other, reactorReading('R572', 1));
    await eventually(() => expect(byKey(seen, ['R572'])).toEqual({ R572: [1] }));
    await headAnnounced(25, other);
    expect(subscription.checkpoint).toBeLessThan(early.position);

    await lock.query('SELECT pg_advisory_unlock(4242)');
    const committed = await late;
    expect(committed.position).toBeLessThan(early.position);
    await expectEveryStoredEventOnce(seen, ['R571', 'R572']);
    await eventually(() => expect(subscription.checkpoint).toBeGreaterThanOrEqual(early.position));
    await sql`DROP TRIGGER hold_marked ON dx.events`.execute(database.db);
  });
});

/** Publishes over one gateway's HTTP API, as scada. */
async function httpPublish(app: INestApplication, payload: object): Promise<{ position: number }> {
  const response = await fetch(`${await app.getUrl()}/api/v1/data/${CONTRACT}`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer dev-scada-token',
      'content-type': 'application/json',
      'dx-version': '1.0.0',
      'dx-msg-id': randomUUID(),
    },
    body: JSON.stringify(payload),
  });
  const reply = (await response.json()) as { ok: boolean; position: number };
  if (!reply.ok) throw new Error(`refused: ${JSON.stringify(reply)}`);
  return reply;
}

/** Whether an append of this database is waiting on the test's advisory lock. */
async function waitingOnTheLock(): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_locks
    WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
  `.execute(database.db);
  return rows[0]!.n > 0;
}
