/**
 * Brings the database named in the URL to the latest schema before the gateway serves anything: creates
 * it on a fresh server, then migrates. Several gateways may do this at once; migrateToLatest takes turns.
 * Also says whether the server runs autovacuum: without it the store's tables are never analyzed, and
 * the plans of the hub's reads stay those made on an empty store (docs/operations.md).
 */
import { sql } from 'kysely';
import { createDb } from '../../db/create-db.js';
import { ensureDatabase, migrateToLatest } from '../../db/migrate.js';

export interface PreparedDatabase {
  created: boolean;
  applied: string[];
  autovacuum: boolean;
}

export async function prepareDatabase(databaseUrl: string): Promise<PreparedDatabase> {
  const created = await ensureDatabase(databaseUrl);
  const { db } = createDb(databaseUrl, 1);
  try {
    const { applied } = await migrateToLatest(db, databaseUrl);
    const { rows } = await sql<{ on: boolean }>`SELECT current_setting('autovacuum')::boolean AS on`.execute(
      db,
    );
    return { created, applied, autovacuum: rows[0]!.on };
  } finally {
    await db.destroy();
  }
}
