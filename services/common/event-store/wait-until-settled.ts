/**
 * Waits until a recorded time is settled: every transaction that could have recorded an event at or
 * before it has finished, so a read that follows sees all such events, and the same ones as any later
 * read. An event's recorded time is taken when its transaction reserves its position, not when it
 * commits, so without this wait an answer "as of" a recent time could change a moment later.
 *
 * Settled means: the store's fence has passed an event recorded after `at` (recorded times grow with
 * positions), or `at` is past on the database's clock and no transaction of the hub's database that
 * started before it is still running. Until then it looks again every `pollMs`, up to `waitMs`, and
 * then fails with NOT_SETTLED, naming the transaction that holds it.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { DxError } from '../errors/dx-error.js';
import { fenceTransaction } from './visibility-fence.js';

export interface SettleOptions {
  /** How long to wait for `at` to settle before giving up (default DEFAULT_SETTLE_WAIT_MS). */
  waitMs?: number;
  /** Between two looks at whether it has (default 50 ms). */
  pollMs?: number;
}

export const DEFAULT_SETTLE_WAIT_MS = 10_000;

interface Settlement {
  settled: boolean;
  /** The oldest transaction of the hub's database still in progress, when one is. */
  pid: number | null;
  state: string | null;
  since: string | null;
}

export async function waitUntilSettled(db: Kysely<DB>, at: Date, options: SettleOptions = {}): Promise<void> {
  const deadline = Date.now() + (options.waitMs ?? DEFAULT_SETTLE_WAIT_MS);
  for (;;) {
    const settlement = await readSettlement(db, at);
    if (settlement.settled) return;
    if (Date.now() >= deadline) {
      const holder =
        settlement.pid === null
          ? 'the database clock has not passed it yet'
          : `a transaction open since ${settlement.since} (pid ${settlement.pid}, ${settlement.state}) may have recorded events before it`;
      throw new DxError(
        'NOT_SETTLED',
        `the store cannot answer as of ${at.toISOString()} yet: ${holder}; ask again once it has ended`,
        { at: at.toISOString(), pid: settlement.pid, state: settlement.state, since: settlement.since },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 50));
  }
}

/**
 * Recorded times are taken with millisecond precision, after the transaction id and under the same lock
 * as positions. So once the database clock is past at + 1 ms, a transaction that records from then on
 * records after `at`; one that recorded at or before it has a transaction id and started before at +
 * 1 ms. If no such transaction of the hub's database is running now (pg_stat_activity, read while this
 * statement runs), every one of them has committed or rolled back, and the read that follows, in a
 * later snapshot, sees all of them.
 */
async function readSettlement(db: Kysely<DB>, at: Date): Promise<Settlement> {
  const { rows } = await sql<Settlement>`
    WITH line AS MATERIALIZED (SELECT ${fenceTransaction} AS x),
    running AS MATERIALIZED (
      SELECT pid, state, xact_start FROM pg_stat_activity
      WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()
        AND xact_start < ${at}::timestamptz + interval '1 millisecond'
    ),
    oldest AS (SELECT * FROM running ORDER BY xact_start LIMIT 1)
    SELECT (
      coalesce((SELECT e.recorded_at > ${at} FROM dx.events e, line
                WHERE e.tx_id < line.x ORDER BY e.global_position DESC LIMIT 1), false)
      OR (clock_timestamp() >= ${at}::timestamptz + interval '1 millisecond'
          AND NOT EXISTS (SELECT 1 FROM running))
    ) AS settled,
    (SELECT pid FROM oldest) AS pid,
    (SELECT state FROM oldest) AS state,
    (SELECT to_char(xact_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM oldest) AS since
  `.execute(db);
  return rows[0]!;
}
