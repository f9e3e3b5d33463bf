/**
 * Reads one stream (contract id, key) in stream order. Writers of a stream hold its lock until they
 * commit, so stream order is commit order and no visibility fence is needed here.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { EventEnvelope } from './event-store.types.js';
import { ENVELOPE_COLUMNS, toEnvelope } from './to-envelope.js';

export async function readStream(
  db: Kysely<DB>,
  contractId: string,
  key: string,
  page: { after: number; limit: number } = { after: 0, limit: 1000 },
): Promise<EventEnvelope[]> {
  const rows = await db
    .selectFrom('dx.events')
    .select(ENVELOPE_COLUMNS)
    .where('contract_id', '=', contractId)
    .where('key', '=', key)
    .where('stream_position', '>', page.after)
    .orderBy('stream_position')
    .limit(page.limit)
    .execute();
  return rows.map(toEnvelope);
}
