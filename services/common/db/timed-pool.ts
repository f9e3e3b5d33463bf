/**
 * A pg pool as kysely sees it, with a deadline on every query: a query that gets no answer in time is
 * failed with DATABASE_UNREACHABLE and its connection is destroyed and dropped from the pool, so the
 * next query gets a fresh connection instead of queueing behind a dead one. pg's own query_timeout
 * fails the query but leaves the connection in the pool (its stalled statement still ahead of the next
 * one), and kysely releases connections without an error, so the pool could not tell it apart.
 *
 * A statement marked with preparedAs is sent as a named prepared statement (prepared-statement.ts).
 */
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { DxError } from '../errors/dx-error.js';
import { preparedNameOf } from './prepared-statement.js';

interface ClientWithStream {
  connection?: { stream?: { destroy(): void } };
}

export function timedPool(pool: pg.Pool, queryTimeoutMs: number, owner: boolean): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let broken: Error | undefined;
      return {
        async query(text: string, values?: unknown[]) {
          const name = preparedNameOf(text);
          if (queryTimeoutMs <= 0) return client.query({ name, text, values });
          try {
            return await client.query({
              name,
              text,
              values,
              query_timeout: queryTimeoutMs,
            } as pg.QueryConfig);
          } catch (error) {
            if (!isReadTimeout(error)) throw error;
            broken = error as Error;
            // The socket may be half-open: end() would wait on it, destroy() does not.
            (client as unknown as ClientWithStream).connection?.stream?.destroy();
            throw new DxError(
              'DATABASE_UNREACHABLE',
              `PostgreSQL did not answer within ${queryTimeoutMs} ms; the connection was dropped`,
              { timeoutMs: queryTimeoutMs, maybeApplied: true },
            );
          }
        },
        release() {
          client.release(broken);
        },
      } as unknown as PostgresPoolClient;
    },
    // A second view over the same pool (another deadline) must not end it for the first.
    end: () => (owner ? pool.end() : Promise.resolve()),
    // What kysely opens a control connection with, to cancel a query.
    options: pool.options,
    Client: (pool as unknown as { Client: PostgresPool['Client'] }).Client,
  };
}

function isReadTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === 'Query read timeout';
}
