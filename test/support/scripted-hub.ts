/**
 * A scripted stand-in for the gateway, for the client library's edge cases only: it answers
 * dx.publish.<contract>, dx.replay.<identity> and dx.cache.get.<identity> on a real nats-server as docs/wire-protocol.md
 * says, from an in-memory log, and lets a test script what a real gateway does only by accident:
 * a reply that never comes, a refusal, a live event that is never delivered, a store that does not
 * show its newest events yet, small replay pages. Everything the hub decides for real (contracts,
 * validation, ownership, durability) is the real gateway's, tested in its own tests and end to end.
 */
import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node';
import type { EventEnvelope } from '../../services/common/event-store/event-store.types.js';
import { HEADERS, QUEUE_GROUPS, SUBJECTS } from '../../services/common/nats/subjects.js';

export interface SeenPublish {
  contract: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface Refusal {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/**
 * What to do with a publish request: answer it; store it but never answer (the reply is lost);
 * ignore it altogether (a gateway that hangs); or refuse it.
 */
export type PublishScript = (request: SeenPublish) => 'answer' | 'store-silently' | 'ignore' | Refusal;

export interface ScriptedHub {
  /** Every publish request received, in order, retries included. */
  readonly publishes: SeenPublish[];
  /** Every replay request received. */
  readonly replays: Record<string, unknown>[];
  /** The identity each replay and latest-value request was asked as (the end of its subject), in order. */
  readonly readers: string[];
  /** The stored events in global order. */
  readonly events: EventEnvelope[];
  onPublish: PublishScript;
  /** Whether a stored event is delivered live (false: it is "lost on the way"). */
  deliver: (event: EventEnvelope) => boolean;
  /** Replay pages hold at most this many events, whatever the request asks. */
  maxPage: number;
  /**
   * Replay shows only events up to this global position (a transaction still in progress above it): its
   * pages report it as their fence, and the last stored position as the head.
   */
  visibleUpTo: number;
  /** Stores an event as if another producer had published it (and delivers it unless `deliver` says no). */
  store(contract: string, key: string, data: Record<string, unknown>, version?: string): EventEnvelope;
  stop(): Promise<void>;
}

const PUBLISH_PREFIX = SUBJECTS.publish('');
const REPLAY_PREFIX = SUBJECTS.replay('');
const CACHE_GET_PREFIX = SUBJECTS.cacheGet('');

/**
 * `onPublish`: the script from the first request on. Set on the hub after it started, a client already
 * waiting (a buffer flushing as soon as the hub answers) may get its first answers from the default.
 */
export async function startScriptedHub(
  natsUrl: string,
  script: { onPublish?: PublishScript } = {},
): Promise<ScriptedHub> {
  const nats: NatsConnection = await connect({
    servers: natsUrl,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 50,
  });
  const stored = new Map<string, EventEnvelope>();
  const streams = new Map<string, number>();
  const events: EventEnvelope[] = [];

  const hub: ScriptedHub = {
    publishes: [],
    replays: [],
    readers: [],
    events,
    onPublish: script.onPublish ?? (() => 'answer'),
    deliver: () => true,
    maxPage: 5000,
    visibleUpTo: Number.MAX_SAFE_INTEGER,
    store(contract, key, data, version = '1.0.0') {
      return append({ contract, key, version, producer: 'other', msgId: `other-${events.length + 1}`, data });
    },
    async stop() {
      await nats.close();
    },
  };

  function append(
    fields: Omit<EventEnvelope, 'position' | 'streamPosition' | 'recordedAt' | 'hash'>,
  ): EventEnvelope {
    const stream = `${fields.contract}/${fields.key}`;
    const streamPosition = (streams.get(stream) ?? 0) + 1;
    streams.set(stream, streamPosition);
    const event: EventEnvelope = {
      position: events.length + 1,
      streamPosition,
      ...fields,
      recordedAt: new Date().toISOString(),
      hash: '0'.repeat(64),
    };
    events.push(event);
    if (hub.deliver(event)) {
      const major = Number(event.version.split('.')[0]);
      nats.publish(SUBJECTS.data(event.contract, major, event.key), JSON.stringify(event));
    }
    return event;
  }

  function publish(msg: Msg): unknown {
    const headers: Record<string, string> = {};
    for (const name of msg.headers?.keys() ?? []) headers[name] = msg.headers!.get(name);
    const body = JSON.parse(msg.string()) as unknown;
    const request = { contract: msg.subject.slice(PUBLISH_PREFIX.length), headers, body };
    hub.publishes.push(request);
    const script = hub.onPublish(request);
    if (script === 'ignore') return undefined;
    if (typeof script === 'object') return { ok: false, error: script };
    const producer = headers[HEADERS.producer];
    const version = headers[HEADERS.version];
    const msgId = headers[HEADERS.msgId];
    if (!producer || !version || !msgId)
      return { ok: false, error: { code: 'BAD_ARGUMENT', message: 'a header is missing', details: {} } };
    const one = (payload: Record<string, unknown>, id: string) => {
      const known = stored.get(`${producer}/${id}`);
      if (known)
        return { ok: true, position: known.position, streamPosition: known.streamPosition, duplicate: true };
      const key = headers[HEADERS.key] ?? (typeof payload.equipment === 'string' ? payload.equipment : '_');
      const expected = headers[HEADERS.expectedPosition];
      const actual = streams.get(`${request.contract}/${key}`) ?? 0;
      if (expected !== undefined && Number(expected) !== actual)
        return {
          ok: false,
          error: {
            code: 'STREAM_POSITION_CONFLICT',
            message: `the stream is at ${actual}`,
            details: { contract: request.contract, key, expected: Number(expected), actual },
          },
        };
      const event = append({ contract: request.contract, key, version, producer, msgId: id, data: payload });
      stored.set(`${producer}/${id}`, event);
      return { ok: true, position: event.position, streamPosition: event.streamPosition, duplicate: false };
    };
    const reply = Array.isArray(body)
      ? { ok: true, results: body.map((item, i) => one(item as Record<string, unknown>, `${msgId}:${i}`)) }
      : one(body as Record<string, unknown>, msgId);
    return script === 'store-silently' ? undefined : reply;
  }

  function replay(msg: Msg): unknown {
    const request = msg.json<{
      after?: number;
      contract: string;
      key?: string;
      limit?: number;
      count?: boolean;
    }>();
    hub.replays.push(request);
    hub.readers.push(msg.subject.slice(REPLAY_PREFIX.length));
    const after = request.after ?? 0;
    const limit = Math.min(request.limit ?? 1000, hub.maxPage);
    const head = events.length;
    const fence = Math.min(hub.visibleUpTo, head);
    const shown = events
      .filter((e) => e.position > after && e.position <= fence)
      .filter((e) => e.contract === request.contract && (request.key === undefined || e.key === request.key));
    if (request.count === true) return { ok: true, count: shown.length, fence, head };
    const page = shown.slice(0, limit);
    const last = page.at(-1)?.position ?? after;
    return { ok: true, events: page, last, more: page.length === limit, fence, head };
  }

  function cacheGet(msg: Msg): unknown {
    const { contract, key } = msg.json<{ contract: string; key: string }>();
    hub.readers.push(msg.subject.slice(CACHE_GET_PREFIX.length));
    const event = events.findLast((e) => e.contract === contract && e.key === key);
    if (event) return { ok: true, event };
    return {
      ok: false,
      error: { code: 'NOT_FOUND', message: `no value of ${contract} ${key}`, details: {} },
    };
  }

  const answer = (subject: string, handle: (msg: Msg) => unknown) =>
    nats.subscribe(subject, {
      queue: QUEUE_GROUPS.gateway,
      callback: (error, msg) => {
        if (error) return;
        const reply = handle(msg);
        if (reply !== undefined) msg.respond(JSON.stringify(reply));
      },
    });
  answer(`${PUBLISH_PREFIX}>`, publish);
  answer(SUBJECTS.replay('>'), replay);
  answer(SUBJECTS.cacheGet('>'), cacheGet);
  await nats.flush();
  return hub;
}
