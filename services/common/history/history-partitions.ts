/**
 * dx.history_rows is partitioned by day of event time (UTC), one table per day named
 * history_rows_YYYYMMDD. The projector creates a day's partition before writing its first row;
 * retention drops whole days (history-retention.ts). There is no default partition on purpose: attaching
 * a new day would then have to scan it.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export const DAY_MS = 86_400_000;

export function partitionName(day: number): string {
  return `history_rows_${new Date(day).toISOString().slice(0, 10).replace(/-/g, '')}`;
}

/** The UTC midnight a time falls in, as epoch ms. */
export function dayOf(time: string | Date): number {
  const ms = new Date(time).getTime();
  return ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

export async function existingPartitionDays(db: Kysely<DB>): Promise<Set<number>> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'dx.history_rows'::regclass`.execute(db);
  return new Set(
    rows.map((r) =>
      Date.parse(`${r.name.slice(-8, -4)}-${r.name.slice(-4, -2)}-${r.name.slice(-2)}T00:00:00Z`),
    ),
  );
}

export async function createPartition(db: Kysely<DB>, day: number): Promise<void> {
  const from = new Date(day).toISOString();
  const to = new Date(day + DAY_MS).toISOString();
  await sql`CREATE TABLE IF NOT EXISTS ${sql.table(`dx.${partitionName(day)}`)}
    PARTITION OF dx.history_rows FOR VALUES FROM (${sql.lit(from)}) TO (${sql.lit(to)})`.execute(db);
}
