/** After the run: drop this run's template database and stop the container if one was started. */
import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.DX_TEST_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(
      `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(process.env.DX_TEST_TEMPLATE ?? '')} WITH (FORCE)`,
    );
  } finally {
    await admin.end();
  }
  const container = (globalThis as { dxContainer?: { stop(): Promise<unknown> } }).dxContainer;
  await container?.stop();
}
