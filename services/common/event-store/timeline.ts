/**
 * The two timelines every time query names. Event time: when what an event says was true (the payload's
 * own time, at the pointer its contract version names with x-event-time; the recorded time when it names
 * none). Recorded time: when the hub stored it. The event time of a row is one SQL expression, the one
 * the index events_stream_event_time_idx is built on, so that queries on it use the index.
 */
import { sql, type RawBuilder } from 'kysely';
import { DxError } from '../errors/dx-error.js';

export type Timeline = 'event' | 'recorded';

export const TIMELINES: readonly Timeline[] = ['event', 'recorded'];

/** coalesce(event_at, recorded_at), of the table itself or of an alias. */
export function eventTimeOf(alias?: string): RawBuilder<Date> {
  return alias === undefined
    ? sql<Date>`coalesce(event_at, recorded_at)`
    : sql<Date>`coalesce(${sql.ref(`${alias}.event_at`)}, ${sql.ref(`${alias}.recorded_at`)})`;
}

export function parseTimeline(value: unknown, field = 'timeline'): Timeline | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'event' || value === 'recorded') return value;
  throw new DxError('BAD_ARGUMENT', `${field} must be "event" or "recorded", got ${JSON.stringify(value)}`, {
    field,
    rule: 'enum',
    expected: TIMELINES,
  });
}

/**
 * An event time as the store keeps it: ISO 8601 in UTC to the millisecond, years 1 to 9999 (what
 * PostgreSQL's timestamptz and the hash's epoch milliseconds hold). Undefined when it is not one.
 */
export function normalEventTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = new Date(value);
  const year = time.getUTCFullYear();
  if (Number.isNaN(time.getTime()) || year < 1 || year > 9999) return undefined;
  return time.toISOString();
}
