import { describe, expect, it } from '@jest/globals';
import { withAdmin } from '../../../../test/support/test-database.js';
import { serverUrl, testDatabaseName, withDatabase } from '../../../../test/support/database-server.js';
import { prepareDatabase } from './prepare-database.js';

describe('prepareDatabase', () => {
  it('creates and migrates a new database, and says whether the server runs autovacuum', async () => {
    const name = testDatabaseName('prepare');
    try {
      const prepared = await prepareDatabase(withDatabase(serverUrl(), name));
      const again = await prepareDatabase(withDatabase(serverUrl(), name));
      const shown = await withAdmin((admin) => admin.query<{ autovacuum: string }>('SHOW autovacuum'));

      expect(prepared.created).toBe(true);
      expect(prepared.applied).toContain('2026-12-07T1400-append-plans-by-index');
      expect(again).toMatchObject({ created: false, applied: [] });
      expect(prepared.autovacuum).toBe(shown.rows[0]!.autovacuum === 'on');
    } finally {
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });
});
