/**
 * Checks the store against anchors: recomputes each anchor's digest from dx.events at its global
 * position and, when the roots differ, names what differs. An anchor from a file is trusted as given
 * (its stream list was checked against its root when it was read); an anchor from dx.anchors is only
 * as trustworthy as the database itself.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Anchor, AnchorCheck, AnchorDifference, AnchorHead, AnchorSource } from './anchor.types.js';
import { anchorRoot } from './anchor-root.js';
import { findAnchor, listAnchors, readAnchorHeads } from './anchors.repository.js';
import { compareAnchor } from './compare-anchor.js';
import { countEventsUpTo, readHeadsAt, readStoreState } from './read-store-state.js';

/** Checks one anchor; `events` is the store's count at its position when the caller has it already. */
export async function checkAnchor(
  db: Kysely<DB>,
  anchor: Anchor,
  source: AnchorSource,
  events?: number,
): Promise<AnchorCheck> {
  const at = anchor.globalPosition;
  const state =
    events === undefined
      ? await readStoreState(db, at)
      : { globalPosition: at, events, heads: await readHeadsAt(db, at) };
  const { heads } = state;
  const foundRoot = anchorRoot(at, state.events, heads);
  const { heads: anchoredHeads, ...summary } = anchor;
  const check = { anchor: summary, source, foundRoot };
  if (foundRoot === anchor.root) return { ...check, intact: true, differences: [] };

  const differences: AnchorDifference[] = [];
  let known: AnchorHead[] | null = anchoredHeads ?? null;
  if (!known) {
    const recorded = source === 'database' ? anchor.id : await findAnchor(db, at, anchor.root);
    if (recorded !== null) {
      const candidate = await readAnchorHeads(db, recorded);
      // Recorded heads name streams only if they are the ones the root was computed over.
      if (anchorRoot(at, anchor.events, candidate) === anchor.root) known = candidate;
      else if (source === 'database') differences.push(inconsistent(anchor));
    }
  }
  differences.push(...compareAnchor(summary, known, state, foundRoot));
  return { ...check, intact: false, differences };
}

/** Checks every anchor in dx.anchors, oldest first, counting the events of all of them in one pass. */
export async function checkRecordedAnchors(
  db: Kysely<DB>,
  onCheck: (check: AnchorCheck) => void = () => {},
): Promise<AnchorCheck[]> {
  const anchors = await listAnchors(db);
  const counts = await countEventsUpTo(
    db,
    anchors.map((a) => a.globalPosition),
  );
  const checks: AnchorCheck[] = [];
  for (const [i, anchor] of anchors.entries()) {
    const check = await checkAnchor(db, anchor, 'database', counts[i]);
    checks.push(check);
    onCheck(check);
  }
  return checks;
}

function inconsistent(anchor: Anchor): AnchorDifference {
  return {
    kind: 'anchor-inconsistent',
    contract: null,
    key: null,
    anchored: null,
    found: null,
    detail: `the stream list recorded in dx.anchor_heads for anchor ${anchor.id} does not hash to its root: the record itself was altered`,
  };
}
