/**
 * The state of a contract at an instant, on either timeline: one event per key.
 *
 * - Event timeline ("what was true at `at`"): per key, the event with the latest event time at or
 *   before `at`, leaving out events a correction supersedes. Late data takes its place by its event
 *   time, whenever it arrived. With `knownAt`, only what the hub had recorded by then counts, corrections
 *   included: "what was true at `at`, as known at `knownAt`".
 * - Recorded timeline ("what the hub knew at `at`"): per key, the last event recorded at or before `at`
 *   (readAsOf), a correction being an event like any other.
 *
 * Both read behind the store's fence, and a past `knownAt` (like a past recorded time) is answered
 * once it is settled (wait-until-settled.ts), so the same question gets the same answer.
 *
 * This is the function other services call for past states (analytics' what-if scenarios, the
 * assets API): readStateAt(db, { contractId, at, timeline: 'event', knownAt }).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { DxError } from '../errors/dx-error.js';
import type { EventEnvelope } from './event-store.types.js';
import { notSuperseded } from './event-filter.js';
import { readAsOf } from './read-as-of.js';
import { eventTimeOf, type Timeline } from './timeline.js';
import { EVENT_AT_ISO, HASH_HEX, RECORDED_AT_ISO, toEnvelope, type EventRow } from './to-envelope.js';
import { committedPrefix } from './visibility-fence.js';
import { waitUntilSettled } from './wait-until-settled.js';

export interface StateQuery {
  contractId: string;
  /** One key only; otherwise every key of the contract. */
  key?: string;
  at: Date;
  /** Which timeline `at` is on; default event. */
  timeline?: Timeline;
  /** Event timeline only: count only what was recorded at or before this time. */
  knownAt?: Date;
  /** How long to wait for a past recorded time or knownAt to settle (wait-until-settled.ts). */
  settleWaitMs?: number;
}

export async function readStateAt(db: Kysely<DB>, query: StateQuery): Promise<EventEnvelope[]> {
  if ((query.timeline ?? 'event') === 'recorded') {
    if (query.knownAt !== undefined) {
      throw new DxError(
        'BAD_ARGUMENT',
        'knownAt goes with the event timeline; on the recorded timeline the time itself is what was known',
        { field: 'knownAt', rule: 'timeline', expected: 'event' },
      );
    }
    return readAsOf(db, query.contractId, query.at, query.key, { waitMs: query.settleWaitMs });
  }
  const time = eventTimeOf('e');
  const known = query.knownAt;
  // "As known at" a past time gives the same answer whenever it is asked: wait until it is settled.
  if (known !== undefined && known.getTime() <= Date.now())
    await waitUntilSettled(db, known, { waitMs: query.settleWaitMs });
  const { rows } = await sql<EventRow>`
    SELECT e.global_position, e.stream_position, e.contract_id, e.contract_version, e.key,
           e.producer, e.msg_id, ${RECORDED_AT_ISO} AS recorded_at, ${EVENT_AT_ISO} AS event_at,
           e.supersedes, ${HASH_HEX} AS hash, e.payload
    FROM dx.streams s
    CROSS JOIN LATERAL (
      SELECT * FROM dx.events e
      WHERE e.contract_id = s.contract_id AND e.key = s.key AND ${time} <= ${query.at}
        ${known === undefined ? sql`` : sql`AND e.recorded_at <= ${known}`}
        AND ${notSuperseded(known, 'e')} AND ${committedPrefix}
      ORDER BY ${time} DESC, e.stream_position DESC
      LIMIT 1
    ) e
    WHERE s.contract_id = ${query.contractId} ${query.key === undefined ? sql`` : sql`AND s.key = ${query.key}`}
    ORDER BY e.global_position
  `.execute(db);
  return rows.map(toEnvelope);
}
