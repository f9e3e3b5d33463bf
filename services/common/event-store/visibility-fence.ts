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
 * The line is not monotonic from one snapshot to the next (a backend of another database that ends
 * between two reads counts again in the second), so a position once proven complete (read-store-fence.ts)
 * is passed to readers as a fact of its own (`provenUpTo`) rather than found again by this condition.
 */
import { sql, type RawBuilder } from 'kysely';

/** The oldest transaction id readers must not reach: every transaction below it has finished. */
export const fenceTransaction = sql<string>`(
  SELECT coalesce(min(x), pg_snapshot_xmax(pg_current_snapshot()))
  FROM pg_snapshot_xip(pg_current_snapshot()) AS x
  WHERE x::xid NOT IN (
    SELECT backend_xid FROM pg_stat_activity
    WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database()
  )
)`;

export const committedPrefix = sql<boolean>`tx_id < ${fenceTransaction}`;

/**
 * The fence of a read that also knows the store complete up to `provenUpTo` (a fence read before it):
 * every event at or below that position has committed for good, whatever this snapshot's line says.
 */
export function behindFence(provenUpTo: number | undefined): RawBuilder<boolean> {
  if (provenUpTo === undefined || provenUpTo <= 0) return committedPrefix;
  return sql<boolean>`(global_position <= ${provenUpTo} OR ${committedPrefix})`;
}
