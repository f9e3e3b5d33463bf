/**
 * Where the store stands: its head (the highest global position committed) and its fence (the highest
 * global position at or below which every transaction has finished: nothing can appear there any more).
 * Catch-up readers end where the fence has passed what they need; the gateways announce both (dx.head).
 *
 * The fence is the highest visible event below the visibility line (visibility-fence.ts). Found naively,
 * by reading the events down from the head until one is below the line, it costs every event committed
 * since the line stopped moving: while an append or an idle transaction holds the line for minutes, that
 * is every event of those minutes, on every call. So each call starts from what the previous one learnt:
 * the events up to `scannedUpTo` were all at or above the line then; if the line has not moved, only the
 * events committed since are read, and if it has, the events above the previous fence. A fence, once
 * proven, stays true: it never goes back.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { fenceTransaction } from './visibility-fence.js';

export interface StoreFence {
  /** Every event at or below it has committed (or never will): the store is complete there. */
  fence: number;
  /** The highest global position committed when it was read. */
  head: number;
  /** The visibility line (a transaction id) the fence was found with. */
  line: string;
  /** The events above the fence up to here were at or above that line. */
  scannedUpTo: number;
}

export const NO_FENCE: StoreFence = { fence: 0, head: 0, line: '', scannedUpTo: 0 };

export async function readStoreFence(db: Kysely<DB>, previous: StoreFence = NO_FENCE): Promise<StoreFence> {
  // One statement, so one snapshot: the line, the head and the events below it agree.
  const { rows } = await sql<{ line: string; head: number | null; found: number | null }>`
    WITH line AS MATERIALIZED (SELECT ${fenceTransaction} AS x)
    SELECT line.x::text AS line,
           (SELECT max(global_position) FROM dx.events) AS head,
           (SELECT max(e.global_position) FROM dx.events e
            WHERE e.global_position > CASE WHEN line.x::text = ${previous.line}
                                           THEN ${previous.scannedUpTo}::bigint
                                           ELSE ${previous.fence}::bigint END
              AND e.tx_id < line.x) AS found
    FROM line
  `.execute(db);
  const row = rows[0]!;
  const fence = Math.max(previous.fence, row.found ?? 0);
  const head = Math.max(fence, row.head ?? 0);
  return { fence, head, line: row.line, scannedUpTo: head };
}
