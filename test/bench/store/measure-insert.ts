/**
 * The one-row baseline: the same rows the store writes, each sent as its own INSERT (its own
 * transaction) from as many connections as there are producers, into dx.events of a migrated database
 * of the bench's own (the same columns, defaults, checks and indexes). What a store without group
 * commit could reach at best: no locks, no heads, no hash chain, one prepared statement per row.
 */
import type pg from 'pg';
import { COPY_COLUMNS, type EventRow } from './copy-rows.js';
import { measure, type Measurement } from './measurement.js';

const INSERT = {
  name: 'bench-insert-event',
  text: `INSERT INTO dx.events (${COPY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
};

export async function measureInsert(
  pool: pg.Pool,
  warmup: EventRow[],
  rows: EventRow[],
  connections: number,
): Promise<Measurement> {
  const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
  try {
    const insertAll = async (batch: EventRow[]) => {
      let next = 0;
      await Promise.all(
        clients.map(async (client) => {
          while (next < batch.length) await client.query({ ...INSERT, values: batch[next++]! });
        }),
      );
    };
    await insertAll(warmup);
    return await measure('raw one-row INSERT', async () => {
      await insertAll(rows);
      return { count: rows.length, notes: [`${connections} connections, one transaction per row`] };
    });
  } finally {
    for (const client of clients) client.release();
  }
}
