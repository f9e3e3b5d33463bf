/** The events a lineage names: one by its global position, or those of a stream between two positions. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { EventEnvelope } from '../event-store/event-store.types.js';
import { ENVELOPE_COLUMNS, toEnvelope } from '../event-store/to-envelope.js';

export async function readEventAt(db: Kysely<DB>, position: number): Promise<EventEnvelope | undefined> {
  const row = await db
    .selectFrom('dx.events')
    .select(ENVELOPE_COLUMNS)
    .where('global_position', '=', position)
    .executeTakeFirst();
  return row && toEnvelope(row);
}

/** Events of one stream with from <= position <= to, in order, at most `limit`. */
export async function readStreamRange(
  db: Kysely<DB>,
  contract: string,
  key: string,
  from: number,
  to: number,
  limit: number,
): Promise<EventEnvelope[]> {
  const rows = await db
    .selectFrom('dx.events')
    .select(ENVELOPE_COLUMNS)
    .where('contract_id', '=', contract)
    .where('key', '=', key)
    .where('global_position', '>=', from)
    .where('global_position', '<=', to)
    .orderBy('global_position')
    .limit(limit)
    .execute();
  return rows.map(toEnvelope);
}
