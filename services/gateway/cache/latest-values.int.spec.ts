/**
 * The latest-value cache against a real store, with the bus played by the test: announcements of other
 * gateways delivered (or lost) when the test says, and the line going down. What a reader would notice:
 * an old value kept after a commit the cache heard of, or one it never heard of.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NatsConnection, Status } from '@nats-io/transport-node';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { EventStore } from '../../common/event-store/event-store.js';
import type { Identity } from '../../common/identity/identity.types.js';
import type { ReadAccess } from '../access/read-access.js';
import { LatestValuesService } from './latest-values.service.js';

const CONTRACT = 'cache.test';
const reader: Identity = { id: 'architect', role: 'architect' };
const anyone = { check: async () => undefined } as unknown as ReadAccess;

let database: TestDatabase;
let store: EventStore;

beforeAll(async () => {
  database = await createTestDatabase();
  store = new EventStore(database.db);
});

afterAll(async () => {
  await store.drain();
  await database.drop();
});

/** The bus as the cache sees it: the test delivers other gateways' announcements and line changes. */
function fakeBus() {
  let announce: (body: unknown) => void = () => undefined;
  const statuses: ((status: IteratorResult<Status>) => void)[] = [];
  const nats = {
    info: { max_payload: 1024 * 1024 },
    subscribe: (_subject: string, options: { callback: (error: unknown, msg: unknown) => void }) => {
      announce = (body) => options.callback(null, { json: () => body });
      return { unsubscribe: () => undefined };
    },
    publish: () => undefined,
    status: () => ({
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<Status>>((resolve) => statuses.push(resolve)),
      }),
    }),
  } as unknown as NatsConnection;
  return {
    nats,
    announce: (key: string, streamPosition: number) =>
      announce({ instance: 'another-gateway', keys: [[CONTRACT, key, streamPosition]] }),
    lineDown: () => statuses.shift()?.({ value: { type: 'disconnect' } as Status, done: false }),
  };
}

function cache(revalidateMs: number) {
  const bus = fakeBus();
  const service = new LatestValuesService(database.db, bus.nats, anyone, revalidateMs);
  service.onApplicationBootstrap();
  return { service, bus };
}

let msg = 0;
const append = (key: string, value: number) =>
  store.append({
    contractId: CONTRACT,
    contractVersion: '1.0.0',
    key,
    producer: 'scada',
    msgId: `c-${++msg}`,
    payload: { value },
  });

const valueOf = async (service: LatestValuesService, key: string) =>
  (await service.get(reader, CONTRACT, key)).data.value;

async function eventually(assertion: () => Promise<void>, withinMs = 10_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe('the latest-value cache', () => {
  it('does not keep a value it read before another gateway’s commit that was announced meanwhile', async () => {
    await append('R101', 1);
    const { service, bus } = cache(60_000);
    // The read waits behind a lock until the announcement has arrived: the other gateway's commit
    // happened while it was under way.
    const lock = new pg.Client({ connectionString: database.url });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE dx.streams IN ACCESS EXCLUSIVE MODE');
    const reading = valueOf(service, 'R101');
    await eventually(async () => {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM pg_locks WHERE relation = 'dx.streams'::regclass AND NOT granted`.execute(
        database.db,
      );
      expect(rows[0]!.n).toBeGreaterThan(0);
    });
    bus.announce('R101', 2);
    await lock.query('COMMIT');
    await lock.end();
    expect(await reading).toBe(1);

    await append('R101', 2);
    expect(await valueOf(service, 'R101')).toBe(2);
  });

  it('checks a value older than its revalidation age against the store: a commit whose announcement was lost', async () => {
    await append('R201', 1);
    const { service } = cache(100);
    expect(await valueOf(service, 'R201')).toBe(1);
    await append('R201', 2); // another gateway's, announced to nobody
    await eventually(async () => expect(await valueOf(service, 'R201')).toBe(2));
  });

  it('forgets what it holds when its line to the bus goes down: announcements were lost meanwhile', async () => {
    await append('R301', 1);
    const { service, bus } = cache(60_000);
    expect(await valueOf(service, 'R301')).toBe(1);
    await append('R301', 2);
    expect(await valueOf(service, 'R301')).toBe(1);
    bus.lineDown();
    await eventually(async () => expect(await valueOf(service, 'R301')).toBe(2));
  });

  it('keeps its own newer value when an older position is announced late', async () => {
    const { service, bus } = cache(60_000);
    const first = await append('R401', 1);
    const second = await append('R401', 2);
    // Marked, so that a value read again from the store would show.
    const envelope = { contract: CONTRACT, key: 'R401', version: '1.0.0', producer: 'scada', msgId: 'own' };
    service.stored([{ ...envelope, ...second, data: { value: 'kept' } }]);
    bus.announce('R401', first.streamPosition);
    expect(await valueOf(service, 'R401')).toBe('kept');
    bus.announce('R401', second.streamPosition + 1);
    expect(await valueOf(service, 'R401')).toBe(2);
  });
});
