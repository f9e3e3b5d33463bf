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
 */
import { sql } from 'kysely';

export const committedPrefix = sql<boolean>`tx_id < (
  SELECT coalesce(min(x), pg_snapshot_xmax(pg_current_snapshot()))
  FROM pg_snapshot_xip(pg_current_snapshot()) AS x
  WHERE x::xid NOT IN (
    SELECT backend_xid FROM pg_stat_activity
    WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database()
  )
)`;
