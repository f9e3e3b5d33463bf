/**
 * The history projection: every numeric field of every event as a sample (series, event time, value),
 * partitioned by day of event time, with the checkpoint of the projector that writes it from the log,
 * and one-minute rollups that outlive the raw samples' retention. A projection only: it can always be
 * rebuilt from dx.events (`dx history rebuild`), and nothing here is hashed or audited. Frozen in time:
 * it never imports today's types.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per (contract, key, field): samples refer to it by a 4-byte id instead of three texts.
  await sql`
    CREATE TABLE dx.history_series (
      id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      contract_id text NOT NULL,
      key         text NOT NULL,
      field       text NOT NULL,
      unit        text,
      CONSTRAINT history_series_field_key UNIQUE (contract_id, key, field)
    )`.execute(db);

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
    CREATE TABLE dx.history_minutes (
      series_id   integer          NOT NULL,
      minute      timestamptz      NOT NULL,
      count       bigint           NOT NULL,
      sum         double precision NOT NULL,
      min         double precision NOT NULL,
      max         double precision NOT NULL,
      first_at    timestamptz      NOT NULL,
      first_value double precision NOT NULL,
      last_at     timestamptz      NOT NULL,
      last_value  double precision NOT NULL,
      PRIMARY KEY (series_id, minute)
    )`.execute(db);

  await sql`
    CREATE TABLE dx.projections (
      name       text        PRIMARY KEY,
      position   bigint      NOT NULL,
      generation integer     NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`INSERT INTO dx.projections (name, position) VALUES ('history', 0)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS dx.projections`.execute(db);
  await sql`DROP TABLE IF EXISTS dx.history_minutes`.execute(db);
  await sql`DROP TABLE IF EXISTS dx.history_samples`.execute(db);
  await sql`DROP TABLE IF EXISTS dx.history_series`.execute(db);
}
