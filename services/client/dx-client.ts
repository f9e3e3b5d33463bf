/**
 * The DX Hub client for TypeScript subsystems (edges, simulation, tools): publish with stable message
 * ids, retries and a store-and-forward buffer; subscribe with catch-up and no gap or duplicate; read
 * latest values. How to use it, and what it guarantees: docs/client.md.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventEnvelope } from '../common/event-store/event-store.types.js';
import { isSubjectSafeId } from '../common/identity/subject-safe-id.js';
import { natsServerOptions } from '../common/nats/nats-url.js';
import { SUBJECTS } from '../common/nats/subjects.js';
import type { BufferedRefusal } from './buffer-flusher.js';
import { HubConnection } from './hub-connection.js';
import { HubRefusedError, isHubTrouble, refusalOf } from './hub-refused-error.js';
import { HubUnreachableError } from './hub-unreachable-error.js';
import { PublishBuffer } from './publish-buffer.js';
import type { Buffered, Published, PublishedBatch } from './publish-result.js';
import { Publisher, type PublishOptions } from './publisher.js';
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
  /** How long one request waits for the hub's answer (default 5000 ms). */
  requestTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Between reconnect attempts of a connection the client opened (default 500 ms). */
  reconnectWaitMs?: number;
  /** Events per dx.replay page (default 1000; the hub allows 5000). */
  replayPageSize?: number;
  /** How late a live event may arrive after one with a higher position (default 2000 ms); see SubscriptionMerger. */
  settleMs?: number;
  /**
   * A buffered message the hub refused once it could be sent (the caller had already been told it
   * was buffered). It has left the buffer; the hub recorded the refusal (`dx rejections list`).
   * Default: a process warning.
   */
  onBufferedRefusal?: (refusal: BufferedRefusal) => void;
  /** Transient trouble the client works around (retries, a malformed live message); default: ignored. */
  onError?: (error: unknown) => void;
}

/** The options with their defaults filled in. */
type Settings = Required<Omit<DxClientOptions, 'nats' | 'producer' | 'identity' | 'bufferDir' | 'retry'>> & {
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
      settleMs: options.settleMs ?? 2000,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      onBufferedRefusal: options.onBufferedRefusal ?? warnOfRefusal,
      onError: options.onError ?? (() => undefined),
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
   * Publishes one payload, or a batch (an array: item `i` gets the message id `<msgId>:<i>`). Resolves
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
    return openSubscription(this.hub, contract, options, handler, {
      identity: this.identity(),
      requestTimeoutMs: this.settings.requestTimeoutMs,
      retry: this.settings.retry,
      pageSize: this.settings.replayPageSize,
      settleMs: this.settings.settleMs,
      onError: this.settings.onError,
    });
  }

  /** The latest value of a contract's key (dx.cache.get), or undefined when it has none. */
  async get(contract: string, key: string): Promise<EventEnvelope | undefined> {
    const subject = SUBJECTS.cacheGet(this.identity());
    const body = JSON.stringify({ contract, key });
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

function warnOfRefusal({ message, errors }: BufferedRefusal): void {
  const reasons = errors.map(
    ({ index, error }) => `${index === undefined ? '' : `item ${index}: `}${error.code} ${error.message}`,
  );
  process.emitWarning(
    `the hub refused buffered message ${message.id} on ${message.contract}: ${reasons.join('; ')}`,
    'DxHubRefusal',
  );
}
