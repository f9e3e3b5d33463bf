import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { seedRegistry } from '../../../test/support/seed-registry.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { EventStore } from '../event-store/event-store.js';
import type { Timeline } from '../event-store/timeline.js';
import { HistoryProjector } from './history-projector.js';
import { applyRetention } from './history-retention.js';
import { readValuesAt, type ValueAt } from './read-values-at.js';
import type { SchemaLookup } from './samples-of.js';
import { reactorReading } from '../../../test/support/reactor-reading.js';

let database: TestDatabase;
let store: EventStore;
let lookup: SchemaLookup;
let projector: HistoryProjector;

beforeAll(async () => {
  database = await createTestDatabase();
  store = new EventStore(database.db);
  const registry = await seedRegistry(database.db);
  lookup = (contractId, version) => registry.schemaOf(contractId, version);
  projector = new HistoryProjector(database.db, lookup, 3);
});

afterAll(async () => {
  await store.drain();
  await database.drop();
});

const CONTRACT = 'scada.reactor-telemetry';
let nextMsg = 0;
/** A reading whose pressure (another numeric field, another slot of the projection's row) follows its temperature. */
function reading(key: string, temperature: number, at: string, supersedes?: number) {
  return store.append({
    contractId: CONTRACT,
    contractVersion: '1.0.0',
    key,
    producer: 'scada',
    msgId: `v-${++nextMsg}`,
    payload: { ...reactorReading(key, temperature), pressure: temperature / 100, sourceTimestamp: at },
    eventTime: at,
    supersedes,
  });
}

interface Asked {
  timeline?: Timeline;
  knownAt?: Date;
  key?: string;
  field?: '/temperature' | '/pressure';
}

function valuesAt(at: string, more: Asked = {}) {
  return readValuesAt(database.db, lookup, {
    contractId: CONTRACT,
    field: more.field ?? '/temperature',
    at: new Date(at),
    timeline: more.timeline ?? 'event',
    ...(more.knownAt && { knownAt: more.knownAt }),
    ...(more.key && { key: more.key }),
  });
}

/** The same question answered with whole events (readStateAt), then the field taken from each. */
async function fromWholeEvents(at: string, more: Asked = {}) {
  const events = await store.readStateAt({
    contractId: CONTRACT,
    at: new Date(at),
    timeline: more.timeline ?? 'event',
    ...(more.knownAt && { knownAt: more.knownAt }),
  });
  return events
    .map((e): ValueAt => ({
      key: e.key,
      at: Date.parse(more.timeline === 'recorded' ? e.recordedAt : (e.eventTime ?? e.recordedAt)),
      value: e.data[more.field === '/pressure' ? 'pressure' : 'temperature'] as number,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

const INSTANTS = [
  '2026-11-20T11:59:59.999Z', // before anything
  '2026-11-20T12:00:00.000Z', // R201's only reading, two days before the others
  '2026-11-22T08:00:09.999Z',
  '2026-11-22T08:00:10.000Z',
  '2026-11-22T08:00:39.000Z',
  '2026-11-22T08:01:05.000Z',
  '2026-11-22T08:01:50.000Z',
  '2026-11-22T09:00:00.000Z',
];

async function expectSameAsWholeEvents(more: { knownAt?: Date } = {}) {
  for (const at of INSTANTS) {
    const values = await fromWholeEvents(at, more);
    const answer = await valuesAt(at, more);
    expect({ at, values: answer.values }).toEqual({ at, values });
    // The unit comes with the values or the field's series (the gateway names it when there are neither).
    if (values.length > 0) expect(answer.unit).toBe('Cel');
    const pressure = { ...more, field: '/pressure' as const };
    expect({ at, pressure: (await valuesAt(at, pressure)).values }).toEqual({
      at,
      pressure: await fromWholeEvents(at, pressure),
    });
  }
}

let sampled: number;
let lastOfR101: number;
let beforeCorrection: Date;

beforeAll(async () => {
  await reading('R201', 450, '2026-11-20T12:00:00.000Z');
  await reading('R101', 250, '2026-11-22T08:00:10.000Z');
  lastOfR101 = (await reading('R101', 240, '2026-11-22T08:01:50.000Z')).position;
  // Late data: recorded after 08:01:50, true at 08:00:40.
  await reading('R101', 260, '2026-11-22T08:00:40.000Z');
  sampled = (await reading('R101', 270, '2026-11-22T08:01:05.000Z')).position;
});

describe('the value of a field at an instant, for every key', () => {
  it('is the hand-checked reading, late data at its own time', async () => {
    expect(await valuesAt('2026-11-22T08:00:50.000Z')).toEqual({
      unit: 'Cel',
      values: [
        { key: 'R101', at: Date.parse('2026-11-22T08:00:40.000Z'), value: 260 },
        { key: 'R201', at: Date.parse('2026-11-20T12:00:00.000Z'), value: 450 },
      ],
    });
    expect((await valuesAt('2026-11-22T08:00:50.000Z', { key: 'R201' })).values).toEqual([
      { key: 'R201', at: Date.parse('2026-11-20T12:00:00.000Z'), value: 450 },
    ]);
  });

  it('agrees with the whole events from the log alone, half projected and fully projected', async () => {
    await expectSameAsWholeEvents();
    await projector.projectBatch(); // three of five events: the rest comes from the log
    await expectSameAsWholeEvents();
    await projector.catchUp();
    await expectSameAsWholeEvents();
  });

  it('shows a correction at once, from the log and once projected, and what was known before it', async () => {
    await new Promise((r) => setTimeout(r, 5));
    beforeCorrection = new Date();
    await new Promise((r) => setTimeout(r, 5));
    await reading('R101', 280, '2026-11-22T08:01:05.000Z', sampled);
    // A correction that also moves the reading's time: the one it replaces must not stay the latest.
    await reading('R101', 235, '2026-11-22T08:01:45.000Z', lastOfR101);
    expect((await valuesAt('2026-11-22T08:01:10.000Z', { key: 'R101' })).values[0]!.value).toBe(280);
    expect((await valuesAt('2026-11-22T08:01:55.000Z', { key: 'R101' })).values[0]!.value).toBe(235);
    await expectSameAsWholeEvents();
    await expectSameAsWholeEvents({ knownAt: beforeCorrection });
    await projector.catchUp();
    expect((await valuesAt('2026-11-22T08:01:10.000Z', { key: 'R101' })).values[0]!.value).toBe(280);
    expect((await valuesAt('2026-11-22T08:01:55.000Z', { key: 'R101' })).values[0]!.value).toBe(235);
    expect(
      (await valuesAt('2026-11-22T08:01:10.000Z', { key: 'R101', knownAt: beforeCorrection })).values[0]!
        .value,
    ).toBe(270);
    await expectSameAsWholeEvents();
    await expectSameAsWholeEvents({ knownAt: beforeCorrection });
  });

  it('on the recorded timeline is the last reading the hub had stored by then', async () => {
    const now = new Date(Date.now() + 1000).toISOString();
    expect(await valuesAt(now, { timeline: 'recorded' })).toEqual({
      unit: 'Cel',
      values: await fromWholeEvents(now, { timeline: 'recorded' }),
    });
    expect(await valuesAt('2026-01-01T00:00:00Z', { timeline: 'recorded' })).toEqual({
      unit: null,
      values: [],
    });
    // R101's last stored reading is the last correction (235), whatever its event time.
    expect((await valuesAt(now, { timeline: 'recorded', key: 'R101' })).values[0]!.value).toBe(235);
  });

  it('past raw retention, is the last reading of the latest minute that ended by the instant', async () => {
    await projector.catchUp();
    await applyRetention(database.db, { rawDays: 1, minuteDays: 0 }, Date.parse('2026-11-24T00:00:00Z'));
    expect((await valuesAt('2026-11-22T08:00:59.999Z')).values).toEqual([
      { key: 'R101', at: Date.parse('2026-11-22T08:00:40.000Z'), value: 260 },
      { key: 'R201', at: Date.parse('2026-11-20T12:00:00.000Z'), value: 450 },
    ]);
    expect((await valuesAt('2026-11-22T09:00:00.000Z', { key: 'R101' })).values).toEqual([
      { key: 'R101', at: Date.parse('2026-11-22T08:01:45.000Z'), value: 235 },
    ]);
  });
});
