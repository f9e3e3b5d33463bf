/**
 * What a group commit costs PostgreSQL must not grow with the number of streams the plant has: each
 * item's stream head is one index probe, never a read of all of dx.streams. Checked on the plans
 * PostgreSQL runs inside dx.append_batch and dx.append_decided (auto_explain, nested statements).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
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
let explained: DbHandle;
let plans: string[];
const append = telemetryAppends();

beforeAll(async () => {
  database = await createTestDatabase();
  // Many streams, and statistics that say so: the plan a head lookup gets is the one production gets.
  await addTelemetryStreams(database.db, STREAMS);
  await sql`ANALYZE dx.streams`.execute(database.db);
  explained = createDb(database.url, 1);
  plans = collectNotices(explained);
  await explainNestedStatements(explained.db);
});

afterAll(async () => {
  await explained.db.destroy();
  await database.drop();
});

describe('a group commit on a plant of 2,000 streams', () => {
  it('looks up the heads of its own streams by index, not by reading every stream', async () => {
    // Past the five executions after which a cached plan may become generic.
    for (let i = 0; i < 8; i++) {
      plans.length = 0;
      const outcomes = await appendEvents(explained.db, [append(`K${i + 1}`), append('K-new')], {
        lookUpStored: false,
      });
      expect(outcomes.every((o) => 'position' in o)).toBe(true);
    }
    expect(plans.join('\n')).toMatch(/Index Scan using streams_pkey on streams/);
    expect(plans.join('\n')).not.toMatch(/Seq Scan on streams/);
  });

  it('does the same when it checks expected positions or looks up repeats (dx.append_decided)', async () => {
    for (let i = 0; i < 8; i++) {
      plans.length = 0;
      const outcomes = await appendEvents(explained.db, [append(`K${i + 100}`, { expectedPosition: 1 })], {
        lookUpStored: true,
      });
      expect(outcomes[0]).toMatchObject({ streamPosition: 2 });
    }
    expect(plans.join('\n')).toMatch(/streams_pkey/);
    expect(plans.join('\n')).not.toMatch(/Seq Scan on streams/);
  });
});
