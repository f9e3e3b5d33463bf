/** Whether the PostgreSQL server in a URL answers, within a deadline, said as an error a person can act on. */
import pg from 'pg';
import { withTimeout } from '../../async/with-timeout.js';
import { describeError } from '../../errors/describe-error.js';
import { DxError } from '../../errors/dx-error.js';
import { redactUrl } from '../../url/redact-url.js';

const HOW_TO_RUN =
  'To run one: apt-get install postgresql, then pg_ctlcluster 15 main start; ' +
  'or docker compose -f deploy/compose.yaml up -d. Or point DATABASE_URL at another server.';

// The server answered, it only lacks the database: the gateway creates it next (ensureDatabase).
const INVALID_CATALOG_NAME = '3D000';

export async function probeDatabase(databaseUrl: string, timeoutMs: number): Promise<DxError | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
  // A socket error after we gave up must not become an uncaught 'error' event.
  client.on('error', () => undefined);
  try {
    await withTimeout(
      client.connect().then(() => client.query('SELECT 1')),
      timeoutMs,
      'PostgreSQL',
    );
    return undefined;
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.code === INVALID_CATALOG_NAME) return undefined;
    const shown = redactUrl(databaseUrl);
    // An error from the server itself (a refused login, a server still starting) is not fixed by
    // installing one, so it gets no install hint.
    const message =
      error instanceof pg.DatabaseError
        ? `PostgreSQL at ${shown} refused the connection (${describeError(error)}).`
        : `cannot reach PostgreSQL at ${shown} (${describeError(error)}). ${HOW_TO_RUN}`;
    return new DxError('DATABASE_UNREACHABLE', message, { url: shown });
  } finally {
    client.end().catch(() => undefined);
  }
}
