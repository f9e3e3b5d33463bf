/**
 * A page of `dx.replay`, and a count (`count: true`): the request and the reply, as
 * docs/wire-protocol.md defines them.
 */
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import { HubRefusedError, isHubTrouble, refusalOf } from './hub-refused-error.js';
import { HubUnreachableError } from './hub-unreachable-error.js';

export interface ReplayRequest {
  contract: string;
  /** One key's stream only (a fill); otherwise every key of the contract. */
  key?: string;
  /** The major the events are converted to, as on delivery. */
  major: number;
  /** Events after this global position. */
  after: number;
  limit: number;
}

export interface ReplayPage {
  events: EventEnvelope[];
  /** Where the next page starts: the global position of the last event read (`after` when none). */
  last: number;
  more: boolean;
  /**
   * The store is complete up to here: once the pages have been read until `more` is false, every event
   * at or below it has been read. (0 from a gateway that does not say.)
   */
  fence: number;
  /** The highest global position committed when the page was read. */
  head: number;
}

export type ReadReplay = (request: ReplayRequest) => Promise<ReplayPage>;

/** How many events of the request's contract (or key) there are after `after` up to `fence`. */
export interface ReplayCount {
  count: number;
  fence: number;
  head: number;
}

/** Undefined from a gateway that does not count (it answers with a page instead). */
export type CountReplay = (request: ReplayRequest) => Promise<ReplayCount | undefined>;

interface Reply {
  ok?: unknown;
  error?: unknown;
  events?: unknown;
  last?: unknown;
  more?: unknown;
  fence?: unknown;
  head?: unknown;
  count?: unknown;
}

export function readCountReply(text: string): ReplayCount | undefined {
  const reply = answerOf(text);
  if (typeof reply.count !== 'number' || typeof reply.fence !== 'number') return undefined;
  const head = typeof reply.head === 'number' ? Math.max(reply.head, reply.fence) : reply.fence;
  return { count: reply.count, fence: reply.fence, head };
}

export function readReplayReply(text: string): ReplayPage {
  const reply = answerOf(text);
  if (!Array.isArray(reply.events) || typeof reply.last !== 'number')
    throw new Error(`the hub's replay reply has no events or last: ${text.slice(0, 200)}`);
  const fence = typeof reply.fence === 'number' ? reply.fence : 0;
  const head = typeof reply.head === 'number' ? Math.max(reply.head, fence) : fence;
  return {
    events: reply.events as EventEnvelope[],
    last: reply.last,
    more: reply.more === true,
    fence,
    head,
  };
}

/** The reply, or the refusal it carries thrown: HubUnreachableError when the hub is in trouble. */
function answerOf(text: string): Reply {
  const reply = JSON.parse(text) as Reply;
  if (reply.ok !== true) {
    const refusal = refusalOf(reply.error);
    if (isHubTrouble(refusal)) throw new HubUnreachableError('hub-trouble', refusal.message);
    throw new HubRefusedError(refusal);
  }
  return reply;
}
