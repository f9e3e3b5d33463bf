import { describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { serverUrl, testDatabaseName, withDatabase } from '../../../test/support/database-server.js';
import { ensureDatabase } from './migrate.js';

async function databaseExists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await admin.end();
  }
}

async function dropDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

describe('ensureDatabase', () => {
  it('creates a missing database without failing when several processes ask for it at the same moment', async () => {
    const name = testDatabaseName('ensure');
    const url = withDatabase(serverUrl(), name);
    try {
      const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => ensureDatabase(url)));

      expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(4).fill('fulfilled'));
      expect(await databaseExists(name)).toBe(true);
    } finally {
      await dropDatabase(name);
    }
  });
});
