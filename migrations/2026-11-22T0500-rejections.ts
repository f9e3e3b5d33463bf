/** Refused publishes, kept so that nothing a producer sent is lost: the raw payload and the reason. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE dx.rejections (
      id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      received_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
      transport        text        NOT NULL,
      contract_id      text        NOT NULL,
      contract_version text,
      producer         text,
      msg_id           text,
      key              text,
      code             text        NOT NULL,
      message          text        NOT NULL,
      details          jsonb       NOT NULL,
      payload          text        NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX rejections_received_at_idx ON dx.rejections (received_at)`.execute(db);
  await sql`CREATE INDEX rejections_contract_idx ON dx.rejections (contract_id, received_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS dx.rejections`.execute(db);
}
