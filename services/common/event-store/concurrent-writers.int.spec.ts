import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { runProcess } from '../../../test/support/run-process.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { verifyChain } from '../audit/verify-chain.js';
import type { AppendResult } from './event-store.types.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

describe('two processes appending to the same streams at once', () => {
  it('never duplicate or skip a stream position, and keep every hash chain intact', async () => {
    const worker = 'dist/test/support/append-worker.js';
    const [a, b] = await Promise.all([
      runProcess(worker, [database.url, 'scada-a', '1500', '10', '32']),
      runProcess(worker, [database.url, 'scada-b', '1500', '10', '32']),
    ]);
    expect([a.code, a.stderr, b.code, b.stderr]).toEqual([0, '', 0, '']);
    const results = [...JSON.parse(a.stdout), ...JSON.parse(b.stdout)] as AppendResult[];

    expect(new Set(results.map((r) => r.position)).size).toBe(3000);
    const { rows } = await sql<{ key: string; n: number; max: number; distinct_positions: number }>`
      SELECT key, count(*)::int AS n, max(stream_position)::int AS max,
             count(DISTINCT stream_position)::int AS distinct_positions
      FROM dx.events GROUP BY key ORDER BY key`.execute(database.db);
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row).toMatchObject({ n: 300, max: 300, distinct_positions: 300 });

    const audit = await verifyChain(database.db);
    expect(audit).toEqual({ events: 3000, streams: 10, problems: [] });
  });
});
