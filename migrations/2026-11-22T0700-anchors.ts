/**
 * Anchors: digests of the store's state at a global position (`dx audit anchor`), with the head of every
 * stream at that position, so that a later audit can recompute the digest and name the streams that
 * changed. The copy that proves something is the one kept outside the database; these rows are the
 * hub's own record. Frozen in time: it never imports today's types.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE dx.anchors (
      id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      global_position bigint      NOT NULL CHECK (global_position >= 0),
      events          bigint      NOT NULL CHECK (events >= 0),
      streams         bigint      NOT NULL CHECK (streams >= 0),
      root            bytea       NOT NULL CHECK (length(root) = 32),
      anchored_at     timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX anchors_global_position_idx ON dx.anchors (global_position)`.execute(db);

  // No foreign key to dx.anchors: its check per row doubled the time to anchor a store of 100,000
  // streams, and the heads are written only with their anchor, in the same transaction.
  await sql`
    CREATE TABLE dx.anchor_heads (
      anchor_id       bigint NOT NULL,
      contract_id     text   NOT NULL,
      key             text   NOT NULL,
      stream_position bigint NOT NULL,
      global_position bigint NOT NULL,
      hash            bytea  NOT NULL,
      PRIMARY KEY (anchor_id, contract_id, key)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS dx.anchor_heads`.execute(db);
  await sql`DROP TABLE IF EXISTS dx.anchors`.execute(db);
}
