/**
 * The plans PostgreSQL runs inside the store's functions, as a test reads them: auto_explain sends the
 * plan of every statement of a session, nested ones included, as a notice, and the pool's connections
 * collect them. Also the streams of a large plant, and one telemetry append after another, each a new
 * message of its own.
 */
import { sql, type Kysely } from 'kysely';
import type { DbHandle } from '../../services/common/db/create-db.js';
import type { DB } from '../../services/common/db/schema.js';
import type { CheckedAppend } from '../../services/common/event-store/append-events.js';

/** Every notice the handle's connections receive from now on, in order (clear it with `length = 0`). */
export function collectNotices(handle: DbHandle): string[] {
  const notices: string[] = [];
  handle.pool.on('connect', (client) => client.on('notice', (notice) => notices.push(notice.message ?? '')));
  return notices;
}

/** Turns on auto_explain for the session: one connection's handle, or the plans land on any. */
export async function explainNestedStatements(db: Kysely<DB>): Promise<void> {
  for (const setting of [
    "LOAD 'auto_explain'",
    'SET auto_explain.log_min_duration = 0',
    'SET auto_explain.log_nested_statements = on',
    'SET auto_explain.log_level = notice',
  ])
    await sql.raw(setting).execute(db);
}

/** Appends of contract plant.telemetry, each with a message id of its own. */
export function telemetryAppends(): (key: string, extra?: Partial<CheckedAppend>) => CheckedAppend {
  let sent = 0;
  return (key, extra = {}) => {
    sent++;
    const payload = { value: sent };
    return {
      contractId: 'plant.telemetry',
      contractVersion: '1.0.0',
      key,
      producer: 'plant',
      msgId: `m${sent}`,
      payload,
      payloadJson: JSON.stringify(payload),
      ...extra,
    };
  };
}

/** Streams K1 to K<count> of plant.telemetry, each at position 1, written straight into dx.streams. */
export async function addTelemetryStreams(db: Kysely<DB>, count: number): Promise<void> {
  await sql`
    INSERT INTO dx.streams (contract_id, key, position, head_hash, last_global_position, updated_at)
    SELECT 'plant.telemetry', 'K' || n, 1, '\\x00'::bytea, n, now() FROM generate_series(1, ${count}) AS n`.execute(
    db,
  );
}
