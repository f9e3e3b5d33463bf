/** Opens the hub's database for a command, turning "cannot connect" into one clear line. */
import { sql } from 'kysely';
import { loadConfig } from '../common/config/config.js';
import { createDb, type DbHandle } from '../common/db/create-db.js';
import { describeError } from '../common/errors/describe-error.js';
import { redactUrl } from '../common/url/redact-url.js';
import { CliFailure } from './exit-codes.js';

export async function openDatabase(): Promise<DbHandle & { url: string }> {
  const url = loadConfig().databaseUrl;
  const handle = createDb(url, 4);
  try {
    await sql`SELECT 1`.execute(handle.db);
  } catch (error) {
    await handle.db.destroy();
    throw new CliFailure(
      `cannot reach PostgreSQL at ${redactUrl(url)}: ${describeError(error)} (set DATABASE_URL)`,
    );
  }
  return { ...handle, url };
}
