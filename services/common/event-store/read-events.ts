/**
 * Reads events in global order after a position, one page at a time, optionally narrowed to a
 * contract, a key and a time range. The visibility fence (visibility-fence.ts) keeps a reader from
 * passing an event whose transaction commits late: what it has returned is never revised.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { EventEnvelope } from './event-store.types.js';

export type { EventFilter } from './event-filter.js';
import { whereEventFilter, type EventFilter } from './event-filter.js';
import { ENVELOPE_COLUMNS, toEnvelope } from './to-envelope.js';
import { behindFence } from './visibility-fence.js';

export interface ReadPage {
  after: number;
  limit: number;
  /** A fence read before this page (read-store-fence.ts): every event at or below it is there to read. */
  provenUpTo?: number;
}

export async function readEvents(
  db: Kysely<DB>,
  filter: EventFilter,
  page: ReadPage,
): Promise<EventEnvelope[]> {
  const query = db
    .selectFrom('dx.events')
    .select(ENVELOPE_COLUMNS)
    .where('global_position', '>', page.after)
    .where(behindFence(page.provenUpTo));
  const rows = await whereEventFilter(query, filter).orderBy('global_position').limit(page.limit).execute();
  return rows.map(toEnvelope);
}

/** Every matching event after `after`, page by page, in global order. */
export async function* readAllEvents(
  db: Kysely<DB>,
  filter: EventFilter,
  after = 0,
  pageSize = 5000,
): AsyncGenerator<EventEnvelope[]> {
  let cursor = after;
  for (;;) {
    const page = await readEvents(db, filter, { after: cursor, limit: pageSize });
    if (page.length === 0) return;
    yield page;
    cursor = page[page.length - 1]!.position;
    if (page.length < pageSize) return;
  }
}
