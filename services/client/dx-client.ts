/**
 * The DX Hub client for TypeScript subsystems (edges, simulation, tools): publish with stable message
 * ids, retries and a store-and-forward buffer; subscribe with catch-up and no gap or duplicate; read
 * latest values. How to use it, and what it guarantees: docs/client.md.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import type { Timeline } from '../common/event-store/timeline.js';
import { isSubjectSafeId } from '../common/identity/subject-safe-id.js';
import { natsServerOptions } from '../common/nats/nats-url.js';
import { SUBJECTS } from '../common/nats/subjects.js';
import type { BufferedRefusal } from './buffer-flusher.js';
import { HubConnection } from './hub-connection.js';
import { HubRefusedError, isHubTrouble, refusalOf } from './hub-refused-error.js';
import { HubUnreachableError } from './hub-unreachable-error.js';
import { PublishBuffer } from './publish-buffer.js';
import { startSince } from './subscription-since.js';
import { SubscriptionUnits } from './subscription-units.js';
import { parseConsumerUnits } from '../common/units/consumer-units.js';
import type { Buffered, Published, PublishedBatch } from './publish-result.js';
import { Publisher, type PublishOptions } from './publisher.js';
import { SubscriptionNotice } from './subscription-notice.js';
import { DEFAULT_RETRY, retryDelay, sleep, type RetryPolicy } from './retry-policy.js';
import {
  openSubscription,
  type DxSubscription,
  type EventHandler,
  type SubscribeOptions,
} from './dx-subscription.js';

export interface DxClientOptions {
  /** A NATS URL (the client opens its own connection and keeps it) or a connection the caller owns. */
  nats: string | NatsConnection;
  /** The publishing subsystem (dx-producer); needed to publish, not to read. */
  producer?: string;
  /**
   * Who reads: subscribe() and get() ask the hub as this identity (`dx.replay.<identity>`,
   * `dx.cache.get.<identity>`), the only such subjects the broker lets its NATS user publish on, and the
   * hub answers only about contracts it may read. Default: `producer`, else the user in the NATS URL.
   */
  identity?: string;
  /**
   * Where the store-and-forward buffer file lives (`<producer>.buffer.jsonl`). Without it, a publish
   * the hub cannot take fails with HubUnreachableError after its retries.
   */
  bufferDir?: string;
  /**
   * The subject prefix of this client's reply inboxes. Default: `_INBOX.<user>` for the user in the NATS
   * URL, the only inboxes `dx nats-config` lets that user read (so no other subsystem can read this
   * one's acks and values); the client library's `_INBOX` without a user. A connection handed in keeps its own.
   */
  inboxPrefix?: string;
  /** How long one request waits for the hub's answer (default 5000 ms). */
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Between reconnect attempts of a connection the client opened (default 500 ms). */
  reconnectWaitMs?: number;
  /** Events per dx.replay page (default 1000; the hub allows 5000). */
  replayPageSize?: number;
  /**
   * Most live events a subscription holds while it reads the store or waits on its handler (default
   * 10,000); beyond, live events are dropped and read from the store instead: memory stays bounded.
   */
  maxQueuedEvents?: number;
  /** How long a subscription waits for the store to show what came before a live event (default 2000 ms). */
  fillWaitMs?: number;
  /** Least time between two reads of the store a subscription makes to follow dx.head (default 1000 ms). */
  pollMs?: number;
  /**
   * A buffered message the hub refused once it could be sent (the caller had already been told it
   * was buffered). It has left the buffer; the hub recorded the refusal (`dx rejections list`).
   * Default: a process warning.
   */
  onBufferedRefusal?: (refusal: BufferedRefusal) => void;
  /**
   * Transient trouble the client works around: retries, and SubscriptionNotice (a live message dropped,
   * a wait for the store, a full queue) with its reason and positions. Default: a SubscriptionNotice is
   * a process warning (type DxHubSubscription, code its reason); retries are ignored.
   */
  onError?: (error: unknown) => void;
}

/** The options with their defaults filled in. */
type Settings = Required<
  Omit<DxClientOptions, 'nats' | 'producer' | 'identity' | 'bufferDir' | 'retry' | 'inboxPrefix'>
> & {
  retry: RetryPolicy;
};

export class DxClient {
  private constructor(
    private readonly hub: HubConnection,
    private readonly settings: Settings,
    /** Who subscribe() and get() read as; undefined when the options named nobody. */
    private readonly reader: string | undefined,
    private readonly publisher?: Publisher,
    private readonly buffer?: PublishBuffer,
  ) {}

  /**
   * Loads the buffer (if any) and connects. NATS being unreachable at this moment is no error: the
   * client buffers and connects when it can.
   */
  static async connect(options: DxClientOptions): Promise<DxClient> {
    const settings: Settings = {
      requestTimeoutMs: options.requestTimeoutMs ?? 5000,
      reconnectWaitMs: options.reconnectWaitMs ?? 500,
      replayPageSize: options.replayPageSize ?? 1000,
      maxQueuedEvents: options.maxQueuedEvents ?? 10_000,
      fillWaitMs: options.fillWaitMs ?? 2000,
      pollMs: options.pollMs ?? 1000,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      onBufferedRefusal: options.onBufferedRefusal ?? warnOfRefusal,
      onError: options.onError ?? warnOfNotice,
    };
    if (options.bufferDir && !options.producer)
      throw new Error('DxClient: a buffer belongs to a producer; give `producer` with `bufferDir`');
    const reader = readerOf(options);
    if (reader !== undefined && !isSubjectSafeId(reader))
      throw new Error(
        `DxClient: ${JSON.stringify(reader)} cannot be an identity: it goes into subjects, so letters, ` +
          'digits, _ and - in tokens separated by single dots',
      );
    const buffer = options.bufferDir
      ? await PublishBuffer.open(options.bufferDir, options.producer!)
      : undefined;
    let hub: HubConnection;
    try {
      hub = await HubConnection.open(options.nats, {
        reconnectWaitMs: settings.reconnectWaitMs,
        name: options.producer ?? reader,
        inboxPrefix: options.inboxPrefix,
      });
    } catch (error) {
      await buffer?.close();
      throw error;
    }
    const publisher = options.producer
      ? new Publisher(hub, { ...settings, producer: options.producer }, buffer)
      : undefined;
    return new DxClient(hub, settings, reader, publisher, buffer);
  }

  /** Messages waiting in the buffer for the hub. */
  get buffered(): number {
    return this.publisher?.buffered ?? 0;
  }

  /** Whether the NATS connection is up right now. */
  get connected(): boolean {
    return this.hub.connected;
  }

  /**
   * Publishes one payload, or a batch (an array: item `i` gets the message id `<msgId>:<i>`, or
   * `msgIds[i]` when given, and the key `keys[i]` when given). Resolves
   * with the stored positions, or with {buffered: true} once the message is safe in the buffer file
   * while the hub is unreachable. Throws HubRefusedError when the hub refuses the request.
   */
  publish(
    contract: string,
    payloads: object[],
    options: PublishOptions & { awaitDelivery: true },
  ): Promise<PublishedBatch>;
  publish(contract: string, payloads: object[], options: PublishOptions): Promise<PublishedBatch | Buffered>;
  publish(
    contract: string,
    payload: object,
    options: PublishOptions & { awaitDelivery: true },
  ): Promise<Published>;
  publish(contract: string, payload: object, options: PublishOptions): Promise<Published | Buffered>;
  async publish(
    contract: string,
    body: object | object[],
    options: PublishOptions,
  ): Promise<Published | PublishedBatch | Buffered> {
    if (!this.publisher) throw new Error('DxClient: give `producer` to connect() to publish');
    return this.publisher.publish(contract, body, options);
  }

  /** Catches up from the store after `from`, then follows the live feed; see DxSubscription. */
  async subscribe(
    contract: string,
    options: SubscribeOptions,
    handler: EventHandler,
  ): Promise<DxSubscription> {
    const units =
      options.units === undefined && !options.registeredUnits
        ? undefined
        : await SubscriptionUnits.open(
            this.hub,
            contract,
            parseConsumerUnits(options.units),
            this.identity(),
            this.settings.requestTimeoutMs,
            options.major,
          );
    const converted: EventHandler = units ? async (event) => handler(await units.convert(event)) : handler;
    const { from, deliver } =
      options.since === undefined
        ? { from: options.from, deliver: converted }
        : await startSince(
            this.hub,
            {
              identity: this.identity(),
              contract,
              key: options.key,
              major: options.major,
              from: options.from,
            },
            options.since,
            converted,
            this.settings.requestTimeoutMs,
          );
    return openSubscription(this.hub, contract, { ...options, from }, deliver, {
      identity: this.identity(),
      requestTimeoutMs: this.settings.requestTimeoutMs,
      retry: this.settings.retry,
      pageSize: this.settings.replayPageSize,
      maxQueued: this.settings.maxQueuedEvents,
      fillWaitMs: this.settings.fillWaitMs,
      pollMs: this.settings.pollMs,
      onError: this.settings.onError,
    });
  }

  /**
   * The latest value of a contract's key (dx.cache.get), or undefined when it has none: the last
   * recorded, or with `timeline: 'event'` the one with the newest event time (late data never displaces
   * a fresher reading).
   */
  async get(
    contract: string,
    key: string,
    options: { timeline?: Timeline } = {},
  ): Promise<EventEnvelope | undefined> {
    const subject = SUBJECTS.cacheGet(this.identity());
    const body = JSON.stringify({ contract, key, ...(options.timeline && { timeline: options.timeline }) });
    for (let attempt = 1; ; attempt++) {
      try {
        const reply = (await this.hub.request(subject, body, this.settings.requestTimeoutMs)).json<{
          ok?: boolean;
          event?: EventEnvelope;
          error?: unknown;
        }>();
        if (reply.ok === true && reply.event) return reply.event;
        const refusal = refusalOf(reply.error);
        if (refusal.code === 'NOT_FOUND') return undefined;
        if (isHubTrouble(refusal)) throw new HubUnreachableError('hub-trouble', refusal.message);
        throw new HubRefusedError(refusal);
      } catch (error) {
        if (!(error instanceof HubUnreachableError) || attempt >= this.settings.retry.attempts) throw error;
        await sleep(retryDelay(this.settings.retry, attempt - 1));
      }
    }
  }

  private identity(): string {
    if (this.reader === undefined)
      throw new Error('DxClient: give `identity` (or `producer`) to connect() to read from the hub');
    return this.reader;
  }

  /**
   * Stops flushing (what is left stays in the buffer file for the next client), then closes the
   * connection if the client opened it. Open subscriptions should be closed first.
   */
  async close(): Promise<void> {
    await this.publisher?.close();
    await this.buffer?.close();
    await this.hub.close();
  }
}

/** The identity a client reads as: the one named, the producer, or the NATS user of the URL. */
function readerOf(options: DxClientOptions): string | undefined {
  if (options.identity !== undefined) return options.identity;
  if (options.producer !== undefined) return options.producer;
  return typeof options.nats === 'string' ? natsServerOptions(options.nats).user : undefined;
}

/** By default, what a subscription dropped or waits for is a process warning; retries stay quiet. */
function warnOfNotice(error: unknown): void {
  if (error instanceof SubscriptionNotice)
    process.emitWarning(error.message, { type: 'DxHubSubscription', code: error.reason });
}

function warnOfRefusal({ message, errors }: BufferedRefusal): void {
  const reasons = errors.map(
    ({ index, error }) => `${index === undefined ? '' : `item ${index}: `}${error.code} ${error.message}`,
  );
  process.emitWarning(
    `the hub refused buffered message ${message.id} on ${message.contract}: ${reasons.join('; ')}`,
    'DxHubRefusal',
  );
}
