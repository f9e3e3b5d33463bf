/**
 * The plans a gateway's connections make on a new, empty store must not stay whole-table reads of
 * dx.streams once the plant has thousands of streams. PL/pgSQL keeps a function's plans for the life of
 * the connection until the table is analyzed, and a server may run without autovacuum (this one does):
 * a head moved, or a repeat looked up, by reading every stream or every event would cost each append a
 * little more with every stream and every event added.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import {
  addTelemetryStreams,
  collectNotices,
  explainNestedStatements,
  telemetryAppends,
} from '../../../test/support/nested-plans.js';
import { createDb, type DbHandle } from '../db/create-db.js';
import { appendEvents } from './append-events.js';

const STREAMS = 2000;

let database: TestDatabase;
let gateway: DbHandle;
let plans: string[];
const append = telemetryAppends();

beforeAll(async () => {
  database = await createTestDatabase();
  // One connection, set up as the hub's are (createDb): its plans are the ones a gateway would keep.
  gateway = createDb(database.url, 1);
  plans = collectNotices(gateway);
});

afterAll(async () => {
  await gateway.db.destroy();
  await database.drop();
});

describe('a connection that first appended to an empty store', () => {
  it('moves heads and looks up repeats by index once the store has thousands of streams, unanalyzed', async () => {
    // Past the five executions after which a cached plan may become generic, on an empty store.
    for (let i = 0; i < 8; i++) {
      await appendEvents(gateway.db, [append(`first-${i}`)], { lookUpStored: false });
      await appendEvents(gateway.db, [append(`first-${i}`, { expectedPosition: 1 })], { lookUpStored: true });
    }
    // The plant grows; no VACUUM or ANALYZE runs (as on a server without autovacuum).
    await addTelemetryStreams(database.db, STREAMS);
    await explainNestedStatements(gateway.db);

    plans.length = 0;
    const appended = await appendEvents(gateway.db, [append('K1'), append('K2')], { lookUpStored: false });
    const decided = await appendEvents(gateway.db, [append('K3', { expectedPosition: 1 })], {
      lookUpStored: true,
    });

    expect(appended.map((o) => 'streamPosition' in o && o.streamPosition)).toEqual([2, 2]);
    expect(decided[0]).toMatchObject({ streamPosition: 2 });
    expect(plans.join('\n')).toMatch(/Index Scan using streams_pkey on streams/);
    expect(plans.join('\n')).not.toMatch(/Seq Scan on streams/);
    // The repeats are looked up by the idempotency key, not by reading every stored event.
    expect(plans.join('\n')).toMatch(/events_idempotency_key/);
    expect(plans.join('\n')).not.toMatch(/Seq Scan on events/);
  });
});
