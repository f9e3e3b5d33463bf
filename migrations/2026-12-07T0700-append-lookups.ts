/**
 * A group commit's cost no longer grows with the number of streams. dx.append_batch and
 * dx.append_decided found each item's stream head with a join whose plan (cached, for a batch of
 * unknown size) read every row of dx.streams into a hash table: with 1,000 streams that was 200 µs of a
 * one-event commit's 700 µs of PostgreSQL CPU, and it would grow with every stream the plant adds. The
 * head is now one index probe per item (a LATERAL subquery with LIMIT 1, which the planner keeps as a
 * nested loop). dx.lock_streams becomes PL/pgSQL, so its plan is cached instead of its SQL being parsed
 * and planned at every commit (70 µs). Measured in docs/benchmarks.md (bench:ingest, 2026-12-07).
 *
 * The two functions' bodies are not repeated here: the one join is replaced in the definitions the
 * event-time migration wrote, and the migration fails if it does not find it exactly once. Frozen in
 * time: it never imports today's types.
 */
import { sql, type Kysely } from 'kysely';

const APPEND_FUNCTIONS = [
  'dx.append_batch(jsonb, boolean)',
  'dx.append_decided(jsonb, boolean, bigint, timestamptz)',
];

const HEAD_JOIN = 'LEFT JOIN dx.streams s ON s.contract_id = x.c AND s.key = x.k';
const HEAD_PROBE =
  'LEFT JOIN LATERAL (SELECT s.position, s.head_hash FROM dx.streams s ' +
  'WHERE s.contract_id = x.c AND s.key = x.k LIMIT 1) AS s ON true';

export async function up(db: Kysely<any>): Promise<void> {
  for (const fn of APPEND_FUNCTIONS) await replaceInFunction(db, fn, HEAD_JOIN, HEAD_PROBE);
  await sql`
    CREATE OR REPLACE FUNCTION dx.lock_streams(batch jsonb) RETURNS bigint LANGUAGE plpgsql AS $$
    BEGIN
      RETURN (
        SELECT count(pg_advisory_xact_lock(ordered.h)) FROM (
          SELECT DISTINCT hashtextextended(x.c || E'\\x1f' || x.k, 0) AS h
          FROM jsonb_to_recordset(batch) AS x(c text, k text) ORDER BY 1) AS ordered);
    END
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const fn of APPEND_FUNCTIONS) await replaceInFunction(db, fn, HEAD_PROBE, HEAD_JOIN);
  await sql`DROP FUNCTION dx.lock_streams(jsonb)`.execute(db);
  await sql`
    CREATE FUNCTION dx.lock_streams(batch jsonb) RETURNS bigint LANGUAGE sql AS $$
      SELECT count(pg_advisory_xact_lock(ordered.h)) FROM (
        SELECT DISTINCT hashtextextended(x.c || E'\\x1f' || x.k, 0) AS h
        FROM jsonb_to_recordset(batch) AS x(c text, k text) ORDER BY 1) AS ordered
    $$`.execute(db);
}

/** Recreates a function with `before` replaced by `after` in its definition (exactly one occurrence). */
async function replaceInFunction(db: Kysely<any>, fn: string, before: string, after: string): Promise<void> {
  const { rows } = await sql<{ definition: string }>`
    SELECT pg_get_functiondef(${fn}::regprocedure) AS definition`.execute(db);
  const definition = rows[0]!.definition;
  const found = definition.split(before).length - 1;
  if (found !== 1) throw new Error(`${fn}: expected the text to replace once, found it ${found} times`);
  await sql.raw(definition.replace(before, after)).execute(db);
}
