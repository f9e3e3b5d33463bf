import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { startTcpProxy, type TcpProxy } from '../../../test/support/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { createDb, type DbHandle } from '../db/create-db.js';
import { DxError } from '../errors/dx-error.js';
import { EventStore } from './event-store.js';
import type { AppendRequest } from './event-store.types.js';

const QUERY_TIMEOUT_MS = 1000;

let database: TestDatabase;
let proxy: TcpProxy;
let handle: DbHandle;
let store: EventStore;
const batchSizes: number[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const url = new URL(database.url);
  proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(url.port || 5432) });
  url.host = `127.0.0.1:${proxy.port}`;
  handle = createDb(url.toString(), 2, { queryTimeoutMs: QUERY_TIMEOUT_MS });
  store = new EventStore(handle.db, { onCommit: (n) => batchSizes.push(n) });
});

afterAll(async () => {
  await store.drain();
  await handle.db.destroy();
  await proxy.stop();
  await database.drop();
});

function reading(key: string, msgId: string): AppendRequest {
  return {
    contractId: 'scada.reactor-telemetry',
    contractVersion: '1.0.0',
    key,
    producer: 'scada',
    msgId,
    payload: { temperature: 251.3 },
  };
}

async function failure(promise: Promise<unknown>): Promise<DxError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DxError);
  return error as DxError;
}

async function streamOf(key: string): Promise<string[]> {
  const { rows } = await sql<{ msg_id: string }>`
    SELECT msg_id FROM dx.events WHERE key = ${key} ORDER BY stream_position`.execute(database.db);
  return rows.map((row) => row.msg_id);
}

describe('the order of a stream when the database stops answering', () => {
  it('fails the appends waiting behind one that got no answer, so a retry cannot land behind them', async () => {
    await store.append(reading('W1', 'warm-up'));
    await store.drain();
    proxy.stallOpen(); // the pool's open connection goes silent; new ones still work

    const first = store.append(reading('R1', 'r1-a'));
    const second = store.append(reading('R1', 'r1-b'));
    const other = store.append(reading('R2', 'r2-a'));

    expect(await failure(first)).toMatchObject({ code: 'DATABASE_UNREACHABLE' });
    const behind = await failure(second);
    expect(behind.code).toBe('DATABASE_UNREACHABLE');
    expect(behind.message).toMatch(/not written: an earlier append of its stream got no answer/);
    // Another stream is not held back.
    await expect(other).resolves.toMatchObject({ streamPosition: 1 });
    expect(await streamOf('R1')).toEqual([]);

    // The producer sends both again, in order: the stream shows them in that order.
    await store.append(reading('R1', 'r1-a'));
    await store.append(reading('R1', 'r1-b'));
    expect(await streamOf('R1')).toEqual(['r1-a', 'r1-b']);
  });

  it('starts the items of one batch in the same transaction', async () => {
    batchSizes.length = 0;
    const items = Array.from({ length: 10 }, (_, i) => reading('R3', `r3-${i}`));
    const settled = await store.appendMany(items);

    expect(settled.map((s) => s.ok && s.result.streamPosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(batchSizes).toEqual([10]);
  });
});
