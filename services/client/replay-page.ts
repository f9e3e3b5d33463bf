/** A page of `dx.replay`: the request and the reply, as docs/wire-protocol.md defines them. */
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
}

export type ReadReplay = (request: ReplayRequest) => Promise<ReplayPage>;

export function readReplayReply(text: string): ReplayPage {
  const reply = JSON.parse(text) as {
    ok?: unknown;
    error?: unknown;
    events?: unknown;
    last?: unknown;
    more?: unknown;
  };
  if (reply.ok !== true) {
    const refusal = refusalOf(reply.error);
    if (isHubTrouble(refusal)) throw new HubUnreachableError('hub-trouble', refusal.message);
    throw new HubRefusedError(refusal);
  }
  if (!Array.isArray(reply.events) || typeof reply.last !== 'number')
    throw new Error(`the hub's replay reply has no events or last: ${text.slice(0, 200)}`);
  return { events: reply.events as EventEnvelope[], last: reply.last, more: reply.more === true };
}
