/**
 * How many events match a filter after a position: what a replay is about to send, behind the
 * visibility fence; or, given `upTo` (a fence read before, so everything up to it has committed), how
 * many there are in (after, upTo], which a subscriber compares with what it has delivered.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { whereEventFilter, type EventFilter } from './event-filter.js';
import { committedPrefix } from './visibility-fence.js';

export async function countEvents(
  db: Kysely<DB>,
  filter: EventFilter,
  after = 0,
  upTo?: number,
): Promise<number> {
  const query = db
    .selectFrom('dx.events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('global_position', '>', after);
  const bounded =
    upTo === undefined ? query.where(committedPrefix) : query.where('global_position', '<=', upTo);
  const row = await whereEventFilter(bounded, filter).executeTakeFirstOrThrow();
  return Number(row.n);
}
