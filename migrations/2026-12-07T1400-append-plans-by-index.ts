/**
 * A group commit never reads the whole of dx.streams or dx.events, whatever the statistics say. Each
 * connection keeps the plans of dx.append_batch and dx.append_decided until their tables are analyzed;
 * made on a new, empty store they moved the stream heads through a scan of every stream and looked up
 * stored repeats through a scan of every event, and kept doing so as the store grew on a server without
 * autovacuum (docs/operations.md). With sequential scans off inside the two functions, each head and each
 * repeat is an index probe from the first commit on. Measured with pgbench called as the hub calls them:
 * no difference at 1, 30 or 1,000 events per call (docs/benchmarks.md, 2026-12-07, sixth session).
 * Frozen in time: it never imports today's types.
 */
import { sql, type Kysely } from 'kysely';

const APPEND_FUNCTIONS = [
  'dx.append_batch(jsonb, boolean)',
  'dx.append_decided(jsonb, boolean, bigint, timestamptz)',
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const fn of APPEND_FUNCTIONS)
    await sql.raw(`ALTER FUNCTION ${fn} SET enable_seqscan = off`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const fn of APPEND_FUNCTIONS) await sql.raw(`ALTER FUNCTION ${fn} RESET enable_seqscan`).execute(db);
}
