/**
 * How the services talk to PostgreSQL: every wait is bounded, so a database that stops answering is
 * noticed within seconds and its connections are replaced. Defaults in docs/operations.md#timeouts.
 */
import { nonNegativeInteger, positiveInteger } from './env-integer.js';

export interface DatabaseSettings {
  /** Connections in a service's pool. */
  poolSize: number;
  /** Opening a connection, TLS and login included. */
  connectTimeoutMs: number;
  /** PostgreSQL cancels a statement that runs longer (statement_timeout); the connection stays. 0: off. */
  statementTimeoutMs: number;
  /** A query with no answer after this is given up and its connection dropped from the pool. 0: off. */
  queryTimeoutMs: number;
  /** The same for the event store's group commit, which must come back quickly for ingest to go on. */
  commitTimeoutMs: number;
  /** TCP keepalive on every connection: the idle time before the first probe. */
  keepAliveDelayMs: number;
  /** /health reports the database unavailable while a group commit has waited longer than this. */
  commitStallMs: number;
}

export function loadDatabaseSettings(env: NodeJS.ProcessEnv): DatabaseSettings {
  return {
    poolSize: positiveInteger(env, 'DX_DB_POOL_SIZE', 10),
    connectTimeoutMs: positiveInteger(env, 'DX_DB_CONNECT_TIMEOUT_MS', 5000),
    statementTimeoutMs: nonNegativeInteger(env, 'DX_DB_STATEMENT_TIMEOUT_MS', 30_000),
    queryTimeoutMs: nonNegativeInteger(env, 'DX_DB_QUERY_TIMEOUT_MS', 35_000),
    commitTimeoutMs: positiveInteger(env, 'DX_DB_COMMIT_TIMEOUT_MS', 10_000),
    keepAliveDelayMs: positiveInteger(env, 'DX_DB_KEEPALIVE_MS', 10_000),
    commitStallMs: positiveInteger(env, 'DX_HEALTH_COMMIT_STALL_MS', 5000),
  };
}
