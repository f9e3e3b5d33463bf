/**
 * Reads what the console's charts and tables show from dx.events: the values of a few fields of one
 * stream over time (columns, so a chart of 100,000 points costs one round trip and no envelopes), and
 * events of several contracts in global order. Both stay behind the store's visibility fence.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import type { EventEnvelope } from '../../common/event-store/event-store.types.js';
import { ENVELOPE_COLUMNS, toEnvelope } from '../../common/event-store/to-envelope.js';
import { committedPrefix } from '../../common/event-store/visibility-fence.js';
import { pointerTokens } from '../../common/schemas/pointer-tokens.js';

export interface SeriesQuery {
  contract: string;
  key: string;
  /** JSON pointers into the payload, e.g. /temperature. */
  fields: string[];
  /** Recorded at or after. */
  from?: Date;
  /** Recorded before. */
  to?: Date;
  /** At most this many points: the newest ones when `newest`, else the oldest in the range. */
  limit: number;
  newest: boolean;
}

export interface SeriesRows {
  /** Recorded time, ms since the epoch. */
  time: number[];
  position: number[];
  /** For each field, its value at each point (null where the payload has none). */
  values: unknown[][];
}

export async function readSeries(db: Kysely<DB>, query: SeriesQuery): Promise<SeriesRows> {
  const columns = query.fields.map((pointer, i) => sql`payload #> ${pathOf(pointer)} AS ${sql.ref(`f${i}`)}`);
  const { rows } = await sql<Record<string, unknown> & { t: number; p: number }>`
    SELECT (extract(epoch FROM recorded_at) * 1000)::float8 AS t, global_position AS p
           ${columns.length > 0 ? sql`, ${sql.join(columns)}` : sql``}
    FROM dx.events
    WHERE contract_id = ${query.contract} AND key = ${query.key}
      ${query.from ? sql`AND recorded_at >= ${query.from}` : sql``}
      ${query.to ? sql`AND recorded_at < ${query.to}` : sql``}
      AND ${committedPrefix}
    ORDER BY stream_position ${query.newest ? sql`DESC` : sql`ASC`}
    LIMIT ${query.limit}
  `.execute(db);
  if (query.newest) rows.reverse();
  return {
    time: rows.map((r) => Number(r.t)),
    position: rows.map((r) => Number(r.p)),
    values: query.fields.map((_, i) => rows.map((r) => r[`f${i}`] ?? null)),
  };
}

export interface EventsQuery {
  contracts: string[];
  key?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** The newest events of the range rather than the oldest. */
  newest: boolean;
}

export async function readEventsOf(db: Kysely<DB>, query: EventsQuery): Promise<EventEnvelope[]> {
  let select = db
    .selectFrom('dx.events')
    .select(ENVELOPE_COLUMNS)
    .where('contract_id', 'in', query.contracts)
    .where(committedPrefix);
  if (query.key !== undefined) select = select.where('key', '=', query.key);
  if (query.from) select = select.where('recorded_at', '>=', query.from);
  if (query.to) select = select.where('recorded_at', '<', query.to);
  const rows = await select
    .orderBy('global_position', query.newest ? 'desc' : 'asc')
    .limit(query.limit)
    .execute();
  if (query.newest) rows.reverse();
  return rows.map(toEnvelope);
}

export async function readEventAt(db: Kysely<DB>, position: number): Promise<EventEnvelope | undefined> {
  const row = await db
    .selectFrom('dx.events')
    .select(ENVELOPE_COLUMNS)
    .where('global_position', '=', position)
    .executeTakeFirst();
  return row && toEnvelope(row);
}

/** A JSON pointer (RFC 6901) as the text[] path PostgreSQL's #> takes. */
export function pathOf(pointer: string): readonly string[] {
  return pointerTokens(pointer);
}

export interface StreamSummary {
  contract: string;
  key: string;
  /** Events in the stream (its last stream position). */
  events: number;
  updatedAt: string;
}

/** The streams (contract, key) of some contracts, from their heads: what the equipment browser lists. */
export async function readStreamsOf(
  db: Kysely<DB>,
  contracts: string[],
  limit: number,
): Promise<StreamSummary[]> {
  if (contracts.length === 0) return [];
  const rows = await db
    .selectFrom('dx.streams')
    .select(['contract_id', 'key', 'position', 'updated_at'])
    .where('contract_id', 'in', contracts)
    .orderBy('key')
    .orderBy('contract_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    contract: r.contract_id,
    key: r.key,
    events: Number(r.position),
    updatedAt: r.updated_at.toISOString(),
  }));
}
