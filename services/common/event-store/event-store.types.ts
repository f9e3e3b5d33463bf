/** The shapes that go in and out of the event store. */

/** No key: contracts without a key pointer store all their events in one stream under this key. */
export const NO_KEY = '_';

export interface AppendRequest {
  contractId: string;
  contractVersion: string;
  key: string;
  producer: string;
  msgId: string;
  payload: unknown;
  /** The stream position of the last event the caller has seen (0: the stream must be empty). */
  expectedPosition?: number;
}

export interface AppendResult {
  position: number;
  streamPosition: number;
  duplicate: boolean;
  /** When the event was stored (for a duplicate: when the original was), ISO 8601 with milliseconds. */
  recordedAt: string;
  /** The event's hash in its stream's chain, hex. */
  hash: string;
}

/** An event as it is stored, and as replay and delivery hand it out. */
export interface EventEnvelope {
  position: number;
  streamPosition: number;
  contract: string;
  version: string;
  key: string;
  producer: string;
  msgId: string;
  recordedAt: string;
  hash: string;
  data: Record<string, unknown>;
}
