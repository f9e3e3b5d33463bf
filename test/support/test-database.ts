/** A fresh database per test file, copied from a migrated template (fast, and independent). */
import pg from 'pg';
import { createDb, type DbHandle } from '../../services/common/db/create-db.js';
import { migrateToLatest } from '../../services/common/db/migrate.js';
import { serverUrl, templateDatabase, testDatabaseName, withDatabase } from './database-server.js';

const TEMPLATE_LOCK = 7346110000000000099n;

export interface TestDatabase extends DbHandle {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = testDatabaseName('file');
  await withAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK.toString()]);
    try {
      await ensureTemplate(admin);
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${pg.escapeIdentifier(templateDatabase())}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK.toString()]);
    }
  });
  const url = withDatabase(serverUrl(), name);
  const handle = createDb(url);
  return {
    ...handle,
    url,
    name,
    async drop() {
      await handle.db.destroy();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** The first file of a run builds the template; the advisory lock makes the others wait for it. */
async function ensureTemplate(admin: pg.Client): Promise<void> {
  const template = templateDatabase();
  const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
  if (found.rowCount) return;
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(template)}`);
  const url = withDatabase(serverUrl(), template);
  const { db } = createDb(url, 2);
  try {
    await migrateToLatest(db, url);
  } finally {
    await db.destroy();
  }
}

/** Runs work on a connection to the server's postgres database (for CREATE and DROP DATABASE). */
export async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
