/**
 * An anchor as a JSON document: what `dx audit anchor --out` writes, what is published on
 * dx.audit.anchors, and what `dx audit verify --anchor FILE` reads back. Fields are those of Anchor
 * under a "format" tag; "heads" (one digest line's items per stream) may be left out, in which case
 * only the root can be compared.
 */
import { DxError } from '../errors/dx-error.js';
import type { Anchor, AnchorHead } from './anchor.types.js';
import { anchorRoot, inDigestOrder } from './anchor-root.js';

export const ANCHOR_FORMAT = 'dx-anchor/1';

/** The document a person keeps: one field per line, one stream per line (diffs and mail stay readable). */
export function formatAnchorDocument(anchor: Anchor): string {
  const { heads, ...summary } = anchor;
  const top = JSON.stringify({ format: ANCHOR_FORMAT, ...summary }, null, 2);
  if (heads === undefined) return `${top}\n`;
  const list =
    heads.length === 0 ? '[]' : `[\n${heads.map((h) => `    ${JSON.stringify(h)}`).join(',\n')}\n  ]`;
  return `${top.slice(0, -2)},\n  "heads": ${list}\n}\n`;
}

/** The document on one line, without its heads when they would make it larger than maxBytes. */
export function anchorMessage(anchor: Anchor, maxBytes: number): { body: string; withHeads: boolean } {
  const body = JSON.stringify({ format: ANCHOR_FORMAT, ...anchor });
  if (anchor.heads === undefined || Buffer.byteLength(body) <= maxBytes) {
    return { body, withHeads: anchor.heads !== undefined };
  }
  const { heads: _omitted, ...summary } = anchor;
  return { body: JSON.stringify({ format: ANCHOR_FORMAT, ...summary }), withHeads: false };
}

/** Reads a document back; refuses one that is malformed or whose heads do not hash to its root. */
export function parseAnchorDocument(text: string): Anchor {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw refuse(`not JSON: ${(error as Error).message}`);
  }
  const doc = value as Record<string, unknown>;
  if (typeof doc !== 'object' || doc === null || doc.format !== ANCHOR_FORMAT) {
    throw refuse(`not an anchor: expected "format": "${ANCHOR_FORMAT}"`);
  }
  const count = (field: string): number => {
    const n = doc[field];
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0)
      throw refuse(`"${field}" must be an integer >= 0`);
    return n;
  };
  const anchor: Anchor = {
    id: doc.id === undefined || doc.id === null ? null : count('id'),
    globalPosition: count('globalPosition'),
    events: count('events'),
    streams: count('streams'),
    root: typeof doc.root === 'string' && /^[0-9a-f]{64}$/.test(doc.root) ? doc.root : '',
    anchoredAt: typeof doc.anchoredAt === 'string' ? doc.anchoredAt : '',
  };
  if (!anchor.root) throw refuse('"root" must be 64 lowercase hex digits');
  if (!anchor.anchoredAt) throw refuse('"anchoredAt" must be a time');
  if (doc.heads === undefined) return anchor;
  if (!Array.isArray(doc.heads) || !doc.heads.every(isHead)) {
    throw refuse('"heads" must be a list of [contract, key, stream position, global position, hash hex]');
  }
  const heads = doc.heads;
  if (heads.length !== anchor.streams || !inDigestOrder(heads)) {
    throw refuse(`"heads" must hold the ${anchor.streams} streams once each, in digest order`);
  }
  if (anchorRoot(anchor.globalPosition, anchor.events, heads) !== anchor.root) {
    throw refuse('its heads do not hash to its root: the copy itself was altered or damaged');
  }
  return { ...anchor, heads };
}

function isHead(value: unknown): value is AnchorHead {
  if (!Array.isArray(value) || value.length !== 5) return false;
  const [contract, key, streamPosition, globalPosition, hash] = value as unknown[];
  return (
    typeof contract === 'string' &&
    typeof key === 'string' &&
    Number.isSafeInteger(streamPosition) &&
    Number.isSafeInteger(globalPosition) &&
    typeof hash === 'string' &&
    /^[0-9a-f]{64}$/.test(hash)
  );
}

function refuse(reason: string): DxError {
  return new DxError('BAD_ARGUMENT', `the anchor is not valid: ${reason}`, { reason });
}
