/** `dx db migrate`: brings the database's schema up to date (creating the database when missing). */
import type { Command } from 'commander';
import { loadConfig } from '../../common/config/config.js';
import { createDb } from '../../common/db/create-db.js';
import { ensureDatabase, migrateToLatest } from '../../common/db/migrate.js';
import { describeError } from '../../common/errors/describe-error.js';
import { redactUrl } from '../../common/url/redact-url.js';
import { CliFailure } from '../exit-codes.js';

export function registerDbMigrate(program: Command): void {
  const db = program.command('db').description('database administration');
  db.command('migrate')
    .description('create the database if needed and apply every pending migration (safe to run concurrently)')
    .action(async () => {
      const url = loadConfig().databaseUrl;
      const handle = createDb(url, 2);
      try {
        const created = await ensureDatabase(url);
        const { applied } = await migrateToLatest(handle.db, url);
        if (created) console.log(`created database ${new URL(url).pathname.slice(1)}`);
        console.log(applied.length ? `applied ${applied.join(', ')}` : 'the schema is up to date');
      } catch (error) {
        throw new CliFailure(`migration failed on ${redactUrl(url)}: ${describeError(error)}`);
      } finally {
        await handle.db.destroy();
      }
    });
}
