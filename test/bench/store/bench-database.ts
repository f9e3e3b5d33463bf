/**
 * A database of the benchmark's own on the server under test: dropped and recreated at the start,
 * dropped at the end.
 */
import pg from 'pg';
import { createDb, type DbHandle } from '../../../services/common/db/create-db.js';
import { migrateToLatest } from '../../../services/common/db/migrate.js';

export interface BenchDatabase extends DbHandle {
  name: string;
  url: string;
  /**
   * Untimed housekeeping between sections: VACUUM ANALYZE of the tables that hold rows, so that
   * autovacuum does not wake up in the middle of the next one, then CHECKPOINT, so that each starts
   * with no dirty pages of the one before. An empty table is left alone (VACUUM too records its size):
   * statistics that say it is empty make the planner read it whole where it would probe an index, and
   * the first section would run with those plans until autovacuum analyzed the table again (the
   * store's append ran at 12,000 instead of 19,000 events/s that way; docs/benchmarks.md). Whether a
   * table holds rows is read from its size on disk: the statistics' row counts reach the server up to
   * seconds after the rows (a backend reports them at most once a second, or when it has been idle).
   */
  settle(): Promise<void>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(
  serverUrl: string,
  name: string,
  options: { migrate: boolean; poolSize?: number },
): Promise<BenchDatabase> {
  await withServer(serverUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  });
  const url = databaseUrl(serverUrl, name);
  const handle = createDb(url, options.poolSize);
  if (options.migrate) await migrateToLatest(handle.db, url);
  return {
    ...handle,
    name,
    url,
    async settle() {
      const { rows } = await handle.pool.query<{ name: string }>(
        `SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables WHERE pg_relation_size(relid) > 0`,
      );
      for (const { name } of rows) await handle.pool.query(`VACUUM ANALYZE ${name}`);
      await handle.pool.query('CHECKPOINT');
    },
    async drop() {
      await handle.db.destroy();
      await withServer(serverUrl, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`),
      );
    },
  };
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withServer<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
