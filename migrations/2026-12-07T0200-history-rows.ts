/**
 * The history projection keeps one row per event and stream instead of one per numeric field: the
 * event's numbers sit in one float8[] whose slots the stream's series name (dx.history_series.slot).
 * An event of four numeric fields was four heap rows and four index entries; it is one of each, which
 * is most of what projecting cost PostgreSQL (docs/benchmarks.md, bench:history). The projection is
 * rebuilt from the log: its tables start empty and its checkpoint goes back to 0 (with a new
 * generation, so running projectors forget what they cached). Frozen in time: it never imports today's
 * types.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE dx.history_samples`.execute(db);
  await sql`TRUNCATE dx.history_minutes, dx.history_series RESTART IDENTITY`.execute(db);

  // One id per (contract, key): rows refer to it by 4 bytes.
  await sql`
    CREATE TABLE dx.history_streams (
      id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      contract_id text NOT NULL,
      key         text NOT NULL,
      CONSTRAINT history_streams_key UNIQUE (contract_id, key)
    )`.execute(db);
  await sql`
    ALTER TABLE dx.history_series
      ADD COLUMN stream_id integer  NOT NULL REFERENCES dx.history_streams (id),
      ADD COLUMN slot      smallint NOT NULL CHECK (slot > 0),
      ADD CONSTRAINT history_series_slot_key UNIQUE (stream_id, slot)`.execute(db);

  await sql`
    CREATE TABLE dx.history_rows (
      stream_id     integer          NOT NULL,
      at            timestamptz      NOT NULL,
      position      bigint           NOT NULL,
      recorded_at   timestamptz      NOT NULL,
      superseded_at timestamptz,
      "values"      double precision[] NOT NULL
    ) PARTITION BY RANGE (at)`.execute(db);
  await sql`CREATE INDEX history_rows_stream_at_idx ON dx.history_rows (stream_id, at)`.execute(db);

  await sql`
    UPDATE dx.projections SET position = 0, generation = generation + 1, updated_at = now()
    WHERE name = 'history'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE dx.history_rows`.execute(db);
  await sql`TRUNCATE dx.history_minutes, dx.history_series RESTART IDENTITY`.execute(db);
  await sql`
    ALTER TABLE dx.history_series
      DROP CONSTRAINT history_series_slot_key, DROP COLUMN slot, DROP COLUMN stream_id`.execute(db);
  await sql`DROP TABLE dx.history_streams`.execute(db);
  await sql`
    CREATE TABLE dx.history_samples (
      series_id     integer          NOT NULL,
      at            timestamptz      NOT NULL,
      value         double precision NOT NULL,
      position      bigint           NOT NULL,
      recorded_at   timestamptz      NOT NULL,
      superseded_at timestamptz
    ) PARTITION BY RANGE (at)`.execute(db);
  await sql`CREATE INDEX history_samples_series_at_idx ON dx.history_samples (series_id, at)`.execute(db);
  await sql`
    UPDATE dx.projections SET position = 0, generation = generation + 1, updated_at = now()
    WHERE name = 'history'`.execute(db);
}
