/**
 * Publishing with stable message ids: every attempt of one publish call (retries, and the flush of
 * the buffer after a restart) carries the same dx-msg-id, so the hub stores it once however often it
 * arrives. Timeouts and missing gateways are retried with backoff; a refusal is final. With a buffer,
 * what cannot reach the hub goes to the buffer file, and once anything is buffered, later publishes
 * queue behind it so the hub stores them in the order they were made.
 */
import { randomUUID } from 'node:crypto';
import { context, propagation, SpanKind } from '@opentelemetry/api';
import { DxError } from '../common/errors/dx-error.js';
import { HEADERS, SUBJECTS } from '../common/nats/subjects.js';
import { endSpan } from '../common/tracing/end-span.js';
import { tracer } from '../common/tracing/tracer.js';
import type { BufferedMessage } from './buffer-file.js';
import { BufferFlusher, type BufferedRefusal, type HubAnswer } from './buffer-flusher.js';
import type { HubConnection } from './hub-connection.js';
import { HubUnreachableError } from './hub-unreachable-error.js';
import type { PublishBuffer } from './publish-buffer.js';
import { readPublishReply, type Buffered, type Published, type PublishedBatch } from './publish-result.js';
import { retryDelay, sleep, type RetryPolicy } from './retry-policy.js';

export interface PublishOptions {
  /** The full semantic version of the schema the payload follows. */
  version: string;
  /** The asset; otherwise the hub reads it from the payload at the contract's key pointer. */
  key?: string;
  /** The idempotency id; by default a fresh UUID per publish call. Item `i` of a batch: `<msgId>:<i>`. */
  msgId?: string;
  /**
   * A batch only: each item's own idempotency id (dx-msg-ids), so an item is stored once whatever batch
   * it is sent in again. Default: `<msgId>:<i>`.
   */
  msgIds?: string[];
  /** A batch only: each item's key (dx-keys); undefined: `key`, else the payload's. */
  keys?: (string | undefined)[];
  /** Optimistic concurrency: the stream position the stream must be at (single payloads only). */
  expectedPosition?: number;
  /**
   * A correction: the global position of the past event of the same stream this one supersedes
   * (dx-corrects; single payloads only). Event-time reads show the correction, recorded-time reads and
   * the audit both.
   */
  corrects?: number;
  /**
   * When the hub is unreachable and the message is buffered: resolve only once the hub has taken it
   * (true), instead of as soon as it is on disk ({buffered: true}, the default).
   */
  awaitDelivery?: boolean;
}

export interface PublisherSettings {
  producer: string;
  requestTimeoutMs: number;
  retry: RetryPolicy;
  onBufferedRefusal: (refusal: BufferedRefusal) => void;
  onError: (error: unknown) => void;
}

const CONTRACT_ID = /^[a-z0-9-]+\.[a-z0-9-]+$/;
const TOKEN_SAFE = /^[^\s.*>]+$/;

export class Publisher {
  private readonly flusher?: BufferFlusher;
  /** Appends under way: a publish made meanwhile must queue behind them, as behind the buffer. */
  private appending = 0;
  private readonly closing = new AbortController();

  constructor(
    private readonly hub: HubConnection,
    private readonly settings: PublisherSettings,
    private readonly buffer?: PublishBuffer,
  ) {
    if (buffer) {
      this.flusher = new BufferFlusher(buffer, hub, {
        retry: settings.retry,
        send: (message) => this.sendOnce(message),
        onRefused: settings.onBufferedRefusal,
        onError: settings.onError,
      });
      this.flusher.kick();
    }
  }

  /** Messages waiting in the buffer for the hub. */
  get buffered(): number {
    return this.buffer?.size ?? 0;
  }

  /**
   * Publishes in a span of its own (a child of the caller's active span, if any) whose W3C trace
   * context travels in the message's headers; without an OpenTelemetry SDK registered, both are no-ops.
   */
  publish(
    contract: string,
    body: object | object[],
    options: PublishOptions,
  ): Promise<Published | PublishedBatch | Buffered> {
    return tracer.startActiveSpan(
      `publish ${contract}`,
      { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'nats', 'dx.contract': contract } },
      (span) => endSpan(span, this.send(contract, body, options)),
    );
  }

  private async send(
    contract: string,
    body: object | object[],
    options: PublishOptions,
  ): Promise<Published | PublishedBatch | Buffered> {
    const message = this.messageOf(contract, body, options);
    propagation.inject(context.active(), message.headers);
    if (this.buffer && (this.buffer.size > 0 || this.appending > 0 || this.flusher?.busy))
      return this.toBuffer(message, options.awaitDelivery);
    try {
      return outcome(message, await this.sendWithRetries(message), false);
    } catch (error) {
      if (!(error instanceof HubUnreachableError) || !this.buffer) throw error;
      return this.toBuffer(message, options.awaitDelivery);
    }
  }

  /** Waits for the flush under way, if any, then stops flushing; the buffer keeps what is left. */
  async close(): Promise<void> {
    this.closing.abort();
    await this.flusher?.close();
  }

  private messageOf(contract: string, body: object | object[], options: PublishOptions): BufferedMessage {
    if (!CONTRACT_ID.test(contract))
      throw badArgument('contract', 'pattern', '<domain>.<name> in lowercase letters, digits and -');
    if (typeof body !== 'object' || body === null) throw badArgument('payload', 'type', 'object or array');
    if (!options.version) throw badArgument('version', 'required', 'a semantic version');
    if (options.key !== undefined && !TOKEN_SAFE.test(options.key))
      throw badArgument('key', 'pattern', 'a NATS token: no ".", "*", ">" or whitespace');
    const items = Array.isArray(body) ? body.length : undefined;
    for (const [field, list] of [
      ['msgIds', options.msgIds],
      ['keys', options.keys],
    ] as const) {
      if (list !== undefined && list.length !== items)
        throw badArgument(field, 'items', 'one entry per item of a batch');
    }
    if (options.keys?.some((key) => key !== undefined && !TOKEN_SAFE.test(key)))
      throw badArgument('keys', 'pattern', 'NATS tokens: no ".", "*", ">" or whitespace');
    const id = options.msgId ?? randomUUID();
    const headers: Record<string, string> = {
      [HEADERS.producer]: this.settings.producer,
      [HEADERS.version]: options.version,
      [HEADERS.msgId]: id,
    };
    if (options.key !== undefined) headers[HEADERS.key] = options.key;
    if (options.msgIds) headers[HEADERS.msgIds] = JSON.stringify(options.msgIds);
    if (options.keys) headers[HEADERS.keys] = JSON.stringify(options.keys.map((key) => key ?? null));
    if (options.expectedPosition !== undefined)
      headers[HEADERS.expectedPosition] = String(options.expectedPosition);
    if (options.corrects !== undefined) {
      if (!Number.isSafeInteger(options.corrects) || options.corrects < 1)
        throw badArgument('corrects', 'type', 'the global position of the event corrected, an integer >= 1');
      if (Array.isArray(body)) throw badArgument('corrects', 'single', 'a single payload, not a batch');
      headers[HEADERS.corrects] = String(options.corrects);
    }
    return { id, contract, headers, body };
  }

  private async sendWithRetries(message: BufferedMessage): Promise<HubAnswer> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sendOnce(message);
      } catch (error) {
        if (!(error instanceof HubUnreachableError)) throw error;
        const spent = attempt >= this.settings.retry.attempts || this.closing.signal.aborted;
        // With a buffer, a line known to be down is not worth waiting for: the buffer is the retry.
        if (spent || (this.buffer && !this.hub.connected)) throw error;
        await sleep(retryDelay(this.settings.retry, attempt - 1), this.closing.signal);
      }
    }
  }

  private async sendOnce(message: BufferedMessage): Promise<HubAnswer> {
    const reply = await this.hub.request(
      SUBJECTS.publish(message.contract),
      JSON.stringify(message.body),
      this.settings.requestTimeoutMs,
      message.headers,
    );
    return readPublishReply(reply.string());
  }

  private async toBuffer(
    message: BufferedMessage,
    awaitDelivery = false,
  ): Promise<Published | PublishedBatch | Buffered> {
    const flusher = this.flusher!;
    // Registered before the append, so that no flush can answer the message before anyone listens.
    const delivered = awaitDelivery ? flusher.delivery(message) : undefined;
    this.appending++;
    try {
      await this.buffer!.append(message);
    } catch (error) {
      flusher.forget(message);
      throw error;
    } finally {
      this.appending--;
    }
    flusher.kick();
    if (!delivered) return { msgId: message.id, buffered: true };
    return outcome(message, await delivered, true);
  }
}

function outcome(
  message: BufferedMessage,
  answer: HubAnswer,
  viaBuffer: boolean,
): Published | PublishedBatch {
  if (Array.isArray(answer)) return { msgId: message.id, buffered: false, viaBuffer, results: answer };
  return { msgId: message.id, buffered: false, viaBuffer, ...answer };
}

function badArgument(field: string, rule: string, expected: string): DxError {
  return new DxError('BAD_ARGUMENT', `publish: ${field} must be ${expected}`, { field, rule, expected });
}
