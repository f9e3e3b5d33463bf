import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { withDatabase } from '../../../test/support/database-server.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { appendEvents } from './append-events.js';
import { checkAppend } from './check-append.js';
import { EventStore } from './event-store.js';
import type { AppendRequest, EventEnvelope } from './event-store.types.js';

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
function event(
  contractId: string,
  key: string,
  payload: Record<string, unknown> = { value: 1 },
): AppendRequest {
  return { contractId, contractVersion: '1.0.0', key, producer: 'scada', msgId: `r-${++nextMsg}`, payload };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Follows the global order the way a consumer does: from its last position, never looking back. */
async function follow(after: number): Promise<EventEnvelope[]> {
  return store.read({ contractId: 'gap.test' }, { after, limit: 100 });
}

describe('reading in commit order without gaps', () => {
  it('never passes an event whose transaction commits after a later-numbered one', async () => {
    let reserved!: () => void;
    const firstHasPosition = new Promise<void>((r) => (reserved = r));
    let commitFirst!: () => void;
    const firstMayCommit = new Promise<void>((r) => (commitFirst = r));

    // The first append takes its position, then its transaction stays open.
    const first = database.db.transaction().execute(async (trx) => {
      const [outcome] = await appendEvents(trx, [checkAppend(event('gap.test', 'A'), 1024)]);
      reserved();
      await firstMayCommit;
      return outcome as { position: number };
    });
    await firstHasPosition;

    // A later append commits while the first is still open.
    const second = await store.append(event('gap.test', 'B'));

    const seenWhileOpen = await follow(0);
    commitFirst();
    const { position: firstPosition } = await first;
    expect(firstPosition).toBeLessThan(second.position);

    const cursor = seenWhileOpen.at(-1)?.position ?? 0;
    const seenAfter = await follow(cursor);
    const seen = [...seenWhileOpen, ...seenAfter].map((e) => e.position);

    expect(seenWhileOpen.map((e) => e.position)).not.toContain(second.position);
    expect(seen).toEqual([firstPosition, second.position]);
  });

  it('is not held back by a long transaction in another database', async () => {
    const other = new pg.Client({ connectionString: withDatabase(database.url, 'postgres') });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_current_xact_id()');
      const { position } = await store.append(event('gap.test', 'C'));
      const seen = await follow(position - 1);
      expect(seen.map((e) => e.position)).toEqual([position]);
    } finally {
      await other.query('ROLLBACK');
      await other.end();
    }
  });
});

describe('reads', () => {
  let early: Date;
  let late: Date;

  beforeAll(async () => {
    await store.append(event('read.telemetry', 'R101', { temperature: 250 }));
    await store.append(event('read.telemetry', 'R201', { temperature: 450 }));
    await store.append(event('read.alarms', 'R101', { alarm: 'high temperature' }));
    await sleep(20);
    early = new Date();
    await sleep(20);
    await store.append(event('read.telemetry', 'R101', { temperature: 260 }));
    await sleep(20);
    late = new Date();
  });

  it('pages through everything after a global position', async () => {
    const all = await store.read({}, { after: 0, limit: 1000 });
    const [a, b] = [all.slice(0, 2), await store.read({}, { after: all[1]!.position, limit: 1000 })];
    expect([...a, ...b]).toEqual(all);
    expect(all.map((e) => e.position)).toEqual([...all.map((e) => e.position)].sort((x, y) => x - y));
  });

  it('reads one contract, and one key of it', async () => {
    const telemetry = await store.read({ contractId: 'read.telemetry' }, { after: 0, limit: 100 });
    const r101 = await store.read({ contractId: 'read.telemetry', key: 'R101' }, { after: 0, limit: 100 });
    expect(telemetry.map((e) => e.data.temperature)).toEqual([250, 450, 260]);
    expect(r101.map((e) => e.data.temperature)).toEqual([250, 260]);
  });

  it('reads a time range', async () => {
    const before = await store.read({ contractId: 'read.telemetry', to: early }, { after: 0, limit: 100 });
    const after = await store.read(
      { contractId: 'read.telemetry', from: early, to: late },
      { after: 0, limit: 100 },
    );
    expect(before.map((e) => e.data.temperature)).toEqual([250, 450]);
    expect(after.map((e) => e.data.temperature)).toEqual([260]);
  });

  it('reads a stream in stream order', async () => {
    const stream = await store.readStream('read.telemetry', 'R101');
    expect(stream.map((e) => [e.streamPosition, e.data.temperature])).toEqual([
      [1, 250],
      [2, 260],
    ]);
  });

  it('answers as of a past time with the latest event of every key then', async () => {
    const then = await store.readAsOf('read.telemetry', early);
    const now = await store.readAsOf('read.telemetry', new Date());
    const beforeAnything = await store.readAsOf('read.telemetry', new Date(0));
    expect(then.map((e) => [e.key, e.data.temperature])).toEqual([
      ['R101', 250],
      ['R201', 450],
    ]);
    expect(now.map((e) => [e.key, e.data.temperature])).toEqual([
      ['R201', 450],
      ['R101', 260],
    ]);
    expect(beforeAnything).toEqual([]);
  });
});
