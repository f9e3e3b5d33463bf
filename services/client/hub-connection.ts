/**
 * The client's line to the hub: one NATS connection, either opened here from a URL or handed in by
 * the caller. An opened connection reconnects forever: a producer that gave up on its bus could never
 * flush its buffer. The line knows whether it is up right now, so a publish goes to the buffer at once
 * instead of waiting in the NATS client's memory for a timeout, and it tells listeners when it goes
 * down and comes back (flushers and subscriptions act on that).
 */
import {
  connect,
  ClosedConnectionError,
  ConnectionError,
  DrainingConnectionError,
  headers as natsHeaders,
  InvalidArgumentError,
  RequestError,
  TimeoutError,
  type Msg,
  type NatsConnection,
} from '@nats-io/transport-node';
import { natsServerOptions } from '../common/nats/nats-url.js';
import { HubRefusedError } from './hub-refused-error.js';
import { HubUnreachableError } from './hub-unreachable-error.js';
import { DEFAULT_RETRY, retryDelay, sleep } from './retry-policy.js';

export type LineEvent = 'up' | 'down';

export interface HubConnectionOptions {
  /** Between reconnect attempts of a connection opened here. */
  reconnectWaitMs: number;
  /** Shown by the NATS server's monitoring for a connection opened here. */
  name?: string;
  /** Where replies come (default `_INBOX.<user in the URL>`, what `dx nats-config` allows that user). */
  inboxPrefix?: string;
}

export class HubConnection {
  private nats?: NatsConnection;
  private up = false;
  private readonly listeners = new Set<(event: LineEvent) => void>();
  private readonly closing = new AbortController();
  private readonly opened: Promise<NatsConnection>;

  private constructor(
    private readonly owned: boolean,
    open: (closing: AbortSignal) => Promise<NatsConnection>,
  ) {
    this.opened = open(this.closing.signal).then((nats) => this.attach(nats));
    // Nobody may be waiting for the connection when the client is closed before it existed.
    this.opened.catch(() => undefined);
  }

  /**
   * Opens (or adopts) the connection. A URL whose server does not answer yet is not an error: the
   * client works from its buffer and keeps trying. Any other failure (a malformed URL, refused
   * credentials) is thrown here, since waiting would not mend it.
   */
  static async open(target: string | NatsConnection, options: HubConnectionOptions): Promise<HubConnection> {
    if (typeof target !== 'string') return new HubConnection(false, async () => target);
    const connectOnce = () =>
      connect({
        // A subsystem's NATS user and password may come in the URL (nats://scada:secret@host:4222).
        ...natsServerOptions(target),
        ...(options.inboxPrefix ? { inboxPrefix: options.inboxPrefix } : {}),
        name: options.name,
        maxReconnectAttempts: -1,
        reconnectTimeWait: options.reconnectWaitMs,
        // No stack trace made in advance for every request (in case it times out): about 0.1 ms of CPU a
        // request, the largest single cost of an edge that publishes one plant message per request.
        noAsyncTraces: true,
      });
    let first: NatsConnection | undefined;
    try {
      first = await connectOnce();
    } catch (error) {
      if (!notThereYet(error)) throw error;
    }
    return new HubConnection(true, async (closing) => {
      if (first) return first;
      const wait = { ...DEFAULT_RETRY, initialDelayMs: options.reconnectWaitMs };
      for (let attempt = 0; ; attempt++) {
        await sleep(retryDelay(wait, attempt), closing);
        if (closing.aborted) throw new HubUnreachableError('disconnected', 'the client is closed');
        try {
          return await connectOnce();
        } catch (error) {
          if (!notThereYet(error)) throw error;
        }
      }
    });
  }

  /** Whether requests can reach the bus right now. */
  get connected(): boolean {
    return this.up;
  }

  get closed(): boolean {
    return this.closing.signal.aborted;
  }

  /** The NATS connection once there is one (subscriptions need it even while the hub is away). */
  connection(): Promise<NatsConnection> {
    return this.opened;
  }

  /** Calls `listener` whenever the line goes down or comes up; returns the way to stop. */
  onChange(listener: (event: LineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One request. Getting no answer, whatever the cause, is a HubUnreachableError saying why. */
  async request(
    subject: string,
    body: string,
    timeoutMs: number,
    headerValues: Record<string, string> = {},
  ): Promise<Msg> {
    const nats = this.nats;
    if (!nats || !this.up) throw new HubUnreachableError('disconnected', 'NATS is not connected');
    const entries = Object.entries(headerValues);
    const headers = entries.length > 0 ? natsHeaders() : undefined;
    for (const [name, value] of entries) headers!.set(name, value);
    try {
      return await nats.request(subject, body, { timeout: timeoutMs, headers });
    } catch (error) {
      // The bus never takes it, however often it is sent: a refusal, so it leaves a buffer.
      if (error instanceof InvalidArgumentError && /max_payload/.test(error.message)) {
        const bytes = Buffer.byteLength(body);
        const limit = nats.info?.max_payload;
        throw new HubRefusedError({
          code: 'PAYLOAD_TOO_LARGE',
          message: `the request is ${bytes} bytes, over the bus's max_payload of ${limit}: it was not sent`,
          details: { rule: 'maxPayload', expected: limit, actual: bytes, local: true },
        });
      }
      if (error instanceof RequestError && error.isNoResponders())
        throw new HubUnreachableError('no-responders', `no gateway answers on ${subject}`, { cause: error });
      if (error instanceof TimeoutError)
        throw new HubUnreachableError('timeout', `no answer on ${subject} within ${timeoutMs} ms`, {
          cause: error,
        });
      if (error instanceof ClosedConnectionError || error instanceof DrainingConnectionError)
        throw new HubUnreachableError('disconnected', 'the NATS connection is closed', { cause: error });
      throw error;
    }
  }

  /** Closes a connection opened here; one handed in stays the caller's to close. */
  async close(): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.closing.abort();
    this.change(false);
    if (this.owned && this.nats) await this.nats.close();
  }

  private attach(nats: NatsConnection): NatsConnection {
    if (this.closing.signal.aborted) {
      if (this.owned) void nats.close();
      throw new HubUnreachableError('disconnected', 'the client is closed');
    }
    this.nats = nats;
    this.change(!nats.isClosed());
    void this.follow(nats);
    return nats;
  }

  private async follow(nats: NatsConnection): Promise<void> {
    for await (const status of nats.status()) {
      if (status.type === 'disconnect' || status.type === 'close') this.change(false);
      else if (status.type === 'reconnect') this.change(true);
    }
    this.change(false);
  }

  private change(up: boolean): void {
    if (up && this.closing.signal.aborted) return;
    if (up === this.up) return;
    this.up = up;
    for (const listener of this.listeners) listener(up ? 'up' : 'down');
  }
}

/** Errors of a server that is not (yet) reachable, as opposed to one that turned us away. */
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function notThereYet(error: unknown): boolean {
  if (error instanceof ConnectionError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NETWORK_CODES.has(code);
}
