/**
 * The bulk-write baseline: the same rows, encoded in advance, sent as one COPY ... FROM STDIN into a
 * bare copy of dx.events (same columns, defaults, constraints and indexes), timed from the first byte
 * to COMMIT.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_COLUMNS, type CopyRows } from './copy-rows.js';
import { grouped, measure, type Measurement } from './measurement.js';

export const COPY_TABLE = 'bench_copy.events';

export async function createCopyTable(pool: pg.Pool): Promise<void> {
  await pool.query('CREATE SCHEMA bench_copy');
  await pool.query(`CREATE TABLE ${COPY_TABLE} (LIKE dx.events INCLUDING ALL)`);
}

export async function measureCopyFrom(pool: pg.Pool, warmup: CopyRows, rows: CopyRows): Promise<Measurement> {
  const client = await pool.connect();
  try {
    await copyIn(client, warmup);
    return await measure('raw COPY FROM STDIN', async () => {
      await copyIn(client, rows);
      return { count: rows.rows, notes: [`${grouped(Math.round(rows.bytes / 1024))} KiB in one stream`] };
    });
  } finally {
    client.release();
  }
}

async function copyIn(client: pg.PoolClient, rows: CopyRows): Promise<void> {
  await client.query('BEGIN');
  try {
    const sink = client.query(copyFrom(`COPY ${COPY_TABLE} (${COPY_COLUMNS}) FROM STDIN`));
    await pipeline(Readable.from(rows.chunks), sink);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
