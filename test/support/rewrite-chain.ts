/**
 * What an attacker who can write the whole store does to hide a change: recomputes the hash of every
 * event of a stream from its first one, in order, and points the stream's head at its last event, so
 * that the chain and the head agree again and `dx audit verify` without an anchor finds nothing.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../services/common/db/schema.js';

export async function rewriteChain(db: Kysely<DB>, contractId: string, key: string): Promise<void> {
  await sql`
    DO $$
    DECLARE
      e record;
      previous bytea := decode(repeat('00', 32), 'hex');
    BEGIN
      FOR e IN SELECT * FROM dx.events WHERE contract_id = ${sql.lit(contractId)} AND key = ${sql.lit(key)}
               ORDER BY stream_position LOOP
        previous := dx.event_hash(e.global_position, e.stream_position, e.contract_id, e.contract_version,
                                  e.key, e.producer, e.msg_id, e.recorded_at, e.event_at, e.supersedes,
                                  e.payload, previous);
        UPDATE dx.events SET hash = previous WHERE global_position = e.global_position;
      END LOOP;
      UPDATE dx.streams s SET position = last.stream_position, head_hash = last.hash,
                              last_global_position = last.global_position
      FROM (SELECT stream_position, hash, global_position FROM dx.events
            WHERE contract_id = ${sql.lit(contractId)} AND key = ${sql.lit(key)}
            ORDER BY stream_position DESC LIMIT 1) last
      WHERE s.contract_id = ${sql.lit(contractId)} AND s.key = ${sql.lit(key)};
    END
    $$`.execute(db);
}
