/** The bulk-read baseline: the whole log in global order through COPY ... TO STDOUT, drained to nowhere. */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { grouped, measure, type Measurement } from './measurement.js';

const COPY_OUT = 'COPY (SELECT * FROM dx.events ORDER BY global_position) TO STDOUT';

export async function measureCopyTo(pool: pg.Pool): Promise<Measurement> {
  const client = await pool.connect();
  try {
    await copyOut(client);
    return await measure('raw COPY TO STDOUT', async () => {
      const { rows, bytes } = await copyOut(client);
      return { count: rows, notes: [`${grouped(Math.round(bytes / 1024))} KiB`] };
    });
  } finally {
    client.release();
  }
}

async function copyOut(client: pg.PoolClient): Promise<{ rows: number; bytes: number }> {
  let bytes = 0;
  const source = client.query(copyTo(COPY_OUT));
  await pipeline(
    source,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    }),
  );
  return { rows: source.rowCount, bytes };
}
