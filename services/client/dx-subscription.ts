/**
 * subscribe() on the wire: the live subject `dx.data.<contract>.v<major>.<key or >>` and the store's
 * announcements on dx.head are subscribed (and confirmed by the server) before the catch-up reads the
 * store, so the head the first page reports covers every event the live feed cannot; the
 * SubscriptionMerger does the rest. When the line comes back, the subscriptions are confirmed again
 * before the next catch-up. Replay pages are retried while the hub is unreachable, however long that
 * takes: a subscription waits for the hub rather than skip anything.
 */
import type { Since } from './subscription-since.js';
import type { Subscription } from '@nats-io/transport-node';
import { context, SpanKind, trace, type Context } from '@opentelemetry/api';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import { SUBJECTS } from '../common/nats/subjects.js';
import { endSpan } from '../common/tracing/end-span.js';
import { contextOfMessage } from '../common/tracing/nats-trace-context.js';
import { tracer } from '../common/tracing/tracer.js';
import type { HubConnection } from './hub-connection.js';
import { HubUnreachableError } from './hub-unreachable-error.js';
import { readLiveMessage } from './live-message.js';
import {
  readCountReply,
  readReplayReply,
  type ReplayCount,
  type ReplayPage,
  type ReplayRequest,
} from './replay-page.js';
import { retryDelay, sleep, type RetryPolicy } from './retry-policy.js';
import { SubscriptionMerger } from './subscription-merger.js';
import { SubscriptionNotice } from './subscription-notice.js';

/** At most one notice of impossible live messages this often (each one is counted). */
const IMPOSSIBLE_REPORT_MS = 5000;

export interface SubscribeOptions {
  /** The major version to receive; data of other majors arrives converted. */
  major: number;
  /** Deliver the events after this global position (0, the default: everything in the store). */
  from?: number;
  /** One asset only; by default every key of the contract. */
  key?: string;
  /**
   * Fields in the subscriber's own units, by JSON pointer: `{"/temperature": "K"}` (UCUM codes). Checked
   * at subscribe() against the contract (refused at once when not convertible), then every event arrives
   * converted from its own version's units. Needs the registry (dx.registry.get and .schema).
   */
  units?: Record<string, string>;
  /**
   * Without `units`: deliver fields in the units this identity registered as a consumer of the contract
   * (`dx contracts consumers --register --unit`), read from the registry at subscribe().
   */
  registeredUnits?: boolean;
  /**
   * Catch up from an instant instead of a position: `{time, timeline}`, recorded (default: what the hub
   * recorded since then) or event (what was true since then, late data included: reads the log from
   * `from`). See subscription-since.ts.
   */
  since?: Since;
}

export type EventHandler = (event: EventEnvelope) => void | Promise<void>;

export interface DxSubscription {
  /** The highest global position delivered so far. */
  readonly position: number;
  /**
   * A global position at or below which every event has been delivered, as the store has proven: where
   * a new subscription resumes (`from`) without missing anything and without getting anything at or
   * below it again. Events after it may have been delivered already; they come again to a subscription
   * resumed from it.
   */
  readonly checkpoint: number;
  /** Resolves once every event stored before subscribe() was called has been delivered. */
  readonly caughtUp: Promise<void>;
  /** Resolves when closed; rejects with the error that ended it (a handler that threw, a refusal). */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

export interface SubscriptionSettings {
  /** Who reads: replay pages go to dx.replay.<identity>. */
  identity: string;
  requestTimeoutMs: number;
  retry: RetryPolicy;
  pageSize: number;
  maxQueued: number;
  fillWaitMs: number;
  pollMs: number;
  onError: (error: unknown) => void;
}

export async function openSubscription(
  hub: HubConnection,
  contract: string,
  options: SubscribeOptions,
  handler: EventHandler,
  settings: SubscriptionSettings,
): Promise<DxSubscription> {
  const from = options.from ?? 0;
  if (!Number.isSafeInteger(options.major) || options.major < 0)
    throw new Error(`subscribe: major must be an integer >= 0, got ${String(options.major)}`);
  if (!Number.isSafeInteger(from) || from < 0)
    throw new Error(`subscribe: from must be an integer >= 0 (a checkpoint), got ${String(options.from)}`);
  const closing = new AbortController();
  const replaySubject = SUBJECTS.replay(settings.identity);
  const ask = async <T>(request: object, read: (text: string) => T): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = await hub.request(replaySubject, JSON.stringify(request), settings.requestTimeoutMs);
        return read(reply.string());
      } catch (error) {
        if (!(error instanceof HubUnreachableError) || closing.signal.aborted) throw error;
        settings.onError(error);
        await sleep(retryDelay(settings.retry, attempt), closing.signal);
      }
    }
  };
  const replay = (request: ReplayRequest): Promise<ReplayPage> => ask(request, readReplayReply);
  const count = (request: ReplayRequest): Promise<ReplayCount | undefined> =>
    ask({ ...request, count: true }, readCountReply);
  // The trace context a live message carried, until its event reaches the handler.
  const traces = new WeakMap<EventEnvelope, Context>();
  const merger = new SubscriptionMerger({
    contract,
    key: options.key,
    major: options.major,
    from,
    pageSize: settings.pageSize,
    replay,
    count,
    deliver: (event) => {
      const parent = traces.get(event);
      return parent ? processSpan(contract, parent, () => handler(event)) : handler(event);
    },
    maxQueued: settings.maxQueued,
    fillWaitMs: settings.fillWaitMs,
    pollMs: settings.pollMs,
    notify: settings.onError,
  });

  const nats = await hub.connection();
  const feed = { contract, major: options.major };
  // A flood of such messages is told once, then at most every IMPOSSIBLE_REPORT_MS with how many.
  let impossible = 0;
  let impossibleToldAt = -Infinity;
  const live: Subscription = nats.subscribe(SUBJECTS.data(contract, options.major, options.key ?? '>'), {
    callback: (error, msg) => {
      if (error) return settings.onError(error);
      const read = readLiveMessage(msg, feed);
      if ('event' in read) {
        const parent = msg.headers && contextOfMessage(msg.headers);
        if (parent && trace.getSpanContext(parent)) traces.set(read.event, parent);
        return merger.live(read.event);
      }
      impossible++;
      if (Date.now() - impossibleToldAt < IMPOSSIBLE_REPORT_MS) return;
      const more = impossible > 1 ? ` (and ${impossible - 1} more such messages before it)` : '';
      settings.onError(
        new SubscriptionNotice(
          'LIVE_MESSAGE_IMPOSSIBLE',
          `dropped a message on ${msg.subject}: ${read.impossible}${more}`,
          { subject: msg.subject, dropped: impossible },
        ),
      );
      impossible = 0;
      impossibleToldAt = Date.now();
    },
  });
  let headTrouble = false;
  const heads: Subscription = nats.subscribe(SUBJECTS.head, {
    callback: (error, msg) => {
      if (error) {
        if (!headTrouble)
          settings.onError(
            new SubscriptionNotice(
              'HEAD_UNAVAILABLE',
              `cannot follow ${SUBJECTS.head} (${error.message}): events never published live are read ` +
                `from the store every ${settings.pollMs * 5} ms instead of when announced`,
            ),
          );
        headTrouble = true;
        return;
      }
      const fence = fenceOf(msg.string());
      if (fence !== undefined) merger.announce(fence);
    },
  });
  // Back on the line, the client has sent its subscriptions again; once the server answers a ping it has
  // them, and the catch-up that follows covers everything the live feed missed meanwhile.
  const stopFollowing = hub.onChange((event) => {
    if (event === 'down') return merger.lineDown();
    nats.flush().then(
      () => merger.lineUp(),
      () => undefined, // down again: the next 'up' catches up
    );
  });
  if (hub.connected) {
    // The server has the subscriptions once it answers a ping: from here on no live event is missed.
    await nats.flush();
  } else {
    merger.lineDown();
  }
  const caughtUp = merger.start();

  let finish!: () => void;
  const closed = new Promise<void>((resolve, reject) => {
    finish = resolve;
    merger.failure.catch((error: unknown) => {
      if (closing.signal.aborted) return;
      end();
      reject(error);
    });
  });
  // Ending with an error is reported through `closed`; nobody has to listen for it.
  closed.catch(() => undefined);
  function end() {
    closing.abort();
    void merger.stop();
    stopFollowing();
    for (const subscription of [live, heads]) {
      try {
        subscription.unsubscribe();
      } catch {
        // The connection is closed already: nothing is subscribed any more.
      }
    }
  }

  return {
    get position() {
      return merger.position;
    },
    get checkpoint() {
      return merger.checkpoint;
    },
    caughtUp,
    closed,
    async close() {
      if (!closing.signal.aborted) end();
      await merger.stop();
      finish();
      await closed.catch(() => undefined);
    },
  };
}

/** The fence of a dx.head announcement, if it is one. */
function fenceOf(text: string): number | undefined {
  try {
    const { fence } = JSON.parse(text) as { fence?: unknown };
    return Number.isSafeInteger(fence) && (fence as number) >= 0 ? (fence as number) : undefined;
  } catch {
    return undefined;
  }
}

/** The handler's call for a live event that carried a trace: a consumer span, active while it runs. */
async function processSpan(
  contract: string,
  parent: Context,
  handle: () => void | Promise<void>,
): Promise<void> {
  const span = tracer.startSpan(
    `process ${contract}`,
    { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'nats', 'dx.contract': contract } },
    parent,
  );
  return endSpan(
    span,
    context.with(trace.setSpan(parent, span), async () => handle()),
  );
}
