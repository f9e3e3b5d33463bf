/**
 * Maps a stored row to the event envelope that replay and delivery hand out. The recorded time and the
 * hash leave PostgreSQL already as the envelope's text (ISO 8601 in UTC, lowercase hex): parsing them
 * into a Date and a Buffer only to print them again was a large share of the cost of a replay.
 */
import { sql, type Selectable } from 'kysely';
import type { EventsTable } from '../db/schema.js';
import type { EventEnvelope } from './event-store.types.js';

export type EventRow = Omit<Selectable<EventsTable>, 'tx_id' | 'recorded_at' | 'event_at' | 'hash'> & {
  recorded_at: string;
  event_at: string | null;
  hash: string;
};

/** As Date.prototype.toISOString prints it; recorded_at is stored to the millisecond. */
export const RECORDED_AT_ISO = sql<string>`to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
export const HASH_HEX = sql<string>`encode(hash, 'hex')`;
/** The event time as the envelope's text, or null when the contract names none. */
export const EVENT_AT_ISO = sql<
  string | null
>`to_char(event_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const ENVELOPE_COLUMNS = [
  'global_position',
  'stream_position',
  'contract_id',
  'contract_version',
  'key',
  'producer',
  'msg_id',
  RECORDED_AT_ISO.as('recorded_at'),
  EVENT_AT_ISO.as('event_at'),
  'supersedes',
  HASH_HEX.as('hash'),
  'payload',
] as const;

export function toEnvelope(row: EventRow): EventEnvelope {
  return {
    position: row.global_position,
    streamPosition: row.stream_position,
    contract: row.contract_id,
    version: row.contract_version,
    key: row.key,
    producer: row.producer,
    msgId: row.msg_id,
    recordedAt: row.recorded_at,
    // Present only when there is one, in this order: read-envelope-lines.ts writes the same text.
    ...(row.event_at !== null && { eventTime: row.event_at }),
    ...(row.supersedes !== null && { supersedes: row.supersedes }),
    hash: row.hash,
    data: row.payload as Record<string, unknown>,
  };
}
