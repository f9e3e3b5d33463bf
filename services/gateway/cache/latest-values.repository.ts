/** The latest event of a stream, through the head that dx.streams keeps in the same transaction as the events. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import type { EventEnvelope } from '../../common/event-store/event-store.types.js';
import { ENVELOPE_COLUMNS, toEnvelope, type EventRow } from '../../common/event-store/to-envelope.js';

export async function readLatest(
  db: Kysely<DB>,
  contractId: string,
  key: string,
): Promise<EventEnvelope | null> {
  const row = await db
    .selectFrom('dx.streams as s')
    .innerJoin('dx.events', (join) =>
      join
        .onRef('dx.events.contract_id', '=', 's.contract_id')
        .onRef('dx.events.key', '=', 's.key')
        .onRef('dx.events.stream_position', '=', 's.position'),
    )
    .select(ENVELOPE_COLUMNS.map((c) => (typeof c === 'string' ? sql.ref(`dx.events.${c}`).as(c) : c)))
    .where('s.contract_id', '=', contractId)
    .where('s.key', '=', key)
    .executeTakeFirst();
  return row ? toEnvelope(row as unknown as EventRow) : null;
}

/** The stream position of a stream's head (its latest event), or 0 when the stream has none. */
export async function readHeadPosition(db: Kysely<DB>, contractId: string, key: string): Promise<number> {
  const row = await db
    .selectFrom('dx.streams')
    .select('position')
    .where('contract_id', '=', contractId)
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.position ?? 0;
}
