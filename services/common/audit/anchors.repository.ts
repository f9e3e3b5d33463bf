/** dx.anchors and dx.anchor_heads: the hub's own record of the anchors it took. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Anchor, AnchorHead } from './anchor.types.js';

const HEADS_PER_INSERT = 10_000;

/** Records an anchor with its heads; returns its id and the time it was recorded (database clock). */
export async function insertAnchor(
  db: Kysely<DB>,
  anchor: Omit<Anchor, 'id' | 'anchoredAt' | 'heads'>,
  heads: readonly AnchorHead[],
): Promise<{ id: number; anchoredAt: Date }> {
  const row = await db
    .insertInto('dx.anchors')
    .values({
      global_position: anchor.globalPosition,
      events: anchor.events,
      streams: anchor.streams,
      root: Buffer.from(anchor.root, 'hex'),
      anchored_at: sql<Date>`date_trunc('milliseconds', clock_timestamp())`,
    })
    .returning(['id', 'anchored_at'])
    .executeTakeFirstOrThrow();
  for (let i = 0; i < heads.length; i += HEADS_PER_INSERT) {
    const chunk = heads.slice(i, i + HEADS_PER_INSERT);
    await sql`
      INSERT INTO dx.anchor_heads (anchor_id, contract_id, key, stream_position, global_position, hash)
      SELECT ${row.id}, u.c, u.k, u.s, u.g, decode(u.h, 'hex')
      FROM unnest(${chunk.map((h) => h[0])}::text[], ${chunk.map((h) => h[1])}::text[],
                  ${chunk.map((h) => h[2])}::bigint[], ${chunk.map((h) => h[3])}::bigint[],
                  ${chunk.map((h) => h[4])}::text[]) AS u(c, k, s, g, h)
    `.execute(db);
  }
  return { id: row.id, anchoredAt: row.anchored_at };
}

/** Every recorded anchor, oldest first, without heads. */
export async function listAnchors(db: Kysely<DB>): Promise<Anchor[]> {
  const rows = await db.selectFrom('dx.anchors').selectAll().orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    globalPosition: r.global_position,
    events: r.events,
    streams: r.streams,
    root: r.root.toString('hex'),
    anchoredAt: r.anchored_at.toISOString(),
  }));
}

/** Seconds since the latest anchor was recorded (database clock); null when there is none. */
export async function secondsSinceLastAnchor(db: Kysely<DB>): Promise<number | null> {
  const { rows } = await sql<{ seconds: number | null }>`
    SELECT extract(epoch FROM clock_timestamp() - max(anchored_at))::float8 AS seconds FROM dx.anchors
  `.execute(db);
  return rows[0]?.seconds ?? null;
}

/** The anchor recorded with this position and root, if there is one. */
export async function findAnchor(
  db: Kysely<DB>,
  globalPosition: number,
  root: string,
): Promise<number | null> {
  const row = await db
    .selectFrom('dx.anchors')
    .select('id')
    .where('global_position', '=', globalPosition)
    .where('root', '=', Buffer.from(root, 'hex'))
    .orderBy('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The heads recorded with an anchor, in digest order. */
export async function readAnchorHeads(db: Kysely<DB>, anchorId: number): Promise<AnchorHead[]> {
  const { rows } = await sql<{ c: string; k: string; s: number; g: number; h: string }>`
    SELECT contract_id AS c, key AS k, stream_position AS s, global_position AS g, encode(hash, 'hex') AS h
    FROM dx.anchor_heads WHERE anchor_id = ${anchorId}
    ORDER BY contract_id COLLATE "C", key COLLATE "C"
  `.execute(db);
  return rows.map((r) => [r.c, r.k, r.s, r.g, r.h]);
}
