/**
 * Opens a kysely instance over a pg pool, with bigint columns parsed as numbers, TCP keepalive, and
 * the connect, statement and query timeouts of DatabaseSettings (docs/operations.md#timeouts), and JIT
 * compilation off.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseSettings } from '../config/database-settings.js';
import type { DB } from './schema.js';
import { parsePosition } from './parse-position.js';
import { timedPool } from './timed-pool.js';

const INT8_OID = 20;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return parsePosition;
    return pg.types.getTypeParser(oid, format);
  },
};

/** The settings a pool uses; without them (the CLI's long reads) only keepalive and the connect timeout. */
export type PoolSettings = Partial<
  Pick<DatabaseSettings, 'connectTimeoutMs' | 'statementTimeoutMs' | 'queryTimeoutMs' | 'keepAliveDelayMs'>
>;

export interface DbHandle {
  db: Kysely<DB>;
  pool: pg.Pool;
  /** Another Kysely over the same pool whose queries have their own deadline (the group commit's). */
  withQueryTimeout(queryTimeoutMs: number): Kysely<DB>;
}

export function createPool(databaseUrl: string, max = 10, settings: PoolSettings = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    types: types as pg.CustomTypesConfig,
    keepAlive: true,
    keepAliveInitialDelayMillis: settings.keepAliveDelayMs ?? 10_000,
    connectionTimeoutMillis: settings.connectTimeoutMs ?? 10_000,
    ...(settings.statementTimeoutMs ? { statement_timeout: settings.statementTimeoutMs } : {}),
    // No JIT compilation: most of the hub's statements are index probes and short scans, and at plant
    // scale the planner's estimates for a thousand probes crossed jit_above_cost, where compiling took
    // 1.6 s of a 20 ms answer. The long scan that gains from it turns it on for itself (readHistoryByKey
    // over every key); the audit and the store's replay did not notice (docs/benchmarks.md).
    // Statements marked with preparedAs (and only those: every other one is unnamed) run from a generic
    // plan made once per connection (prepared-statement.ts); so do the statements inside the store's
    // PL/pgSQL functions (dx.append_batch), whose plans are for a batch of any size anyway.
    options: '-c jit=off -c plan_cache_mode=force_generic_plan',
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // Nor a checked-out one: pg-pool only listens while a client is idle, so a server that goes away in the
  // middle of a query would raise an unhandled 'error'. The query itself is rejected either way.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export function createDb(databaseUrl: string, max = 10, settings: PoolSettings = {}): DbHandle {
  const pool = createPool(databaseUrl, max, settings);
  const over = (timeoutMs: number, owner: boolean) =>
    new Kysely<DB>({ dialect: new PostgresDialect({ pool: timedPool(pool, timeoutMs, owner) }) });
  return {
    db: over(settings.queryTimeoutMs ?? 0, true),
    pool,
    withQueryTimeout: (timeoutMs) => over(timeoutMs, false),
  };
}
