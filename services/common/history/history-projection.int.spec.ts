import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { seedRegistry } from '../../../test/support/seed-registry.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import type { RegistryReader as Registry } from '../registry-state/index.js';
import { EventStore } from '../event-store/event-store.js';
import type { AppendResult } from '../event-store/event-store.types.js';
import { finish } from './history-buckets.js';
import { HistoryProjector, resetHistory } from './history-projector.js';
import { applyRetention } from './history-retention.js';
import { readHistory, type HistoryQuery } from './read-history.js';
import type { SchemaLookup } from './samples-of.js';
import { reactorReading } from '../../../test/support/reactor-reading.js';

let database: TestDatabase;
let store: EventStore;
let registry: Registry;
let lookup: SchemaLookup;
let projector: HistoryProjector;

beforeAll(async () => {
  database = await createTestDatabase();
  store = new EventStore(database.db);
  registry = await seedRegistry(database.db);
  lookup = (contractId, version) =>
    registry.state.contracts.get(contractId)?.versions.find((v) => v.version === version)?.schema;
  projector = new HistoryProjector(database.db, lookup, 3);
});

afterAll(async () => {
  await store.drain();
  await database.drop();
});

let nextMsg = 0;
function reading(
  key: string,
  temperature: number,
  at: string,
  more: { supersedes?: number; pressure?: number } = {},
) {
  return store.append({
    contractId: 'scada.reactor-telemetry',
    contractVersion: '1.0.0',
    key,
    producer: 'scada',
    msgId: `h-${++nextMsg}`,
    payload: { ...reactorReading(key, temperature), pressure: more.pressure ?? 7.8, sourceTimestamp: at },
    eventTime: at,
    supersedes: more.supersedes,
  });
}

const minute = (more: Partial<HistoryQuery> = {}): HistoryQuery => ({
  contractId: 'scada.reactor-telemetry',
  key: 'R101',
  field: '/temperature',
  from: new Date('2026-11-22T08:00:00Z'),
  to: new Date('2026-11-22T08:02:00Z'),
  bucketMs: 60_000,
  timeline: 'event',
  ...more,
});

const ALL = ['mean', 'min', 'max', 'count', 'first', 'last'] as const;
async function buckets(query: HistoryQuery) {
  const answer = await readHistory(database.db, lookup, query);
  return answer.buckets.map((b) => finish(b, [...ALL], (v) => v));
}

/** Worked by hand from the four readings below. */
const BY_HAND = [
  { start: '2026-11-22T08:00:00.000Z', mean: 255, min: 250, max: 260, count: 2, first: 250, last: 260 },
  { start: '2026-11-22T08:01:00.000Z', mean: 255, min: 240, max: 270, count: 2, first: 270, last: 240 },
];

let sampled: AppendResult;
let beforeCorrection: Date;

beforeAll(async () => {
  await reading('R101', 250, '2026-11-22T08:00:10.000Z');
  await reading('R101', 260, '2026-11-22T08:00:40.000Z');
  sampled = await reading('R101', 270, '2026-11-22T08:01:05.000Z');
  await reading('R101', 240, '2026-11-22T08:01:50.000Z');
  await reading('R101', 999, '2026-11-22T08:02:00.000Z'); // outside [08:00, 08:02)
});

describe('history buckets', () => {
  it('are the hand-computed aggregates when answered from the log alone', async () => {
    expect(await buckets(minute())).toEqual(BY_HAND);
  });

  it('are the same once the projection has caught up, and when half of it has', async () => {
    await projector.projectBatch(); // three events: the rest still comes from the log
    expect(await buckets(minute())).toEqual(BY_HAND);
    await projector.catchUp();
    expect(await buckets(minute())).toEqual(BY_HAND);
  });

  it('take first and last by event time to the millisecond, and by arrival for readings of one instant', async () => {
    await reading('R102', 12, '2026-11-22T08:00:30.002Z');
    await reading('R102', 11, '2026-11-22T08:00:30.001Z'); // late by a millisecond: it is the first
    await reading('R102', 13, '2026-11-22T08:00:45.000Z');
    await reading('R102', 14, '2026-11-22T08:00:45.000Z'); // the same instant, stored later: the last
    const expected = [
      { start: '2026-11-22T08:00:00.000Z', mean: 12.5, min: 11, max: 14, count: 4, first: 11, last: 14 },
    ];
    expect(await buckets(minute({ key: 'R102' }))).toEqual(expected);
    await projector.catchUp();
    expect(await buckets(minute({ key: 'R102' }))).toEqual(expected);
  });

  it('reflect a correction at once, from the log, and after it is projected', async () => {
    beforeCorrection = new Date((await reading('R101', 241, '2026-11-22T08:01:51.000Z')).recordedAt);
    await new Promise((r) => setTimeout(r, 5));
    await reading('R101', 280, '2026-11-22T08:01:05.000Z', { supersedes: sampled.position });
    const corrected = [
      { ...BY_HAND[0] },
      {
        start: '2026-11-22T08:01:00.000Z',
        mean: 761 / 3,
        min: 240,
        max: 280,
        count: 3,
        first: 280,
        last: 241,
      },
    ];
    expect(await buckets(minute())).toEqual(corrected);
    await projector.catchUp();
    expect(await buckets(minute())).toEqual(corrected);
  });

  it('show what was known before the correction with knownAt', async () => {
    expect((await buckets(minute({ knownAt: beforeCorrection })))[1]).toMatchObject({
      max: 270,
      first: 270,
      count: 3,
    });
  });

  it('on the recorded timeline count the original and its correction alike', async () => {
    const recorded = await buckets(
      minute({
        timeline: 'recorded',
        from: new Date(Date.now() - 3_600_000),
        to: new Date(Date.now() + 60_000),
        bucketMs: 3_600_000,
      }),
    );
    expect(recorded.reduce((n, b) => n + (b.count as number), 0)).toBe(7);
  });
});

describe('each numeric field of an event', () => {
  it('has buckets of its own numbers, from the log and from the projection', async () => {
    await reading('R301', 300, '2026-11-22T09:00:05.000Z', { pressure: 10 });
    await reading('R301', 310, '2026-11-22T09:00:35.000Z', { pressure: 14 });
    await reading('R301', 320, '2026-11-22T09:01:10.000Z', { pressure: 11.5 });
    const of = (field: string) =>
      buckets(
        minute({
          key: 'R301',
          field,
          from: new Date('2026-11-22T09:00:00Z'),
          to: new Date('2026-11-22T09:02:00Z'),
        }),
      );
    const pressure = [
      { start: '2026-11-22T09:00:00.000Z', mean: 12, min: 10, max: 14, count: 2, first: 10, last: 14 },
      {
        start: '2026-11-22T09:01:00.000Z',
        mean: 11.5,
        min: 11.5,
        max: 11.5,
        count: 1,
        first: 11.5,
        last: 11.5,
      },
    ];
    const temperature = [
      { start: '2026-11-22T09:00:00.000Z', mean: 305, min: 300, max: 310, count: 2, first: 300, last: 310 },
      { start: '2026-11-22T09:01:00.000Z', mean: 320, min: 320, max: 320, count: 1, first: 320, last: 320 },
    ];
    expect(await of('/pressure')).toEqual(pressure);
    expect(await of('/temperature')).toEqual(temperature);
    await projector.catchUp();
    expect(await of('/pressure')).toEqual(pressure);
    expect(await of('/temperature')).toEqual(temperature);
  });

  it('starts the series of a field when a stream already projected first has a number in it', async () => {
    const withoutPressure = { ...reactorReading('R401', 301), sourceTimestamp: '2026-11-22T10:00:00.000Z' };
    delete (withoutPressure as { pressure?: number }).pressure;
    const append = (payload: Record<string, unknown>) =>
      store.append({
        contractId: 'scada.reactor-telemetry',
        contractVersion: '1.0.0',
        key: 'R401',
        producer: 'scada',
        msgId: `h-${++nextMsg}`,
        payload,
        eventTime: payload.sourceTimestamp as string,
      });
    await append(withoutPressure);
    await projector.catchUp();
    await append({
      ...withoutPressure,
      temperature: 302,
      pressure: 9.5,
      sourceTimestamp: '2026-11-22T10:00:30.000Z',
    });
    await projector.catchUp();

    const { rows } = await sql<{ field: string; values: (number | null)[] }>`
      SELECT s.field, array_agg(h."values"[s.slot] ORDER BY h.position) AS values
      FROM dx.history_rows h JOIN dx.history_series s ON s.stream_id = h.stream_id
      WHERE s.key = 'R401' GROUP BY s.field ORDER BY s.field`.execute(database.db);
    expect(rows).toEqual([
      { field: '/flowRate', values: [420, 420] },
      { field: '/pressure', values: [null, 9.5] },
      { field: '/temperature', values: [301, 302] },
    ]);
  });
});

describe('the projection', () => {
  async function snapshot() {
    const { rows } = await sql`
      SELECT s.contract_id, s.key, s.field, s.unit, s.slot, h.at, h."values"[s.slot] AS value, h.position,
             h.recorded_at, h.superseded_at
      FROM dx.history_rows h JOIN dx.history_series s ON s.stream_id = h.stream_id
      WHERE h."values"[s.slot] IS NOT NULL
      ORDER BY h.position, s.field`.execute(database.db);
    return rows;
  }

  it('rebuilt from the log equals the one written incrementally', async () => {
    await reading('R201', 450, '2026-11-21T23:59:59.000Z', { pressure: 12 }); // another day's partition
    await projector.catchUp();
    const incremental = await snapshot();
    expect(incremental.length).toBeGreaterThan(20);
    await resetHistory(database.db);
    await new HistoryProjector(database.db, lookup).catchUp();
    expect(await snapshot()).toEqual(incremental);
  });

  it('rolls days past retention up into minutes, which answer the same buckets', async () => {
    await projector.catchUp();
    const before = await buckets(minute());
    const pressure = minute({
      key: 'R301',
      field: '/pressure',
      from: new Date('2026-11-22T09:00:00Z'),
      to: new Date('2026-11-22T09:02:00Z'),
    });
    const pressureBefore = await buckets(pressure);
    expect(pressureBefore).toHaveLength(2);
    const outcome = await applyRetention(
      database.db,
      { rawDays: 1, minuteDays: 0 },
      Date.parse('2026-11-24T00:00:00Z'),
    );
    expect(outcome.rolledUpDays).toEqual(['2026-11-21', '2026-11-22']);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM dx.history_rows`.execute(
      database.db,
    );
    expect(rows[0]!.n).toBe(0);
    expect(await buckets(minute())).toEqual(before);
    expect(await buckets(pressure)).toEqual(pressureBefore);
  });

  it('applies a correction of a rolled-up reading to its minute, from the log', async () => {
    const [latest] = await store.readStateAt({
      contractId: 'scada.reactor-telemetry',
      key: 'R101',
      at: new Date('2026-11-22T08:01:59Z'),
    });
    await reading('R101', 250, '2026-11-22T08:01:51.000Z', { supersedes: latest!.position });
    await projector.catchUp();
    expect((await buckets(minute()))[1]).toMatchObject({ count: 3, last: 250, mean: 770 / 3 });
  });
});
