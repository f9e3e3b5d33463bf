/**
 * Once per test run: find the PostgreSQL server (DATABASE_URL; else testcontainers when Docker is
 * there; else the local standard port), name this run's template database and clear databases that
 * killed runs left behind. Jest loads this file outside its ESM module map, so it imports no project
 * modules; test-database.ts builds the template on first use.
 */
import { existsSync } from 'node:fs';
import pg from 'pg';

export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL && (process.env.DOCKER_HOST || existsSync('/var/run/docker.sock'))) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:15').start();
    (globalThis as { dxContainer?: unknown }).dxContainer = container;
    process.env.DATABASE_URL = container.getConnectionUri();
  }
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = '/postgres';
  process.env.DX_TEST_SERVER_URL = server.toString();
  process.env.DX_TEST_RUN = String(process.pid);
  process.env.DX_TEST_TEMPLATE = `dx_test_${process.pid}_template`;

  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database d
       WHERE datname LIKE 'dx\\_test\\_%'
         AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`,
    );
    for (const { datname } of rows.filter(({ datname }) => !ofLiveRun(datname))) {
      // Someone connected since the list was read: it is in use after all, and stays.
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(datname)}`).catch(() => undefined);
    }
  } finally {
    await admin.end();
  }
}

/**
 * Whether a database belongs to a test run that is still going: its name carries the run's pid
 * (`dx_test_<pid>_...`) and that process lives. Another run on the same server (a second checkout,
 * a developer's run beside CI) keeps its databases, even while none of them has a connection.
 */
function ofLiveRun(datname: string): boolean {
  const run = /^dx_test_(\d+)_/.exec(datname)?.[1];
  if (run === undefined || Number(run) === process.pid) return false;
  try {
    process.kill(Number(run), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
