/**
 * Runs the migrations under migrations/ with kysely's Migrator. A session advisory lock makes several
 * processes that start at once take turns; the database itself is created when it does not exist yet.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { FileMigrationProvider, Migrator, type MigrationResult } from 'kysely/migration';
import pg from 'pg';
import { DX_SCHEMA, MIGRATION_LOCK_TABLE, MIGRATION_TABLE } from './tables.js';

const MIGRATION_ADVISORY_LOCK = 7346110000000000000n;

/** migrations/ beside services/, both in the source tree and in dist/. */
export const MIGRATION_FOLDER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

export interface MigrateOutcome {
  applied: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>, databaseUrl: string): Promise<MigrateOutcome> {
  const lockClient = new pg.Client({ connectionString: databaseUrl });
  await lockClient.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_ADVISORY_LOCK.toString()]);
    const migrator = new Migrator({
      db,
      provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATION_FOLDER }),
      migrationTableSchema: DX_SCHEMA,
      migrationTableName: MIGRATION_TABLE,
      migrationLockTableName: MIGRATION_LOCK_TABLE,
    });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return { applied: appliedNames(results) };
  } finally {
    await lockClient
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_ADVISORY_LOCK.toString()])
      .catch(() => {});
    await lockClient.end();
  }
}

function appliedNames(results: MigrationResult[] | undefined): string[] {
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Creates the database named in the URL when the server does not have it yet (a fresh machine). */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) return false;
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } catch (error) {
      // Another process created it between our look and our create. When both CREATEs run at the same
      // moment PostgreSQL reports the loser as a unique violation on pg_database, not as 42P04.
      const code = (error as { code?: string }).code;
      if (code !== '42P04' && code !== '23505') throw error;
    }
    return true;
  } finally {
    await client.end();
  }
}
