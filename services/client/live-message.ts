/**
 * Reads a message of the live feed (dx.data.<contract>.v<major>.<key>) as an event envelope, or says why
 * it cannot be one of this subscription's: not JSON, positions that are not positive integers, or a
 * contract, major or key other than its subject's. Such a message is dropped with that reason; it is
 * never delivered and never makes the subscription wait for anything.
 */
import type { Msg } from '@nats-io/transport-node';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import { SUBJECTS } from '../common/nats/subjects.js';

export interface LiveFeed {
  contract: string;
  major: number;
}

export type LiveMessage = { event: EventEnvelope } | { impossible: string };

export function readLiveMessage(msg: Pick<Msg, 'subject' | 'string'>, feed: LiveFeed): LiveMessage {
  let event: Partial<EventEnvelope>;
  try {
    event = JSON.parse(msg.string()) as Partial<EventEnvelope>;
  } catch {
    return { impossible: 'it is not JSON' };
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event))
    return { impossible: 'it is not an event envelope (a JSON object)' };
  for (const field of ['position', 'streamPosition'] as const) {
    const value = event[field];
    if (!Number.isSafeInteger(value) || (value as number) < 1)
      return { impossible: `its ${field} is ${JSON.stringify(value)}, not an integer >= 1` };
  }
  if (event.contract !== feed.contract)
    return { impossible: `its contract is ${JSON.stringify(event.contract)}, not ${feed.contract}` };
  if (typeof event.key !== 'string' || msg.subject !== SUBJECTS.data(feed.contract, feed.major, event.key))
    return { impossible: `its key ${JSON.stringify(event.key)} is not the one its subject names` };
  if (typeof event.version !== 'string' || Number(event.version.split('.')[0]) !== feed.major)
    return { impossible: `its version ${JSON.stringify(event.version)} is not of major ${feed.major}` };
  if (typeof event.data !== 'object' || event.data === null) return { impossible: 'it has no data object' };
  return { event: event as EventEnvelope };
}
