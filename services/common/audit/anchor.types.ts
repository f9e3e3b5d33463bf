/** What an anchor is and what checking the store against one reports (see docs/storage.md#anchors). */

/**
 * The head of one stream at an anchor's global position: its last event at or below that position.
 * The tuple is also the stream's line of the digest, in that order.
 */
export type AnchorHead = [
  contract: string,
  key: string,
  streamPosition: number,
  globalPosition: number,
  /** The event's hash, lowercase hex. */
  hash: string,
];

/** The digest of the store at a global position, as `dx audit anchor` records and prints it. */
export interface Anchor {
  /** Its row in dx.anchors; null for an anchor known only from a file that names none. */
  id: number | null;
  /** Every event at or below it had committed when the anchor was taken (the read fence). */
  globalPosition: number;
  /** Events at or below globalPosition. */
  events: number;
  /** Streams with an event at or below globalPosition. */
  streams: number;
  /** SHA-256 of the digest text, lowercase hex (anchor-root.ts). */
  root: string;
  /** ISO time at which it was taken (database clock). */
  anchoredAt: string;
  /** Every stream's head in digest order; absent when only the root was kept. */
  heads?: AnchorHead[];
}

/** The store as it is now, read at a global position from dx.events alone. */
export interface StoreState {
  globalPosition: number;
  events: number;
  heads: AnchorHead[];
}

export type AnchorDifferenceKind =
  /** The stream's last event at or below the position is another one than anchored. */
  | 'head-differs'
  /** The anchor knows the stream; the store has no event of it at or below the position. */
  | 'stream-missing'
  /** The store has events of a stream at or below the position that the anchor does not know. */
  | 'stream-added'
  /** The number of events at or below the position differs. */
  | 'events-differ'
  /** Only the roots can be compared (no stream list), and they differ. */
  | 'root-differs'
  /** The anchor's own stream list does not hash to its root: the copy itself was altered. */
  | 'anchor-inconsistent';

export interface AnchorDifference {
  kind: AnchorDifferenceKind;
  contract: string | null;
  key: string | null;
  /** The head the anchor holds, when it names one. */
  anchored: AnchorHead | null;
  /** The head the store has now, when it has one. */
  found: AnchorHead | null;
  detail: string;
}

/** Where the anchor being checked came from: a copy kept outside (file) or dx.anchors (database). */
export type AnchorSource = 'file' | 'database';

export interface AnchorCheck {
  anchor: Omit<Anchor, 'heads'>;
  source: AnchorSource;
  /** The root recomputed from dx.events at the anchor's position. */
  foundRoot: string;
  intact: boolean;
  differences: AnchorDifference[];
}
