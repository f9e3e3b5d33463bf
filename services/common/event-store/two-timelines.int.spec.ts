import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { verifyChain } from '../audit/verify-chain.js';
import { DxError } from '../errors/dx-error.js';
import { EventStore } from './event-store.js';
import type { AppendRequest, AppendResult } from './event-store.types.js';

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
function reading(key: string, temperature: number, eventTime: string, extra: Partial<AppendRequest> = {}) {
  return store.append({
    contractId: 'scada.reactor-telemetry',
    contractVersion: '1.0.0',
    key,
    producer: 'scada',
    msgId: `t-${++nextMsg}`,
    payload: { temperature, sourceTimestamp: eventTime },
    eventTime,
    ...extra,
  });
}

/** Waits until the database clock has passed a recorded time, so the next append is recorded later. */
async function after(result: AppendResult): Promise<Date> {
  for (;;) {
    const { rows } = await sql<{ later: boolean }>`
      SELECT clock_timestamp() > ${result.recordedAt}::timestamptz AS later`.execute(database.db);
    if (rows[0]!.later) return new Date(result.recordedAt);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const temperatures = (events: { data: Record<string, unknown> }[]) => events.map((e) => e.data.temperature);
const stateOf = async (
  key: string,
  at: string,
  more: { timeline?: 'event' | 'recorded'; knownAt?: Date } = {},
) =>
  temperatures(
    await store.readStateAt({ contractId: 'scada.reactor-telemetry', key, at: new Date(at), ...more }),
  );

describe('late data', () => {
  let beforeLate: Date;

  beforeAll(async () => {
    await reading('R101', 250, '2026-11-22T08:00:00.000Z');
    beforeLate = await after(await reading('R101', 270, '2026-11-22T08:10:00.000Z'));
    // Sampled at 08:05, arrives after the 08:10 reading.
    await reading('R101', 260, '2026-11-22T08:05:00.000Z');
  });

  it('takes its place by its event time in what was true at an instant', async () => {
    expect(await stateOf('R101', '2026-11-22T08:04:59Z')).toEqual([250]);
    expect(await stateOf('R101', '2026-11-22T08:07:00Z')).toEqual([260]);
    expect(await stateOf('R101', '2026-11-22T08:12:00Z')).toEqual([270]);
    expect(await stateOf('R101', '2026-11-22T07:59:59Z')).toEqual([]);
  });

  it('is not known before it was recorded: true at 08:07 as known before it arrived', async () => {
    expect(await stateOf('R101', '2026-11-22T08:07:00Z', { knownAt: beforeLate })).toEqual([250]);
  });

  it('is the last thing the hub knew on the recorded timeline', async () => {
    expect(await stateOf('R101', new Date().toISOString(), { timeline: 'recorded' })).toEqual([260]);
    expect(await stateOf('R101', beforeLate.toISOString(), { timeline: 'recorded' })).toEqual([270]);
  });

  it('falls in an event-time range by its event time, and in a recorded range by its arrival', async () => {
    const range = { from: new Date('2026-11-22T08:01:00Z'), to: new Date('2026-11-22T08:06:00Z') };
    const onEvent = await store.read(
      { contractId: 'scada.reactor-telemetry', key: 'R101', timeline: 'event', ...range },
      { after: 0, limit: 100 },
    );
    expect(temperatures(onEvent)).toEqual([260]);
    expect(onEvent[0]!.eventTime).toBe('2026-11-22T08:05:00.000Z');
    const arrivedLater = await store.read(
      {
        contractId: 'scada.reactor-telemetry',
        key: 'R101',
        timeline: 'recorded',
        from: new Date(beforeLate.getTime() + 1),
      },
      { after: 0, limit: 100 },
    );
    expect(temperatures(arrivedLater)).toEqual([260]);
  });
});

describe('corrections', () => {
  let original: AppendResult;
  let correction: AppendResult;
  let beforeCorrection: Date;

  beforeAll(async () => {
    original = await reading('R201', 450, '2026-11-22T08:00:00.000Z');
    beforeCorrection = await after(original);
    correction = await reading('R201', 455, '2026-11-22T08:00:00.000Z', { supersedes: original.position });
  });

  it('replace the reading they name in what was true, and carry the position they supersede', async () => {
    const [state] = await store.readStateAt({
      contractId: 'scada.reactor-telemetry',
      key: 'R201',
      at: new Date('2026-11-22T09:00:00Z'),
    });
    expect(state).toMatchObject({ position: correction.position, supersedes: original.position });
    expect(state!.data.temperature).toBe(455);
  });

  it('leave the original in place as known before the correction was recorded', async () => {
    expect(await stateOf('R201', '2026-11-22T09:00:00Z', { knownAt: beforeCorrection })).toEqual([450]);
  });

  it('show beside the original on the recorded timeline, and alone on the event timeline', async () => {
    const filter = { contractId: 'scada.reactor-telemetry', key: 'R201' };
    const recorded = await store.read({ ...filter, timeline: 'recorded' }, { after: 0, limit: 100 });
    const event = await store.read({ ...filter, timeline: 'event' }, { after: 0, limit: 100 });
    expect(temperatures(recorded)).toEqual([450, 455]);
    expect(temperatures(event)).toEqual([455]);
  });

  it('may be corrected in turn, and the newest correction is what was true', async () => {
    const second = await reading('R201', 456, '2026-11-22T08:00:00.000Z', {
      supersedes: correction.position,
    });
    expect(await stateOf('R201', '2026-11-22T09:00:00Z')).toEqual([456]);
    const all = await store.read(
      { contractId: 'scada.reactor-telemetry', key: 'R201' },
      { after: 0, limit: 9 },
    );
    expect(all.map((e) => e.supersedes ?? null)).toEqual([null, original.position, correction.position]);
    expect(second.streamPosition).toBe(3);
  });

  it('never correct one event twice, even when two race', async () => {
    const target = await reading('R201', 460, '2026-11-22T08:01:00.000Z');
    const outcomes = await Promise.allSettled([
      reading('R201', 461, '2026-11-22T08:01:00.000Z', { supersedes: target.position }),
      reading('R201', 462, '2026-11-22T08:01:00.000Z', { supersedes: target.position }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DxError);
    expect((refused.reason as DxError).code).toBe('CORRECTION_CONFLICT');
  });
});

describe('the audit of both timelines', () => {
  it('finds the chains intact, corrections and late data included', async () => {
    const report = await verifyChain(database.db, { contractId: 'scada.reactor-telemetry' });
    expect(report.problems).toEqual([]);
    expect(report.events).toBeGreaterThan(5);
  });

  it('finds an edited event time or a removed correction link, since the hash covers both', async () => {
    const late = await reading('R301', 300, '2026-11-22T08:00:00.000Z');
    const fixed = await reading('R301', 301, '2026-11-22T08:00:00.000Z', { supersedes: late.position });
    await sql`UPDATE dx.events SET event_at = event_at + interval '1 hour' WHERE global_position = ${late.position}`.execute(
      database.db,
    );
    await sql`UPDATE dx.events SET supersedes = NULL WHERE global_position = ${fixed.position}`.execute(
      database.db,
    );
    const report = await verifyChain(database.db, { contractId: 'scada.reactor-telemetry' });
    expect(report.problems.map((p) => [p.kind, p.position])).toEqual([
      ['edited', late.position],
      ['edited', fixed.position],
    ]);
  });

  it('hashes an event without an event time or correction exactly as before', async () => {
    const plain = await store.append({
      contractId: 'scada.alarms',
      contractVersion: '1.0.0',
      key: 'R101',
      producer: 'scada',
      msgId: `t-${++nextMsg}`,
      payload: { alarm: 'HIGH' },
    });
    const { rows } = await sql<{ same: boolean }>`
      SELECT hash = dx.event_hash(global_position, stream_position, contract_id, contract_version, key, producer,
                                  msg_id, recorded_at, payload, decode(repeat('00', 32), 'hex')) AS same
      FROM dx.events WHERE global_position = ${plain.position}`.execute(database.db);
    expect(rows[0]!.same).toBe(true);
  });
});
