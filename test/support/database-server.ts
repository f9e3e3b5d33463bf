/** The PostgreSQL server the tests use, as global-setup.ts found it, and the names of test databases. */
import { randomBytes } from 'node:crypto';

export function serverUrl(): string {
  const url = process.env.DX_TEST_SERVER_URL;
  if (!url)
    throw new Error(
      'DX_TEST_SERVER_URL is not set: run the tests through jest (test/support/global-setup.ts)',
    );
  return url;
}

/** The test run (the pid of its jest process): part of every database name it creates. */
function testRun(): string {
  return process.env.DX_TEST_RUN ?? String(process.pid);
}

/**
 * A fresh database name of this test run, `dx_test_<run>_<purpose>_<random>`. The run in the name
 * lets a later run's global setup clear what a killed run left behind without touching the databases
 * of a run that is still going on the same server.
 */
export function testDatabaseName(purpose: string): string {
  return `dx_test_${testRun()}_${purpose}_${randomBytes(6).toString('hex')}`;
}

/** The migrated database every test file's database is copied from. */
export function templateDatabase(): string {
  return process.env.DX_TEST_TEMPLATE ?? `dx_test_${testRun()}_template`;
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${database}`;
  return next.toString();
}
