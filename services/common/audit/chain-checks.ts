/**
 * The auditor's queries. The hash chain is recomputed inside PostgreSQL with dx.event_hash, the same
 * function appends use, one page of streams at a time; only the events that look wrong come back,
 * with the facts needed to say what is wrong with them.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../db/schema.js';
import type { AuditScope } from './audit.types.js';

export interface StreamRef {
  contractId: string;
  key: string;
}

/** An event whose chain link failed: a gap before it, a position out of order, or a hash mismatch. */
export interface SuspectEvent {
  global_position: number;
  contract_id: string;
  key: string;
  stream_position: number;
  /** 1 for the first event of the stream in scope. */
  nth: number;
  previous_stream_position: number | null;
  previous_global_position: number | null;
  /** The hash to chain from is unknown: the event before it is gone. */
  chain_unknown: boolean;
  hash_mismatch: boolean;
}

export interface HeadDisagreement {
  contract_id: string;
  key: string;
  head_position: number;
  last_stream_position: number | null;
  last_global_position: number | null;
}

const GENESIS = sql`'\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea`;

function timeScope(scope: AuditScope): RawBuilder<unknown> {
  const conditions = [sql`true`];
  if (scope.from !== undefined) conditions.push(sql`e.recorded_at >= ${scope.from}`);
  if (scope.to !== undefined) conditions.push(sql`e.recorded_at < ${scope.to}`);
  return sql.join(conditions, sql` AND `);
}

function pageOf(streams: StreamRef[]): RawBuilder<unknown> {
  return sql`unnest(${streams.map((s) => s.contractId)}::text[], ${streams.map((s) => s.key)}::text[]) AS page(c, k)`;
}

/** Stream heads in (contract, key) order after a cursor: the pages the audit walks. */
export async function readStreamPage(
  db: Kysely<DB>,
  contractId: string | undefined,
  after: StreamRef | null,
  limit: number,
): Promise<StreamRef[]> {
  let query = db.selectFrom('dx.streams').select(['contract_id', 'key']);
  if (contractId !== undefined) query = query.where('contract_id', '=', contractId);
  if (after) query = query.where(sql<boolean>`(contract_id, key) > (${after.contractId}, ${after.key})`);
  const rows = await query.orderBy('contract_id').orderBy('key').limit(limit).execute();
  return rows.map((r) => ({ contractId: r.contract_id, key: r.key }));
}

/** Streams that have events but no head row: their head was deleted. */
export async function readHeadlessStreams(db: Kysely<DB>, scope: AuditScope): Promise<StreamRef[]> {
  const { rows } = await sql<{ contract_id: string; key: string }>`
    SELECT DISTINCT e.contract_id, e.key FROM dx.events e
    WHERE ${timeScope(scope)}
      ${scope.contractId === undefined ? sql`` : sql`AND e.contract_id = ${scope.contractId}`}
      AND NOT EXISTS (SELECT 1 FROM dx.streams s WHERE s.contract_id = e.contract_id AND s.key = e.key)
    ORDER BY 1, 2
  `.execute(db);
  return rows.map((r) => ({ contractId: r.contract_id, key: r.key }));
}

export async function countScope(
  db: Kysely<DB>,
  streams: StreamRef[],
  scope: AuditScope,
): Promise<{ events: number; streams: number }> {
  const { rows } = await sql<{ events: number; streams: number }>`
    SELECT count(*)::int AS events, count(DISTINCT (e.contract_id, e.key))::int AS streams
    FROM ${pageOf(streams)} JOIN dx.events e ON e.contract_id = page.c AND e.key = page.k
    WHERE ${timeScope(scope)}
  `.execute(db);
  return rows[0]!;
}

export async function findSuspectEvents(
  db: Kysely<DB>,
  streams: StreamRef[],
  scope: AuditScope,
): Promise<SuspectEvent[]> {
  const { rows } = await sql<SuspectEvent>`
    WITH scoped AS (
      SELECT e.*,
             lag(e.stream_position) OVER w AS previous_stream_position,
             lag(e.global_position) OVER w AS previous_global_position,
             lag(e.hash) OVER w AS previous_hash,
             row_number() OVER w AS nth
      FROM ${pageOf(streams)} JOIN dx.events e ON e.contract_id = page.c AND e.key = page.k
      WHERE ${timeScope(scope)}
      WINDOW w AS (PARTITION BY e.contract_id, e.key ORDER BY e.stream_position)
    ),
    linked AS (
      SELECT s.*,
             CASE WHEN s.nth > 1 THEN s.previous_hash
                  WHEN s.stream_position = 1 THEN ${GENESIS}
                  ELSE (SELECT p.hash FROM dx.events p
                        WHERE p.contract_id = s.contract_id AND p.key = s.key
                          AND p.stream_position = s.stream_position - 1)
             END AS chain_hash
      FROM scoped s
    ),
    checked AS (
      SELECT l.*,
             l.chain_hash IS NULL AS chain_unknown,
             l.chain_hash IS NOT NULL AND l.hash IS DISTINCT FROM dx.event_hash(
               l.global_position, l.stream_position, l.contract_id, l.contract_version, l.key, l.producer,
               l.msg_id, l.recorded_at, l.event_at, l.supersedes, l.payload, l.chain_hash) AS hash_mismatch
      FROM linked l
    )
    SELECT global_position, contract_id, key, stream_position, nth::int, previous_stream_position,
           previous_global_position, chain_unknown, hash_mismatch
    FROM checked
    WHERE hash_mismatch OR chain_unknown
       OR (nth > 1 AND (stream_position <> previous_stream_position + 1 OR global_position <= previous_global_position))
    ORDER BY contract_id, key, stream_position
  `.execute(db);
  return rows;
}

/** Heads that do not name the last event of their stream. */
export async function findHeadDisagreements(
  db: Kysely<DB>,
  streams: StreamRef[],
): Promise<HeadDisagreement[]> {
  const { rows } = await sql<HeadDisagreement>`
    SELECT s.contract_id, s.key, s.position AS head_position,
           last.stream_position AS last_stream_position, last.global_position AS last_global_position
    FROM ${pageOf(streams)}
    JOIN dx.streams s ON s.contract_id = page.c AND s.key = page.k
    LEFT JOIN LATERAL (
      SELECT e.stream_position, e.global_position, e.hash FROM dx.events e
      WHERE e.contract_id = s.contract_id AND e.key = s.key
      ORDER BY e.stream_position DESC LIMIT 1
    ) last ON true
    WHERE last.stream_position IS DISTINCT FROM s.position OR last.hash IS DISTINCT FROM s.head_hash
    ORDER BY s.contract_id, s.key
  `.execute(db);
  return rows;
}
