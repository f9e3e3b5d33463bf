/**
 * Catch-up by time (`since: {time, timeline}` on subscribe): the events of a subscription from an
 * instant instead of a global position, on either timeline.
 *
 * - recorded (the default), "what the hub recorded since T": the subscription starts just below the
 *   first event the store, behind its fence, recorded at or after T (one replay request with a time
 *   filter), or at the fence when there is none yet; everything at or below that start was recorded
 *   before T. Above it, an event recorded before T (a transaction that committed late) is not delivered.
 * - event, "what was true since T": late data can sit anywhere in the log, so the subscription reads it
 *   from `from` (0 by default: the whole log) and delivers only events whose event time (the recorded
 *   time for a contract without one) is at or after T.
 *
 * Positions, checkpoints and the gap-free rule are the subscription's as ever; only what reaches the
 * handler is filtered, so resuming from a checkpoint with the same `since` gives the same events.
 */
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import type { Timeline } from '../common/event-store/timeline.js';
import { SUBJECTS } from '../common/nats/subjects.js';
import type { EventHandler } from './dx-subscription.js';
import type { HubConnection } from './hub-connection.js';
import { readReplayReply } from './replay-page.js';

export interface Since {
  /** ISO 8601 time or a Date. */
  time: string | Date;
  /** recorded (default): recorded since then; event: true since then, by the payload's own time. */
  timeline?: Timeline;
}

export interface SinceStart {
  /** The global position to subscribe after. */
  from: number;
  /** The handler, delivering only the events at or after the time on the timeline. */
  deliver: EventHandler;
}

export async function startSince(
  hub: HubConnection,
  request: { identity: string; contract: string; key?: string; major: number; from?: number },
  since: Since,
  handler: EventHandler,
  timeoutMs: number,
): Promise<SinceStart> {
  const at = new Date(since.time);
  if (Number.isNaN(at.getTime()))
    throw new Error(`subscribe: since.time must be an ISO 8601 time, got ${String(since.time)}`);
  const timeline = since.timeline ?? 'recorded';
  const timeOf =
    timeline === 'recorded'
      ? (e: EventEnvelope) => Date.parse(e.recordedAt)
      : (e: EventEnvelope) => Date.parse(e.eventTime ?? e.recordedAt);
  const deliver: EventHandler = (event) => (timeOf(event) >= at.getTime() ? handler(event) : undefined);
  if (timeline === 'event') return { from: request.from ?? 0, deliver };
  const reply = await hub.request(
    SUBJECTS.replay(request.identity),
    JSON.stringify({
      contract: request.contract,
      ...(request.key !== undefined && { key: request.key }),
      major: request.major,
      after: request.from ?? 0,
      limit: 1,
      from: at.toISOString(),
      timeline: 'recorded',
    }),
    timeoutMs,
  );
  const page = readReplayReply(reply.string());
  const first = page.events[0];
  const start = first ? first.position - 1 : Math.max(page.fence, request.from ?? 0);
  return { from: Math.max(start, request.from ?? 0), deliver };
}
