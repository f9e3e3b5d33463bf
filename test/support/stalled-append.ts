/**
 * An append that has called dx.append_batch, as the gateway does, in a transaction left open: its
 * global position is taken, its event not committed (and never published live: only the store has it).
 * It holds the store's read fence below its position until it commits or rolls back.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { reactorReading } from './reactor-reading.js';

export interface StalledAppend {
  /** The global position the append holds. */
  position: number;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** Ends the session (rolling back whatever is still open). */
  close(): Promise<void>;
}

/** A scada.reactor-telemetry 1.0.0 reading of `key`, appended by producer scada and left uncommitted. */
export async function stalledAppend(
  databaseUrl: string,
  contract: string,
  key: string,
  temperature: number,
): Promise<StalledAppend> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query('BEGIN');
  const batch = [
    { j: 1, c: contract, v: '1.0.0', k: key, p: 'scada', m: `stalled-${randomUUID()}`, e: null },
  ].map((item) => ({ ...item, d: reactorReading(key, temperature) }));
  const { rows } = await db.query<{ out_global: string }>(
    'SELECT out_global FROM dx.append_batch($1::jsonb, false)',
    [JSON.stringify(batch)],
  );
  return {
    position: Number(rows[0]!.out_global),
    commit: async () => void (await db.query('COMMIT')),
    rollback: async () => void (await db.query('ROLLBACK')),
    close: () => db.end().catch(() => undefined),
  };
}
