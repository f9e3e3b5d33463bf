/**
 * Which events a read is about: a contract, a key of it, a time range on one of the two timelines, and
 * what the hub knew at a time. One place applies it to a query.
 *
 * On the recorded timeline a read sees the log as it was written, corrections and the events they
 * correct alike (what the audit sees). On the event timeline it sees what was true: an event a
 * correction supersedes is left out, unless the correction was recorded after `knownAt`.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import { eventTimeOf, type Timeline } from './timeline.js';

export interface EventFilter {
  contractId?: string;
  key?: string;
  /** At or after, on `timeline`. */
  from?: Date;
  /** Before, on `timeline`. */
  to?: Date;
  /** Which time `from` and `to` are on, and whether corrected events show (default: recorded). */
  timeline?: Timeline;
  /** Only events the hub had recorded at or before this time: "as known at". */
  knownAt?: Date;
}

export function whereEventFilter<O>(
  query: SelectQueryBuilder<DB, 'dx.events', O>,
  filter: EventFilter,
): SelectQueryBuilder<DB, 'dx.events', O> {
  let narrowed = query;
  if (filter.contractId !== undefined) narrowed = narrowed.where('contract_id', '=', filter.contractId);
  if (filter.key !== undefined) narrowed = narrowed.where('key', '=', filter.key);
  if (filter.knownAt !== undefined) narrowed = narrowed.where('recorded_at', '<=', filter.knownAt);
  if (filter.timeline === 'event') {
    const time = eventTimeOf();
    if (filter.from !== undefined) narrowed = narrowed.where(sql<boolean>`${time} >= ${filter.from}`);
    if (filter.to !== undefined) narrowed = narrowed.where(sql<boolean>`${time} < ${filter.to}`);
    narrowed = narrowed.where(notSuperseded(filter.knownAt));
    return narrowed;
  }
  if (filter.from !== undefined) narrowed = narrowed.where('recorded_at', '>=', filter.from);
  if (filter.to !== undefined) narrowed = narrowed.where('recorded_at', '<', filter.to);
  return narrowed;
}

/** No correction of this event (of dx.events unaliased) was recorded, by `knownAt` if given. */
export function notSuperseded(knownAt?: Date, alias = 'dx.events') {
  return sql<boolean>`NOT EXISTS (
    SELECT 1 FROM dx.events correction WHERE correction.supersedes = ${sql.ref(`${alias}.global_position`)}
    ${knownAt === undefined ? sql`` : sql`AND correction.recorded_at <= ${knownAt}`})`;
}
