/**
 * subscribe() on the wire: the live subject `dx.data.<contract>.v<major>.<key or >>` is subscribed
 * (and confirmed by the server) before the catch-up reads the store, so no event can fall between the
 * two; the SubscriptionMerger does the rest. Replay pages are retried while the hub is unreachable,
 * however long that takes: a subscription waits for the hub rather than skip anything.
 */
import type { Msg, Subscription } from '@nats-io/transport-node';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import { SUBJECTS } from '../common/nats/subjects.js';
import type { HubConnection } from './hub-connection.js';
import { HubUnreachableError } from './hub-unreachable-error.js';
import { readReplayReply, type ReplayPage, type ReplayRequest } from './replay-page.js';
import { retryDelay, sleep, type RetryPolicy } from './retry-policy.js';
import { SubscriptionMerger } from './subscription-merger.js';

export interface SubscribeOptions {
  /** The major version to receive; data of other majors arrives converted. */
  major: number;
  /** Deliver the events after this global position (0, the default: everything in the store). */
  from?: number;
  /** One asset only; by default every key of the contract. */
  key?: string;
}

export type EventHandler = (event: EventEnvelope) => void | Promise<void>;

export interface DxSubscription {
  /** The highest global position delivered so far. */
  readonly position: number;
  /**
   * A global position at or below which every event has been delivered: where a new subscription
   * resumes (`from`) without missing anything. Events after it that were delivered already are
   * delivered again by that new subscription.
   */
  readonly checkpoint: number;
  /** Resolves once the first catch-up from the store is done. */
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
  settleMs: number;
  onError: (error: unknown) => void;
}

export async function openSubscription(
  hub: HubConnection,
  contract: string,
  options: SubscribeOptions,
  handler: EventHandler,
  settings: SubscriptionSettings,
): Promise<DxSubscription> {
  const closing = new AbortController();
  const replaySubject = SUBJECTS.replay(settings.identity);
  const replay = async (request: ReplayRequest): Promise<ReplayPage> => {
    for (let attempt = 0; ; attempt++) {
      try {
        const reply = await hub.request(replaySubject, JSON.stringify(request), settings.requestTimeoutMs);
        return readReplayReply(reply.string());
      } catch (error) {
        if (!(error instanceof HubUnreachableError) || closing.signal.aborted) throw error;
        settings.onError(error);
        await sleep(retryDelay(settings.retry, attempt), closing.signal);
      }
    }
  };
  const merger = new SubscriptionMerger({
    contract,
    key: options.key,
    major: options.major,
    from: options.from ?? 0,
    pageSize: settings.pageSize,
    replay,
    deliver: handler,
    settleMs: settings.settleMs,
    fillRetryMs: 20,
  });

  const nats = await hub.connection();
  const subscription: Subscription = nats.subscribe(
    SUBJECTS.data(contract, options.major, options.key ?? '>'),
    {
      callback: (error, msg) => {
        if (error) return settings.onError(error);
        const event = envelopeOf(msg);
        if (event) merger.live(event);
        else settings.onError(new Error(`not an event envelope on ${msg.subject}`));
      },
    },
  );
  const stopFollowing = hub.onChange((event) => (event === 'down' ? merger.lineDown() : merger.lineUp()));
  if (hub.connected) {
    // The server has the subscription once it answers a ping: from here on no live event is missed.
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
    merger.stop();
    stopFollowing();
    subscription.unsubscribe();
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
      await merger.idle();
      finish();
      await closed.catch(() => undefined);
    },
  };
}

function envelopeOf(msg: Msg): EventEnvelope | undefined {
  try {
    const event = msg.json<EventEnvelope>();
    const valid =
      typeof event === 'object' &&
      event !== null &&
      Number.isSafeInteger(event.position) &&
      Number.isSafeInteger(event.streamPosition) &&
      typeof event.key === 'string';
    return valid ? event : undefined;
  } catch {
    return undefined;
  }
}
