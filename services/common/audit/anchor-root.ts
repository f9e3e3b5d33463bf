/**
 * The root of an anchor: SHA-256 over a text of one line per stream, the same text an auditor builds
 * with psql (docs/storage.md#anchors). Each line is PostgreSQL's text form of a jsonb array (items
 * separated by ", ", strings escaped as jsonb prints them, which for the characters contract ids and
 * keys may hold is what JSON.stringify writes) followed by "\n":
 *
 *   ["dx-anchor", 1, <global position>, <events>]
 *   [<contract>, <key>, <stream position>, <global position>, <hash hex>]   one per stream
 *
 * Streams are in byte order of contract id, then key (COLLATE "C" in PostgreSQL; code point order).
 */
import { createHash } from 'node:crypto';
import type { AnchorHead } from './anchor.types.js';

export const ANCHOR_DIGEST_VERSION = 1;

export function anchorRoot(globalPosition: number, events: number, heads: readonly AnchorHead[]): string {
  const hash = createHash('sha256');
  hash.update(digestLine(['dx-anchor', ANCHOR_DIGEST_VERSION, globalPosition, events]));
  for (const head of heads) hash.update(digestLine(head));
  return hash.digest('hex');
}

/** One line of the digest: what `jsonb_build_array(...)::text || E'\n'` prints. */
export function digestLine(items: readonly (string | number)[]): string {
  return `[${items.map((item) => JSON.stringify(item)).join(', ')}]\n`;
}

/** Digest order of two streams: contract id, then key, each by code point (UTF-8 byte order). */
export function compareStreams(a: AnchorHead, b: AnchorHead): number {
  return compareCodePoints(a[0], b[0]) || compareCodePoints(a[1], b[1]);
}

/** Whether the heads are in digest order, each stream once. */
export function inDigestOrder(heads: readonly AnchorHead[]): boolean {
  for (let i = 1; i < heads.length; i++) if (compareStreams(heads[i - 1]!, heads[i]!) >= 0) return false;
  return true;
}

// JavaScript compares UTF-16 code units, which puts U+E000..U+FFFF after the astral planes; code
// points (and so PostgreSQL's "C" collation over UTF-8) do not.
function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const x = a[Symbol.iterator]();
  const y = b[Symbol.iterator]();
  for (;;) {
    const p = x.next();
    const q = y.next();
    if (p.done || q.done) return p.done ? (q.done ? 0 : -1) : 1;
    const d = p.value.codePointAt(0)! - q.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}
