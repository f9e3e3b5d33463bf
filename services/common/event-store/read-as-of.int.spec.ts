import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { EventStore } from './event-store.js';
import type { AppendRequest } from './event-store.types.js';

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

let nextMsg = 0;
function event(key: string, value: number): AppendRequest {
  return {
    contractId: 'asof.test',
    contractVersion: '1.0.0',
    key,
    producer: 'scada',
    msgId: `a-${++nextMsg}`,
    payload: { value },
  };
}

/** An append of `key` whose transaction stays open after taking its position and recorded time. */
async function openAppend(key: string, value: number) {
  const session = new pg.Client({ connectionString: database.url });
  await session.connect();
  await session.query('BEGIN');
  const { contractId, producer, msgId } = event(key, value);
  const batch = [{ j: 1, c: contractId, v: '1.0.0', k: key, p: producer, m: msgId, e: null, d: { value } }];
  const { rows } = await session.query<{ pid: number; out_recorded: Date }>(
    'SELECT pg_backend_pid() AS pid, out_recorded FROM dx.append_batch($1::jsonb, false)',
    [JSON.stringify(batch)],
  );
  return {
    pid: rows[0]!.pid,
    recordedAt: rows[0]!.out_recorded,
    async end() {
      await session.query('COMMIT');
      await session.end();
    },
  };
}

const values = (events: { key: string; data: Record<string, unknown> }[]) =>
  events.map((e) => [e.key, e.data.value]);

describe('reading as of a time', () => {
  it('gives the same answer however soon it is asked: it waits for an append recorded before that time to commit', async () => {
    await store.append(event('R101', 1));
    const open = await openAppend('R101', 2);
    const at = new Date(open.recordedAt.getTime() + 1);
    const asked = store.readAsOf('asof.test', at, undefined, { waitMs: 10_000 });
    setTimeout(() => void open.end(), 200);
    const first = await asked;
    expect(values(first)).toEqual([['R101', 2]]);
    expect(await store.readAsOf('asof.test', at)).toEqual(first);
  });

  it('says which transaction holds it when that does not end in time', async () => {
    const open = await openAppend('R201', 1);
    try {
      const at = new Date(open.recordedAt.getTime() + 1);
      await expect(store.readAsOf('asof.test', at, undefined, { waitMs: 100 })).rejects.toMatchObject({
        code: 'NOT_SETTLED',
        details: { pid: open.pid, state: 'idle in transaction' },
      });
    } finally {
      await open.end();
    }
  });

  it('answers at once for a time the store has proven, whatever is in progress after it', async () => {
    const before = await store.append(event('R301', 1));
    const at = new Date(Date.parse(before.recordedAt) + 1);
    await new Promise((r) => setTimeout(r, 5));
    await store.append(event('R301', 2)); // recorded after `at`, committed: the fence has passed it
    const open = await openAppend('R302', 1);
    try {
      const state = await store.readAsOf('asof.test', at, 'R301', { waitMs: 0 });
      expect(values(state)).toEqual([['R301', 1]]);
    } finally {
      await open.end();
    }
  });
});
