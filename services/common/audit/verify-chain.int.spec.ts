import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { seedReadings } from '../../../test/support/seed-readings.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { EventStore } from '../event-store/event-store.js';
import { verifyChain } from './verify-chain.js';

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

const seed = (contract: string, perStream?: number) => seedReadings(store, contract, perStream);

async function tamper(statement: ReturnType<typeof sql>): Promise<void> {
  await statement.execute(database.db);
}

describe('dx audit verify', () => {
  it('finds nothing wrong in an untouched store and counts what it checked', async () => {
    await seed('audit.clean');
    const report = await verifyChain(database.db, { contractId: 'audit.clean' });
    expect(report).toEqual({ events: 15, streams: 3, problems: [] });
  });

  it('finds an event whose payload was edited with UPDATE', async () => {
    await seed('audit.edit');
    await tamper(sql`UPDATE dx.events SET payload = '{"tag":"TI-R101","temperature":150,"quality":"good"}'
      WHERE contract_id = 'audit.edit' AND key = 'R101' AND stream_position = 3`);

    const { problems } = await verifyChain(database.db, { contractId: 'audit.edit' });
    expect(problems).toEqual([
      expect.objectContaining({ kind: 'edited', contract: 'audit.edit', key: 'R101', streamPosition: 3 }),
    ]);
    expect(problems[0]!.position).toEqual(expect.any(Number));
  });

  it('finds an edit even when the attacker also rewrote the hash', async () => {
    await seed('audit.rehash');
    await tamper(sql`UPDATE dx.events SET payload = '{"temperature":1}', hash = sha256('forged')
      WHERE contract_id = 'audit.rehash' AND key = 'P101' AND stream_position = 2`);

    const { problems } = await verifyChain(database.db, { contractId: 'audit.rehash' });
    expect(problems.map((p) => [p.kind, p.key, p.streamPosition])).toEqual([
      ['edited', 'P101', 2],
      ['edited', 'P101', 3],
    ]);
  });

  it('finds an event deleted from the middle of a stream', async () => {
    await seed('audit.delete');
    await tamper(
      sql`DELETE FROM dx.events WHERE contract_id = 'audit.delete' AND key = 'R201' AND stream_position = 2`,
    );

    const { problems } = await verifyChain(database.db, { contractId: 'audit.delete' });
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'deleted',
        key: 'R201',
        streamPosition: 3,
        detail: expect.stringContaining('2 to 2'),
      }),
    ]);
  });

  it('finds events deleted from the end of a stream by its head', async () => {
    await seed('audit.tail');
    await tamper(
      sql`DELETE FROM dx.events WHERE contract_id = 'audit.tail' AND key = 'R101' AND stream_position >= 4`,
    );

    const { problems } = await verifyChain(database.db, { contractId: 'audit.tail' });
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'deleted',
        key: 'R101',
        streamPosition: 4,
        detail: expect.stringContaining('4 to 5'),
      }),
    ]);
  });

  it('finds a stream whose every event was deleted', async () => {
    await seed('audit.wiped');
    await tamper(sql`DELETE FROM dx.events WHERE contract_id = 'audit.wiped' AND key = 'P101'`);

    const { problems } = await verifyChain(database.db, { contractId: 'audit.wiped' });
    expect(problems).toEqual([expect.objectContaining({ kind: 'deleted', key: 'P101', position: null })]);
  });

  it('finds two events of a stream whose order was swapped', async () => {
    await seed('audit.swap');
    await database.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE dx.events DROP CONSTRAINT events_stream_position_key`.execute(trx);
      await sql`UPDATE dx.events SET stream_position = 5 - stream_position
        WHERE contract_id = 'audit.swap' AND key = 'R101' AND stream_position IN (2, 3)`.execute(trx);
      await sql`ALTER TABLE dx.events ADD CONSTRAINT events_stream_position_key UNIQUE (contract_id, key, stream_position)`.execute(
        trx,
      );
    });

    const { problems } = await verifyChain(database.db, { contractId: 'audit.swap' });
    expect(problems.map((p) => [p.kind, p.key, p.streamPosition])).toEqual([
      ['edited', 'R101', 2],
      ['reordered', 'R101', 3],
      ['edited', 'R101', 4],
    ]);
  });

  it('checks only the events recorded in a time window, chained to the event before the window', async () => {
    await seed('audit.window', 2);
    await new Promise((r) => setTimeout(r, 20));
    const from = new Date();
    await seed('audit.window', 2);
    await tamper(sql`UPDATE dx.events SET payload = '{"x":1}'
      WHERE contract_id = 'audit.window' AND key = 'R101' AND stream_position = 1`);

    const inWindow = await verifyChain(database.db, { contractId: 'audit.window', from });
    const everything = await verifyChain(database.db, { contractId: 'audit.window' });

    expect(inWindow).toEqual({ events: 6, streams: 3, problems: [] });
    expect(everything.problems).toEqual([
      expect.objectContaining({ kind: 'edited', key: 'R101', streamPosition: 1 }),
    ]);
  });
});
