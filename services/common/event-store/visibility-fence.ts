/**
 * The condition that keeps readers of the global order from ever passing a late commit.
 *
 * Global positions are reserved together with the transaction id (dx.reserve_positions), so across
 * appending transactions a higher position always has a higher transaction id. A reader therefore
 * returns only events whose transaction id is below the oldest transaction still in progress in its
 * snapshot: everything below that line has finished, so what it sees is a prefix of the log that no
 * later commit can extend from below.
 *
 * Transactions ids are shared by the whole PostgreSQL cluster. A transaction that another database's
 * backend is running cannot write our events, so it is left out of the fence; a long transaction in
 * some other database then does not hold our readers back. An id we cannot place (its backend already
 * finished, or its database hidden from us) still counts: erring that way only delays a read.
 *
 * Nor can a transaction of our database that has said it writes no events (markWritesNoEvents): the
 * history projector's, which takes its checkpoint row FOR UPDATE (and so a transaction id) at its start
 * and may run for a while. Counted, it held every reader back from the events committed meanwhile: a
 * producer could be told "stored" and then not find its own event in a read.
 *
 * The line is not monotonic from one snapshot to the next (a backend of another database that ends
 * between two reads counts again in the second), so a position once proven complete (read-store-fence.ts)
 * is passed to readers as a fact of its own (`provenUpTo`) rather than found again by this condition.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * The application_name a transaction takes (SET LOCAL, so only while it runs) to say that it writes no
 * events, so that readers need not wait for it. Set before the transaction takes a transaction id, so
 * that a reader that sees its id also sees the name; a reader that does not is only held back.
 */
export const WRITES_NO_EVENTS = 'dx-writes-no-events';

/** The oldest transaction id readers must not reach: every transaction below it has finished. */
export const fenceTransaction = sql<string>`(
  SELECT coalesce(min(x), pg_snapshot_xmax(pg_current_snapshot()))
  FROM pg_snapshot_xip(pg_current_snapshot()) AS x
  WHERE x::xid NOT IN (
    SELECT backend_xid FROM pg_stat_activity
    WHERE backend_xid IS NOT NULL
      AND (datname IS DISTINCT FROM current_database() OR application_name = ${sql.lit(WRITES_NO_EVENTS)})
  )
)`;

/** Says, for the rest of this transaction, that it writes no events (see WRITES_NO_EVENTS). First thing in it. */
export async function markWritesNoEvents(trx: Kysely<DB>): Promise<void> {
  await sql`SELECT set_config('application_name', ${WRITES_NO_EVENTS}, true)`.execute(trx);
}

export const committedPrefix = sql<boolean>`tx_id < ${fenceTransaction}`;

/**
 * The fence of a read that also knows the store complete up to `provenUpTo` (a fence read before it):
 * every event at or below that position has committed for good, whatever this snapshot's line says.
 */
export function behindFence(provenUpTo: number | undefined): RawBuilder<boolean> {
  if (provenUpTo === undefined || provenUpTo <= 0) return committedPrefix;
  return sql<boolean>`(global_position <= ${provenUpTo} OR ${committedPrefix})`;
}
