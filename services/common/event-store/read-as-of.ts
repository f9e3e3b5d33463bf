/**
 * The state of a contract at a past time: the latest event of every key recorded at or before `at`.
 * Answered only once `at` is settled (wait-until-settled.ts): asked again later, it gives the same
 * answer. A time still to come cannot settle: it is answered at once, behind the store's fence, as
 * the state so far.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { EventEnvelope } from './event-store.types.js';
import { EVENT_AT_ISO, HASH_HEX, RECORDED_AT_ISO, toEnvelope, type EventRow } from './to-envelope.js';
import { committedPrefix } from './visibility-fence.js';
import { waitUntilSettled, type SettleOptions } from './wait-until-settled.js';

export type AsOfOptions = SettleOptions;

export async function readAsOf(
  db: Kysely<DB>,
  contractId: string,
  at: Date,
  key?: string,
  options: AsOfOptions = {},
): Promise<EventEnvelope[]> {
  if (at.getTime() <= Date.now()) await waitUntilSettled(db, at, options);
  const { rows } = await sql<EventRow>`
    SELECT e.global_position, e.stream_position, e.contract_id, e.contract_version, e.key,
           e.producer, e.msg_id, ${RECORDED_AT_ISO} AS recorded_at, ${EVENT_AT_ISO} AS event_at,
           e.supersedes, ${HASH_HEX} AS hash, e.payload
    FROM dx.streams s
    CROSS JOIN LATERAL (
      SELECT * FROM dx.events e
      WHERE e.contract_id = s.contract_id AND e.key = s.key AND e.recorded_at <= ${at} AND ${committedPrefix}
      ORDER BY e.stream_position DESC
      LIMIT 1
    ) e
    WHERE s.contract_id = ${contractId} ${key === undefined ? sql`` : sql`AND s.key = ${key}`}
    ORDER BY e.global_position
  `.execute(db);
  return rows.map(toEnvelope);
}
