/**
 * Refusals stay bounded: a payload over the recording limit is kept truncated, with the length and
 * SHA-256 of the whole; a body that is not UTF-8 text (or holds NUL) is kept base64-encoded, byte for
 * byte; each row names the request it came from.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE dx.rejections
      ADD COLUMN payload_bytes     bigint,
      ADD COLUMN payload_sha256    text,
      ADD COLUMN payload_truncated boolean NOT NULL DEFAULT false,
      ADD COLUMN payload_encoding  text    NOT NULL DEFAULT 'utf8',
      ADD COLUMN request_id        text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    ALTER TABLE dx.rejections
      DROP COLUMN payload_bytes,
      DROP COLUMN payload_sha256,
      DROP COLUMN payload_truncated,
      DROP COLUMN payload_encoding,
      DROP COLUMN request_id`.execute(db);
}
