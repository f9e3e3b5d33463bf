/** Opens a kysely instance over a pg pool, with bigint columns parsed as numbers. */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';
import { parsePosition } from './parse-position.js';

const INT8_OID = 20;

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return parsePosition;
    return pg.types.getTypeParser(oid, format);
  },
};

export interface DbHandle {
  db: Kysely<DB>;
  pool: pg.Pool;
}

export function createPool(databaseUrl: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, types: types as pg.CustomTypesConfig });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  // Nor a checked-out one: pg-pool only listens while a client is idle, so a server that goes away in the
  // middle of a query would raise an unhandled 'error'. The query itself is rejected either way.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export function createDb(databaseUrl: string, max = 10): DbHandle {
  const pool = createPool(databaseUrl, max);
  return { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), pool };
}
