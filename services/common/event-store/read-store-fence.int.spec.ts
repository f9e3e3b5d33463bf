import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { EventStore } from './event-store.js';
import type { AppendRequest } from './event-store.types.js';
import { readEnvelopeLines } from './read-envelope-lines.js';
import { NO_FENCE, readStoreFence } from './read-store-fence.js';
import { WRITES_NO_EVENTS } from './visibility-fence.js';

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
function event(key: string): AppendRequest {
  return {
    contractId: 'fence.test',
    contractVersion: '1.0.0',
    key,
    producer: 'scada',
    msgId: `f-${++nextMsg}`,
    payload: { value: nextMsg },
  };
}

/** An append whose transaction stays open after taking its position, until `end` is called. */
async function openAppend(): Promise<{ position: number; end: (commit: boolean) => Promise<void> }> {
  const session = new pg.Client({ connectionString: database.url });
  await session.connect();
  await session.query('BEGIN');
  const { contractId, key, producer, msgId } = event('OPEN');
  const batch = JSON.stringify([
    { j: 1, c: contractId, v: '1.0.0', k: key, p: producer, m: msgId, e: null, d: {} },
  ]);
  const { rows } = await session.query<{ out_global: string }>(
    'SELECT out_global FROM dx.append_batch($1::jsonb, false)',
    [batch],
  );
  return {
    position: Number(rows[0]!.out_global),
    async end(commit) {
      await session.query(commit ? 'COMMIT' : 'ROLLBACK');
      await session.end();
    },
  };
}

describe('the store’s fence and head', () => {
  it('are where the last event is when no transaction is in progress', async () => {
    const { position } = await store.append(event('A'));
    const reading = await readStoreFence(database.db);
    expect(reading).toMatchObject({ fence: position, head: position });
  });

  it('keep the fence below an append still in progress while the head passes it, and let it go when it commits', async () => {
    const before = await readStoreFence(database.db);
    const open = await openAppend();
    const { position: above } = await store.append(event('B'));
    const held = await readStoreFence(database.db, before);
    expect(held.fence).toBeLessThan(open.position);
    expect(held.fence).toBeGreaterThanOrEqual(before.fence);
    expect(held.head).toBe(above);
    // Asked again while it is still open, from what it learnt: the same fence, the head moving on.
    const { position: further } = await store.append(event('C'));
    const again = await readStoreFence(database.db, held);
    expect(again).toMatchObject({ fence: held.fence, head: further });

    await open.end(true);
    expect(await readStoreFence(database.db, again)).toMatchObject({ fence: further, head: further });
  });

  it('pass the hole an append that rolls back leaves', async () => {
    const open = await openAppend();
    const { position: above } = await store.append(event('D'));
    await open.end(false);
    expect(await readStoreFence(database.db)).toMatchObject({ fence: above, head: above });
  });

  it('are held by an idle transaction of the hub’s database, not by one of another database', async () => {
    const { position } = await store.append(event('E'));
    const idle = new pg.Client({ connectionString: database.url });
    await idle.connect();
    await idle.query('BEGIN');
    await idle.query('SELECT pg_current_xact_id()');
    const other = new pg.Client({ connectionString: database.url.replace(/\/[^/]+$/, '/postgres') });
    await other.connect();
    await other.query('BEGIN');
    await other.query('SELECT pg_current_xact_id()');
    try {
      const { position: above } = await store.append(event('E'));
      const held = await readStoreFence(database.db);
      expect(held).toMatchObject({ fence: position, head: above });
      await idle.query('COMMIT');
      expect(await readStoreFence(database.db, held)).toMatchObject({ fence: above, head: above });
    } finally {
      await idle.end();
      await other.query('ROLLBACK');
      await other.end();
    }
  });

  it('never go back: a reading reports at least the fence it starts from', async () => {
    const last = await readStoreFence(database.db);
    const later = await readStoreFence(database.db, { ...last, fence: last.fence + 1000, head: last.head });
    expect(later.fence).toBe(last.fence + 1000);
    expect(NO_FENCE).toMatchObject({ fence: 0, head: 0 });
  });

  it('let a page read with it include every event at or below it', async () => {
    const open = await openAppend();
    await store.append(event('F'));
    const reading = await readStoreFence(database.db);
    await open.end(true);
    const page = await readEnvelopeLines(
      database.db,
      { contractId: 'fence.test' },
      { after: 0, limit: 1000, provenUpTo: reading.fence },
    );
    const positions = page.lines.map((line) => (JSON.parse(line) as { position: number }).position);
    const upToFence = await database.db
      .selectFrom('dx.events')
      .select('global_position')
      .where('contract_id', '=', 'fence.test')
      .where('global_position', '<=', reading.fence)
      .execute();
    expect(positions).toEqual(expect.arrayContaining(upToFence.map((r) => r.global_position)));
    expect(positions).toContain(open.position);
  });

  it('are not held back by a transaction that says it writes no events, as the history projector does', async () => {
    /** A transaction of this database that holds a transaction id (a row lock) and stays open. */
    const openLock = async (marked: boolean) => {
      const session = new pg.Client({ connectionString: database.url });
      await session.connect();
      await session.query('BEGIN');
      if (marked) await session.query("SELECT set_config('application_name', $1, true)", [WRITES_NO_EVENTS]);
      await session.query("SELECT position FROM dx.projections WHERE name = 'history' FOR UPDATE");
      return {
        end: async () => {
          await session.query('ROLLBACK');
          await session.end();
        },
      };
    };
    const projector = await openLock(true);
    const stored = await store.append(event('G'));
    const [seen] = await store.readStateAt({ contractId: 'fence.test', key: 'G', at: new Date(8.64e15) });
    await projector.end();
    expect(seen?.position).toBe(stored.position);

    // Any other transaction of the database still holds readers back: it might be appending.
    const other = await openLock(false);
    const held = await store.append(event('H'));
    const hidden = await store.readStateAt({ contractId: 'fence.test', key: 'H', at: new Date(8.64e15) });
    await other.end();
    expect(hidden).toEqual([]);
    const [found] = await store.readStateAt({ contractId: 'fence.test', key: 'H', at: new Date(8.64e15) });
    expect(found?.position).toBe(held.position);
  });
});
