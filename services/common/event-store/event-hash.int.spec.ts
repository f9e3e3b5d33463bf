import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { eventHash, ZERO_HASH } from './event-hash.js';
import { jsonbText } from './jsonb-text.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

/** Payloads whose jsonb text differs from JSON.stringify's in every way PostgreSQL's output can. */
const PAYLOADS: Record<string, unknown>[] = [
  { plant: 'north-works', temperatureC: 251.25, alarm: false, quality: 'GOOD', n: null },
  { bb: 1, a: 2, ccc: 3, ab: 4, b: 5, '': 6 },
  {
    tiny: 1.5e-7,
    small: 0.000001,
    huge: 1e21,
    big: 1.7976931348623157e308,
    least: 5e-324,
    neg: -2.5e-10,
    zero: -0,
  },
  {
    ints: [0, -1, Number.MAX_SAFE_INTEGER, 2 ** 70],
    floats: [0.1, 0.30000000000000004, 1e-7, 123e-20],
  },
  { text: 'quote " backslash \\ slash / tab \t newline \n return \r bell \u0007 del \u007f' },
  { unicode: 'Grad °C, Ω, 東京, emoji 😀, line sep \u2028', é: 1, z: 2, ü: { ß: [] }, '😀': {} },
  { nested: { deep: [{ b: 1, a: [1, [2, [3, {}]]] }, [], {}] }, empty: '' },
  { when: new Date(Date.UTC(2026, 11, 6, 17, 30)), skipped: undefined, list: [undefined, () => 1] },
];

describe('the event hash computed in Node', () => {
  it('renders each payload exactly as PostgreSQL prints its jsonb', async () => {
    for (const payload of PAYLOADS) {
      const { rows } = await sql<{
        text: string;
      }>`SELECT (${JSON.stringify(payload)}::jsonb)::text AS text`.execute(database.db);
      expect(jsonbText(payload)).toBe(rows[0]!.text);
    }
  });

  it('is the hash dx.event_hash gives the same event, with and without event time and correction', async () => {
    const recorded = '2026-12-06T17:30:00.123Z';
    let previous: Buffer = ZERO_HASH;
    for (const [i, payload] of PAYLOADS.entries()) {
      const event = {
        globalPosition: 1000 + i,
        streamPosition: i + 1,
        contractId: 'scada.reactor-telemetry',
        contractVersion: '1.2.0',
        key: i % 2 ? 'RX-1 "ü"' : 'R101',
        producer: 'scada',
        msgId: `m-${i}\t😀`,
        recordedAtMs: Date.parse(recorded),
        ...(i % 3 === 1 ? { eventAtMs: Date.parse('2026-12-06T17:29:59.999Z') } : {}),
        ...(i % 3 === 2 ? { supersedes: 7 } : {}),
      };
      const eventAt = event.eventAtMs === undefined ? null : new Date(event.eventAtMs).toISOString();
      const { rows } = await sql<{ hash: Buffer }>`
        SELECT dx.event_hash(${event.globalPosition}::bigint, ${event.streamPosition}::bigint, ${event.contractId},
          ${event.contractVersion}, ${event.key}, ${event.producer}, ${event.msgId}, ${recorded}::timestamptz,
          ${eventAt}::timestamptz, ${event.supersedes ?? null}::bigint, ${JSON.stringify(payload)}::jsonb,
          ${previous}::bytea) AS hash`.execute(database.db);
      const hash = eventHash({ ...event, payload }, previous);
      expect(hash.toString('hex')).toBe(rows[0]!.hash.toString('hex'));
      previous = hash;
    }
  });
});
