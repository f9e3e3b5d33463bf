/** Which events a read is about: a contract, a key of it, a time range. One place applies it to a query. */
import type { SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/schema.js';

export interface EventFilter {
  contractId?: string;
  key?: string;
  /** Recorded at or after. */
  from?: Date;
  /** Recorded before. */
  to?: Date;
}

export function whereEventFilter<O>(
  query: SelectQueryBuilder<DB, 'dx.events', O>,
  filter: EventFilter,
): SelectQueryBuilder<DB, 'dx.events', O> {
  let narrowed = query;
  if (filter.contractId !== undefined) narrowed = narrowed.where('contract_id', '=', filter.contractId);
  if (filter.key !== undefined) narrowed = narrowed.where('key', '=', filter.key);
  if (filter.from !== undefined) narrowed = narrowed.where('recorded_at', '>=', filter.from);
  if (filter.to !== undefined) narrowed = narrowed.where('recorded_at', '<', filter.to);
  return narrowed;
}
