/**
 * Retention and downsampling of the history projection (never of the event log): days of raw samples
 * older than DX_HISTORY_RAW_DAYS are rolled up into one-minute buckets (count, sum, min, max, first,
 * last of the samples no correction superseded) and their partition dropped; minutes older than
 * DX_HISTORY_MINUTE_DAYS are deleted. A day that late data brought back is rolled up again and merged.
 * Runs under the projection's checkpoint lock, so the projector is never writing the day it drops.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { DAY_MS, existingPartitionDays, partitionName } from './history-partitions.js';
import { HISTORY_PROJECTION } from './history-projector.js';
import { markWritesNoEvents } from '../event-store/visibility-fence.js';

export interface RetentionOutcome {
  rolledUpDays: string[];
  deletedMinutes: number;
}

export async function applyRetention(
  db: Kysely<DB>,
  settings: { rawDays: number; minuteDays: number },
  now = Date.now(),
): Promise<RetentionOutcome> {
  const outcome: RetentionOutcome = { rolledUpDays: [], deletedMinutes: 0 };
  if (settings.rawDays > 0) {
    const horizon = now - settings.rawDays * DAY_MS;
    for (const day of [...(await existingPartitionDays(db))].sort((a, b) => a - b)) {
      if (day + DAY_MS > horizon) continue;
      const rolled = await db.transaction().execute(async (trx) => {
        await markWritesNoEvents(trx);
        const lock = await trx
          .selectFrom('dx.projections')
          .select('position')
          .where('name', '=', HISTORY_PROJECTION)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (!lock) return false;
        const partition = sql.table(`dx.${partitionName(day)}`);
        await sql`
          INSERT INTO dx.history_minutes AS m
          SELECT s.id, date_trunc('minute', r.at), count(*), sum(x.value), min(x.value), max(x.value),
                 min(r.at), (array_agg(x.value ORDER BY r.at, r.position))[1],
                 max(r.at), (array_agg(x.value ORDER BY r.at DESC, r.position DESC))[1]
          FROM ${partition} r JOIN dx.history_series s ON s.stream_id = r.stream_id
          CROSS JOIN LATERAL (SELECT r."values"[s.slot] AS value) x
          WHERE r.superseded_at IS NULL AND x.value IS NOT NULL
          GROUP BY 1, 2
          ON CONFLICT (series_id, minute) DO UPDATE SET
            count = m.count + excluded.count, sum = m.sum + excluded.sum,
            min = least(m.min, excluded.min), max = greatest(m.max, excluded.max),
            first_at = CASE WHEN excluded.first_at < m.first_at THEN excluded.first_at ELSE m.first_at END,
            first_value = CASE WHEN excluded.first_at < m.first_at THEN excluded.first_value ELSE m.first_value END,
            last_at = CASE WHEN excluded.last_at >= m.last_at THEN excluded.last_at ELSE m.last_at END,
            last_value = CASE WHEN excluded.last_at >= m.last_at THEN excluded.last_value ELSE m.last_value END
        `.execute(trx);
        await sql`DROP TABLE ${partition}`.execute(trx);
        // The projector's cached partitions are void: it reads them again.
        await trx
          .updateTable('dx.projections')
          .set((eb) => ({ generation: eb('generation', '+', 1) }))
          .where('name', '=', HISTORY_PROJECTION)
          .execute();
        return true;
      });
      if (rolled) outcome.rolledUpDays.push(new Date(day).toISOString().slice(0, 10));
    }
  }
  if (settings.minuteDays > 0) {
    const result = await db
      .deleteFrom('dx.history_minutes')
      .where('minute', '<', new Date(now - settings.minuteDays * DAY_MS))
      .executeTakeFirst();
    outcome.deletedMinutes = Number(result.numDeletedRows);
  }
  return outcome;
}
