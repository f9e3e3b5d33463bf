/**
 * The store's state for an anchor, read from dx.events alone (never from dx.streams, which an attacker
 * would rewrite along with the events): the position up to which every transaction has committed, and
 * at a position the head of every stream and the number of events.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { committedPrefix } from '../event-store/visibility-fence.js';
import type { AnchorHead, StoreState } from './anchor.types.js';

/**
 * The highest global position below the read fence (0 in an empty store). Every event at or below it
 * has committed and no later transaction can take a position at or below it, so the state there never
 * changes unless someone alters the table.
 */
export async function readFencedPosition(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('dx.events')
    .select((eb) => eb.fn.max('global_position').as('g'))
    .where(committedPrefix)
    .executeTakeFirst();
  return row?.g ?? 0;
}

/** Both reads at once, on two connections of the pool. */
export async function readStoreState(db: Kysely<DB>, globalPosition: number): Promise<StoreState> {
  const [heads, [events]] = await Promise.all([
    readHeadsAt(db, globalPosition),
    countEventsUpTo(db, [globalPosition]),
  ]);
  return { globalPosition, events: events!, heads };
}

/**
 * Each stream's last event (highest stream position) at or below the position, in digest order. The
 * streams are found by a skip scan of the (contract, key, stream position) index, two index probes per
 * stream, so the cost follows the number of streams, not of events.
 */
export async function readHeadsAt(db: Kysely<DB>, globalPosition: number): Promise<AnchorHead[]> {
  const { rows } = await sql<{ c: string; k: string; s: number; g: number; h: string }>`
    WITH RECURSIVE streams AS (
      (SELECT contract_id, key FROM dx.events ORDER BY contract_id, key LIMIT 1)
      UNION ALL
      SELECT nxt.contract_id, nxt.key
      FROM streams s CROSS JOIN LATERAL (
        SELECT e.contract_id, e.key FROM dx.events e
        WHERE (e.contract_id, e.key) > (s.contract_id, s.key)
        ORDER BY e.contract_id, e.key LIMIT 1
      ) nxt
    )
    SELECT s.contract_id AS c, s.key AS k, head.stream_position AS s, head.global_position AS g,
           encode(head.hash, 'hex') AS h
    FROM streams s CROSS JOIN LATERAL (
      SELECT e.stream_position, e.global_position, e.hash FROM dx.events e
      WHERE e.contract_id = s.contract_id AND e.key = s.key AND e.global_position <= ${globalPosition}
      ORDER BY e.stream_position DESC LIMIT 1
    ) head
    ORDER BY s.contract_id COLLATE "C", s.key COLLATE "C"
  `.execute(db);
  return rows.map((r) => [r.c, r.k, r.s, r.g, r.h]);
}

/** The number of events at or below each position, in one pass over the table. */
export async function countEventsUpTo(db: Kysely<DB>, positions: readonly number[]): Promise<number[]> {
  if (positions.length === 0) return [];
  if (positions.length === 1) {
    const row = await db
      .selectFrom('dx.events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('global_position', '<=', positions[0]!)
      .executeTakeFirstOrThrow();
    return [Number(row.n)];
  }
  // width_bucket puts an event in bucket i when it lies above the i-th smallest position and at or
  // below the next one (bucket 0: at or below the smallest); the count up to a position is the sum of
  // the buckets up to it.
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  const { rows } = await sql<{ bucket: number; n: number }>`
    SELECT width_bucket(global_position, ${sorted.map((p) => p + 1)}::bigint[]) AS bucket, count(*) AS n
    FROM dx.events WHERE global_position <= ${sorted[sorted.length - 1]!}
    GROUP BY 1
  `.execute(db);
  const perBucket = new Map(rows.map((r) => [r.bucket, r.n]));
  const upTo = new Map<number, number>();
  let total = 0;
  sorted.forEach((position, i) => {
    total += perBucket.get(i) ?? 0;
    upTo.set(position, total);
  });
  return positions.map((p) => upTo.get(p)!);
}
