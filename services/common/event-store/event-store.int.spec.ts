import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { DxError } from '../errors/dx-error.js';
import { EventStore } from './event-store.js';
import type { AppendRequest } from './event-store.types.js';

let database: TestDatabase;
let store: EventStore;
const batchSizes: number[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  store = new EventStore(database.db, { maxPayloadBytes: 1024, onCommit: (n) => batchSizes.push(n) });
});

afterAll(async () => {
  await store.drain();
  await database.drop();
});

let nextMsg = 0;
function reading(key: string, payload: Record<string, unknown> = { temperature: 251.3 }): AppendRequest {
  return {
    contractId: 'scada.reactor-telemetry',
    contractVersion: '1.0.0',
    key,
    producer: 'scada',
    msgId: `m-${++nextMsg}`,
    payload,
  };
}

async function countEvents(): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM dx.events`.execute(database.db);
  return rows[0]!.n;
}

async function refusal(promise: Promise<unknown>): Promise<DxError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DxError);
  return error as DxError;
}

describe('appending', () => {
  it('answers with the global position and a stream position counting from 1', async () => {
    const first = await store.append(reading('R101'));
    const second = await store.append(reading('R101'));
    const other = await store.append(reading('R201'));

    expect(first).toEqual({
      position: expect.any(Number),
      streamPosition: 1,
      duplicate: false,
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(second.streamPosition).toBe(2);
    expect(second.position).toBeGreaterThan(first.position);
    expect(other.streamPosition).toBe(1);
  });

  it('writes concurrent appends in shared transactions and never repeats or skips a stream position', async () => {
    batchSizes.length = 0;
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, i) => store.append(reading(`P-${i % 3}`))),
    );

    expect(Math.max(...batchSizes)).toBeGreaterThan(1);
    expect(new Set(results.map((r) => r.position)).size).toBe(300);
    for (const key of ['P-0', 'P-1', 'P-2']) {
      const events = await store.readStream('scada.reactor-telemetry', key, { after: 0, limit: 1000 });
      expect(events.map((e) => e.streamPosition)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    }
  });

  it('stores the payload and the contract, version, key, producer and message id it was given', async () => {
    const request = reading('E101', { inlet: { temperature: 80.5, unit: 'degC' }, ok: true });
    const { position } = await store.append(request);
    const [event] = await store.read({ key: 'E101' }, { after: position - 1, limit: 1 });

    expect(event).toMatchObject({
      position,
      streamPosition: 1,
      contract: 'scada.reactor-telemetry',
      version: '1.0.0',
      key: 'E101',
      producer: 'scada',
      msgId: request.msgId,
      data: { inlet: { temperature: 80.5, unit: 'degC' }, ok: true },
    });
    expect(event!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Math.abs(Date.parse(event!.recordedAt) - Date.now())).toBeLessThan(60_000);
  });
});

describe('optimistic concurrency', () => {
  it('appends when the stream is at the expected position', async () => {
    const result = await store.append({ ...reading('K101'), expectedPosition: 0 });
    const next = await store.append({ ...reading('K101'), expectedPosition: 1 });
    expect([result.streamPosition, next.streamPosition]).toEqual([1, 2]);
  });

  it('refuses with STREAM_POSITION_CONFLICT and the actual position, storing nothing', async () => {
    const before = await countEvents();
    const error = await refusal(store.append({ ...reading('K101'), expectedPosition: 7 }));

    expect(error.code).toBe('STREAM_POSITION_CONFLICT');
    expect(error.details).toMatchObject({ expected: 7, actual: 2 });
    expect(await countEvents()).toBe(before);
  });
});

describe('idempotency', () => {
  it('answers a repeated (producer, message id) with the original positions and stores nothing new', async () => {
    const request = reading('P101');
    const original = await store.append(request);
    const before = await countEvents();
    const repeat = await store.append({ ...request, payload: { temperature: 0 } });

    expect(repeat).toEqual({ ...original, duplicate: true });
    expect(await countEvents()).toBe(before);
  });

  it('answers a message repeated within one batch once stored and once as its duplicate', async () => {
    const request = reading('P105');
    const outcomes = await store.appendMany([request, reading('P105'), request]);
    expect(outcomes.map((o) => o.ok && o.result.duplicate)).toEqual([false, false, true]);
    expect(outcomes[2]).toEqual({
      ok: true,
      result: { ...(outcomes[0] as { result: object }).result, duplicate: true },
    });
  });

  it('answers a stored message that comes again among new ones, and stores only the new ones', async () => {
    const stored = reading('P103');
    const original = await store.append(stored);
    const outcomes = await store.appendMany([reading('P103'), stored, reading('P104')]);

    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
    expect(outcomes[1]).toEqual({ ok: true, result: { ...original, duplicate: true } });
    const streamPositions = (await store.readStream('scada.reactor-telemetry', 'P103')).map(
      (e) => e.streamPosition,
    );
    expect(streamPositions).toEqual([1, 2]);
  });

  it('stores a message sent twice at once only once, and answers the other with its positions', async () => {
    const request = reading('P102');
    const results = await Promise.all([store.append(request), store.append(request)]);
    const stored = results.find((r) => !r.duplicate)!;

    expect(results).toEqual(expect.arrayContaining([stored, { ...stored, duplicate: true }]));
    expect(await store.readStream('scada.reactor-telemetry', 'P102')).toHaveLength(1);
  });
});

describe('bad input', () => {
  it.each([
    ['an array', [1, 2], 'PAYLOAD_NOT_OBJECT'],
    ['a string', 'hot', 'PAYLOAD_NOT_OBJECT'],
    ['null', null, 'PAYLOAD_NOT_OBJECT'],
    ['larger than the limit', { blob: 'x'.repeat(2000) }, 'PAYLOAD_TOO_LARGE'],
    ['holding a NUL character', { tag: 'TI\u0000101' }, 'PAYLOAD_INVALID'],
  ])('refuses a payload that is %s and stores nothing', async (_what, payload, code) => {
    const before = await countEvents();
    const error = await refusal(store.append(reading('X1', payload as Record<string, unknown>)));
    expect(error.code).toBe(code);
    expect(await countEvents()).toBe(before);
  });

  it('names the field when an identity field is missing', async () => {
    const error = await refusal(store.append({ ...reading('X1'), producer: '' }));
    expect(error).toMatchObject({ code: 'APPEND_INVALID', details: { field: 'producer' } });
  });

  it('fails only the item the database rejects and stores the rest of its batch', async () => {
    const good = [reading('B1'), reading('B2')];
    const poison = reading('B3', { text: 'lone \ud800 surrogate' });
    const outcomes = await store.appendMany([good[0]!, poison, good[1]!]);

    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'APPEND_FAILED' } });
    expect(await store.readStream('scada.reactor-telemetry', 'B3')).toHaveLength(0);
    expect(await store.readStream('scada.reactor-telemetry', 'B2')).toHaveLength(1);
  });
});

describe('group commit of large payloads', () => {
  it('splits appends into transactions of bounded size and stores every one', async () => {
    const sizes: number[] = [];
    const small = new EventStore(database.db, { maxBatchBytes: 4000, onCommit: (n) => sizes.push(n) });
    const big = 'x'.repeat(900);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => small.append(reading('L1', { blob: big }))),
    );
    expect(results.map((r) => r.streamPosition)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
  });
});

describe('group commit with several transactions in flight', () => {
  it('keeps each stream in call order while other streams commit beside it', async () => {
    const batches: number[] = [];
    const parallel = new EventStore(database.db, {
      concurrency: 2,
      parallelFrom: 1,
      onCommit: (n) => batches.push(n),
    });
    const keys = Array.from({ length: 400 }, (_, i) => (i % 10 === 0 ? 'HOT' : `C-${i % 7}`));
    const payloads = keys.map((key, i) => reading(key, { n: i }));
    const results = await Promise.all(payloads.map((p) => parallel.append(p)));

    expect(batches.length).toBeGreaterThan(1);
    for (const key of ['HOT', 'C-1', 'C-6']) {
      const calls = payloads.flatMap((p, i) => (p.key === key ? [i] : []));
      // Stream positions follow the order of the calls, and so do global positions within a stream.
      expect(calls.map((i) => results[i]!.streamPosition)).toEqual(calls.map((_, n) => n + 1));
      const events = await parallel.readStream('scada.reactor-telemetry', key, { after: 0, limit: 1000 });
      expect(events.map((e) => e.data.n)).toEqual(calls);
    }
  });

  it('starts a transaction beside one in flight only once parallelFrom appends wait', async () => {
    const commitSizes = async (parallelFrom: number, handedIn: number) => {
      const sizes: number[] = [];
      const store = new EventStore(database.db, {
        concurrency: 2,
        parallelFrom,
        onCommit: (n) => sizes.push(n),
      });
      const first = store.append(reading('PF-A'));
      const many = store.appendMany(Array.from({ length: handedIn }, (_, i) => reading(`PF-${i % 5}`)));
      const last = store.append(reading('PF-Z'));
      await Promise.all([first, many, last]);
      return sizes.sort((a, b) => a - b);
    };
    // 60 are enough to start beside the first; the last append then waits for a transaction to end.
    expect(await commitSizes(50, 60)).toEqual([1, 1, 60]);
    // 10 are not: they wait for the first, and go with the last.
    expect(await commitSizes(50, 10)).toEqual([1, 11]);
  });
});
