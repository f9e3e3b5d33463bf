/**
 * `dx audit anchor`: takes the digest of the store at its read fence and records it in dx.anchors.
 * What proves something later is a copy of the returned anchor kept where the database's operators
 * cannot write; the row is the hub's own record and the list that lets a mismatch name its streams.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Anchor } from './anchor.types.js';
import { anchorRoot } from './anchor-root.js';
import { insertAnchor } from './anchors.repository.js';
import { readFencedPosition, readStoreState } from './read-store-state.js';

export async function createAnchor(db: Kysely<DB>): Promise<Anchor> {
  // No snapshot needs to hold the reads together: nothing at or below the fence changes any more.
  const globalPosition = await readFencedPosition(db);
  const { events, heads } = await readStoreState(db, globalPosition);
  const root = anchorRoot(globalPosition, events, heads);
  const digest = { globalPosition, events, streams: heads.length, root };
  const { id, anchoredAt } = await db.transaction().execute((trx) => insertAnchor(trx, digest, heads));
  return { id, ...digest, anchoredAt: anchoredAt.toISOString(), heads };
}
