/**
 * Brings the database named in the URL to the latest schema before the gateway serves anything: creates
 * it on a fresh server, then migrates. Several gateways may do this at once; migrateToLatest takes turns.
 */
import { createDb } from '../../db/create-db.js';
import { ensureDatabase, migrateToLatest } from '../../db/migrate.js';

export interface PreparedDatabase {
  created: boolean;
  applied: string[];
}

export async function prepareDatabase(databaseUrl: string): Promise<PreparedDatabase> {
  const created = await ensureDatabase(databaseUrl);
  const { db } = createDb(databaseUrl, 1);
  try {
    const { applied } = await migrateToLatest(db, databaseUrl);
    return { created, applied };
  } finally {
    await db.destroy();
  }
}
