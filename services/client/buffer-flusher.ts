/**
 * Sends the buffered messages to the hub, oldest first, one at a time: a message leaves the buffer
 * only when the hub has answered it, so the order in the buffer is the order the hub stores. While
 * the hub is unreachable it waits (backing off, and waking when the NATS line comes back up).
 */
import type { BufferedMessage } from './buffer-file.js';
import type { HubConnection } from './hub-connection.js';
import { HubRefusedError } from './hub-refused-error.js';
import { HubUnreachableError } from './hub-unreachable-error.js';
import type { PublishBuffer } from './publish-buffer.js';
import type { ItemResult, StoredPosition } from './publish-result.js';
import { retryDelay, sleep, type RetryPolicy } from './retry-policy.js';

export type HubAnswer = StoredPosition | ItemResult[];

/** A buffered message the hub refused: it has left the buffer (the hub recorded the refusal). */
export interface BufferedRefusal {
  message: BufferedMessage;
  /** The whole request's refusal, or each refused item of a batch with its index. */
  errors: { index?: number; error: HubRefusedError }[];
}

export interface BufferFlusherOptions {
  retry: RetryPolicy;
  /** Sends one message once: its answer, a HubRefusedError, or a HubUnreachableError. */
  send: (message: BufferedMessage) => Promise<HubAnswer>;
  onRefused: (refusal: BufferedRefusal) => void;
  onError: (error: unknown) => void;
}

interface Waiter {
  resolve: (answer: HubAnswer) => void;
  reject: (error: unknown) => void;
}

export class BufferFlusher {
  private running?: Promise<void>;
  private readonly waiters = new Map<BufferedMessage, Waiter>();
  private readonly closing = new AbortController();
  private wake = new AbortController();
  private readonly stopListening: () => void;

  constructor(
    private readonly buffer: PublishBuffer,
    private readonly hub: HubConnection,
    private readonly options: BufferFlusherOptions,
  ) {
    this.stopListening = hub.onChange((event) => {
      if (event !== 'up') return;
      this.wake.abort();
      this.kick();
    });
  }

  /** Whether a flush is under way: a new publish then queues behind it to keep the order. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Starts flushing if there is anything to flush and no flush is under way. */
  kick(): void {
    if (this.running || this.closing.signal.aborted || this.buffer.size === 0) return;
    this.running = this.flush().finally(() => {
      this.running = undefined;
      // A message appended while the last one was being acked would otherwise wait for the next kick.
      this.kick();
    });
  }

  /** Resolves with the hub's answer once `message` (appended to the buffer) has been delivered. */
  delivery(message: BufferedMessage): Promise<HubAnswer> {
    return new Promise((resolve, reject) => this.waiters.set(message, { resolve, reject }));
  }

  /** Forgets a waiter whose message never made it into the buffer. */
  forget(message: BufferedMessage): void {
    this.waiters.delete(message);
  }

  async close(): Promise<void> {
    this.closing.abort();
    this.wake.abort();
    this.stopListening();
    await this.running;
    const stillBuffered = new HubUnreachableError(
      'disconnected',
      'the client closed before the hub took this message; it stays in the buffer file and is sent by the next client',
    );
    for (const waiter of this.waiters.values()) waiter.reject(stillBuffered);
    this.waiters.clear();
  }

  private async flush(): Promise<void> {
    let failures = 0;
    for (let message = this.buffer.head(); message && !this.closing.signal.aborted;) {
      let answer: HubAnswer | HubRefusedError;
      try {
        answer = await this.options.send(message);
      } catch (error) {
        if (!(error instanceof HubRefusedError)) {
          this.options.onError(error);
          await this.pause(failures++);
          message = this.buffer.head();
          continue;
        }
        answer = error;
      }
      try {
        await this.buffer.ack(message);
      } catch (error) {
        // The hub has the message; sending it again is answered as a duplicate, so just go round.
        this.options.onError(error);
        await this.pause(failures++);
        message = this.buffer.head();
        continue;
      }
      failures = 0;
      this.settle(message, answer);
      message = this.buffer.head();
    }
  }

  /** Tells whoever waits for the message; refusals nobody waits for go to onRefused. */
  private settle(message: BufferedMessage, answer: HubAnswer | HubRefusedError): void {
    const waiter = this.waiters.get(message);
    this.waiters.delete(message);
    if (answer instanceof HubRefusedError) {
      if (waiter) waiter.reject(answer);
      else this.report({ message, errors: [{ error: answer }] });
      return;
    }
    if (waiter) return waiter.resolve(answer);
    if (Array.isArray(answer)) {
      const errors = answer.flatMap((item, index) => (item.ok ? [] : [{ index, error: item.error }]));
      if (errors.length > 0) this.report({ message, errors });
    }
  }

  /** The caller's callback must not stop the flush, whatever it does. */
  private report(refusal: BufferedRefusal): void {
    try {
      this.options.onRefused(refusal);
    } catch (error) {
      this.options.onError(error);
    }
  }

  /** Backs off; while NATS is down, sleeps until it comes back (or the backoff's end, whichever first). */
  private async pause(failures: number): Promise<void> {
    if (this.wake.signal.aborted) this.wake = new AbortController();
    const delay = retryDelay(this.options.retry, failures);
    await sleep(delay, AbortSignal.any([this.wake.signal, this.closing.signal]));
  }
}
