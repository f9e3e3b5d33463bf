/** How many events match a filter after a position (what a replay is about to send). */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { whereEventFilter, type EventFilter } from './event-filter.js';
import { committedPrefix } from './visibility-fence.js';

export async function countEvents(db: Kysely<DB>, filter: EventFilter, after = 0): Promise<number> {
  const query = db
    .selectFrom('dx.events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('global_position', '>', after)
    .where(committedPrefix);
  const row = await whereEventFilter(query, filter).executeTakeFirstOrThrow();
  return Number(row.n);
}
