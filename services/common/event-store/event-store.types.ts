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
  /**
   * The event time: the payload's own time at its contract version's x-event-time pointer, ISO 8601.
   * Stored to the millisecond; without it the event time is the recorded time.
   */
  eventTime?: string;
  /** A correction: the global position of the event of the same stream that this one supersedes. */
  supersedes?: number;
  /**
   * The payload's JSON text, when the caller has it from checkPayload with the store's own limit (the
   * gateway checks each item before validating it): the store then does not serialise it again.
   */
  payloadJson?: string;
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
  /** When what it says was true (ISO 8601, UTC, ms), if its contract version names an event time. */
  eventTime?: string;
  /** A correction: the global position of the event it supersedes. */
  supersedes?: number;
  hash: string;
  data: Record<string, unknown>;
}
