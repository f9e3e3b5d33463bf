/** What a publish call resolves with, and how a hub's publish reply is read into it. */
import { HubRefusedError, isHubTrouble, refusalOf } from './hub-refused-error.js';
import { HubUnreachableError } from './hub-unreachable-error.js';

/** Where the hub stored a message (or, for a repeat of a known message id, had stored it). */
export interface StoredPosition {
  position: number;
  streamPosition: number;
  duplicate: boolean;
}

/** One item of a batch: stored, or refused on its own. */
export type ItemResult = ({ ok: true } & StoredPosition) | { ok: false; error: HubRefusedError };

interface Outcome {
  /** The dx-msg-id the message went with (item `i` of a batch: `<msgId>:<i>`). */
  msgId: string;
  /** Not yet on the hub: it is in the buffer file and will be flushed. */
  buffered: false;
  /** It reached the hub through the buffer (the caller chose to await delivery). */
  viaBuffer: boolean;
}

export type Published = Outcome & StoredPosition;
export type PublishedBatch = Outcome & { results: ItemResult[] };

/** The hub could not be reached; the message is on disk in the buffer and will be sent. */
export interface Buffered {
  msgId: string;
  buffered: true;
}

/** The reply of `dx.publish.<contract>`: a position, a batch's results, or a refusal thrown. */
export function readPublishReply(text: string): StoredPosition | ItemResult[] {
  const reply = parseReply(text);
  if (reply.ok !== true) {
    const refusal = refusalOf(reply.error);
    if (isHubTrouble(refusal)) throw new HubUnreachableError('hub-trouble', refusal.message);
    throw new HubRefusedError(refusal);
  }
  if (Array.isArray(reply.results)) {
    const items = reply.results.map(readItem);
    // An item the hub could not store now: the whole batch goes again with the same message id, and
    // the items stored meanwhile are answered as duplicates with their positions.
    const troubled = items.find((item) => !item.ok && isHubTrouble(item.error));
    if (troubled && !troubled.ok)
      throw new HubUnreachableError(
        'hub-trouble',
        `an item of the batch met hub trouble: ${troubled.error.code} ${troubled.error.message}`,
      );
    return items;
  }
  return storedOf(reply);
}

function readItem(item: unknown): ItemResult {
  const reply = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  if (reply.ok === true) return { ok: true, ...storedOf(reply) };
  return { ok: false, error: new HubRefusedError(refusalOf(reply.error)) };
}

function storedOf(reply: Record<string, unknown>): StoredPosition {
  const { position, streamPosition, duplicate } = reply;
  if (typeof position !== 'number' || typeof streamPosition !== 'number')
    throw new Error(`the hub's publish reply has no positions: ${JSON.stringify(reply)}`);
  return { position, streamPosition, duplicate: duplicate === true };
}

function parseReply(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // fall through: reported below with the text
  }
  throw new Error(`the hub answered with something that is not a reply: ${text.slice(0, 200)}`);
}
