/**
 * An edge's line to the hub: the client library with its store-and-forward buffer (so a hub outage
 * loses nothing), publishing under the mapping's producer identity with message ids derived from the
 * plant's messages. A publish here ends in one of four safe outcomes and never throws for the hub's
 * answer: stored, a duplicate of a stored message, buffered on disk, or refused (and recorded). Anything
 * else (a full disk) is retried until it works or the edge closes, because the plant message it carries
 * must not be acknowledged before it is safe.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import {
  DxClient,
  HubRefusedError,
  type BufferedRefusal,
  type DxSubscription,
  type EventHandler,
  type SubscribeOptions,
} from '../../client/index.js';
import { deriveMsgId } from './derive-msg-id.js';
import { METRICS, type EdgeMetrics } from './edge-metrics.js';
import type { EdgeSettings } from './edge-settings.js';

export type PublishOutcome = 'stored' | 'duplicate' | 'buffered' | 'refused';

/** A plant message the edge could not turn into contracted data, or that the hub refused. */
export interface EdgeRefusal {
  /** Where it came from: the MQTT topic, the OPC UA node or equipment. */
  source: string;
  /** A stable code: PAYLOAD_NOT_JSON, NO_MAPPING, UNDECODABLE, HUB_REFUSED, ... */
  reason: string;
  message: string;
  details?: Record<string, unknown>;
  /** The raw bytes as received. */
  raw?: Uint8Array;
  /** The message id of the plant message, so a redelivered one is recorded once. */
  msgId: string;
}

/** One plant message turned into contracted data, ready for the hub. */
export interface EdgeItem {
  payload: object;
  /** Derived from the plant message: the same message always gets the same id. */
  msgId: string;
  key: string | undefined;
  /** Where it came from, recorded with it if the hub refuses it. */
  refusal: Omit<EdgeRefusal, 'reason' | 'message' | 'msgId'>;
}

export interface EdgeHubOptions {
  settings: EdgeSettings;
  /** The edge's id: the prefix of its message ids, the key of its refusals. */
  edge: string;
  /** This process among replicas of the edge: its buffer and state live apart (default: none). */
  replica?: string;
  adapter: string;
  producer: string;
  refusals: { contract: string; version: string };
  logger: Logger;
  metrics: EdgeMetrics;
}

const RETRY_MS = [100, 250, 500, 1000, 2000, 5000];

export class EdgeHub {
  private closing = false;

  private constructor(
    readonly client: DxClient,
    private readonly options: EdgeHubOptions,
    /** Where this process keeps its buffer and checkpoints. */
    readonly stateDir: string,
  ) {}

  static async connect(options: EdgeHubOptions): Promise<EdgeHub> {
    const stateDir = path.join(
      options.settings.stateDir,
      options.replica ? `${options.edge}-${options.replica}` : options.edge,
    );
    // The flusher may report a refusal while the client is still being made: it is recorded then.
    const made: { hub?: EdgeHub } = {};
    const client = await DxClient.connect({
      nats: options.settings.natsUrl,
      producer: options.producer,
      bufferDir: stateDir,
      onBufferedRefusal: (refusal) => made.hub?.bufferedRefused(refusal),
      onError: (error) => options.logger.debug({ err: error }, 'hub trouble worked around'),
    });
    made.hub = new EdgeHub(client, options, stateDir);
    return made.hub;
  }

  get connected(): boolean {
    return this.client.connected;
  }

  get buffered(): number {
    return this.client.buffered;
  }

  /** Publishes one contracted message; resolves once it is safe, with how. */
  async publish(
    contract: string,
    version: string,
    payload: object,
    msgId: string,
    key: string | undefined,
    refusal: Omit<EdgeRefusal, 'reason' | 'message' | 'msgId'>,
  ): Promise<PublishOutcome> {
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.client.publish(contract, payload, { version, msgId, key });
        const outcome: PublishOutcome = result.buffered
          ? 'buffered'
          : result.duplicate
            ? 'duplicate'
            : 'stored';
        this.options.metrics.count(METRICS.messages, { outcome });
        return outcome;
      } catch (error) {
        if (error instanceof HubRefusedError) {
          this.options.metrics.count(METRICS.messages, { outcome: 'refused' });
          await this.refused(contract, version, { payload, msgId, key, refusal }, error);
          return 'refused';
        }
        if (this.closing) throw error;
        this.options.logger.error({ err: error, contract, msgId }, 'could not publish; retrying');
        await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
      }
    }
  }

  /**
   * Publishes plant messages of one contract version as one hub request, each item under its own
   * message id and key, so an item the plant sends again is stored once whatever batch it travels in
   * (and a batch sent again is answered item by item as duplicates). Resolves once every item is safe,
   * with how, in order; a refused item is recorded like any refusal.
   */
  async publishBatch(contract: string, version: string, items: EdgeItem[]): Promise<PublishOutcome[]> {
    if (items.length === 1) {
      const [item] = items;
      return [await this.publish(contract, version, item!.payload, item!.msgId, item!.key, item!.refusal)];
    }
    const msgIds = items.map((item) => item.msgId);
    const keys = items.some((item) => item.key !== undefined) ? items.map((item) => item.key) : undefined;
    // The request's own id: the same batch sent again (a retry, the buffer's flush) is the same request.
    const msgId = deriveMsgId(`${this.options.edge}:batch`, ...msgIds);
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.client.publish(
          contract,
          items.map((item) => item.payload),
          { version, msgId, msgIds, keys },
        );
        if (result.buffered) return this.counted(items.map(() => 'buffered'));
        const outcomes = await Promise.all(
          result.results.map(async (answer, i): Promise<PublishOutcome> => {
            if (answer.ok) return answer.duplicate ? 'duplicate' : 'stored';
            await this.refused(contract, version, items[i]!, answer.error);
            return 'refused';
          }),
        );
        return this.counted(outcomes);
      } catch (error) {
        if (error instanceof HubRefusedError) {
          await Promise.all(items.map((item) => this.refused(contract, version, item, error)));
          return this.counted(items.map(() => 'refused'));
        }
        if (this.closing) throw error;
        this.options.logger.error({ err: error, contract, msgId }, 'could not publish a batch; retrying');
        await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
      }
    }
  }

  /**
   * Records a refusal as contracted data (`scada.edge-refusals` by default) with the raw bytes in
   * base64 (cut at DX_EDGE_REFUSAL_MAX_BYTES), and counts it. A refusal the hub itself refuses is
   * logged, never recorded again, so a broken refusal contract cannot loop.
   */
  async recordRefusal(refusal: EdgeRefusal): Promise<void> {
    const { metrics, logger, settings, edge, adapter, refusals } = this.options;
    metrics.count(METRICS.refusals, { reason: refusal.reason });
    logger.warn({ source: refusal.source, reason: refusal.reason }, refusal.message);
    const raw = refusal.raw ? Buffer.from(refusal.raw) : undefined;
    const kept = raw?.subarray(0, settings.refusalMaxBytes);
    const record: Record<string, unknown> = {
      edge,
      adapter,
      source: refusal.source.slice(0, 1000),
      reason: refusal.reason,
      message: refusal.message.slice(0, 2000),
      details: refusal.details ?? {},
      receivedAt: new Date().toISOString(),
    };
    if (raw && kept) {
      record.payloadBase64 = kept.toString('base64');
      record.payloadBytes = raw.length;
      record.truncated = kept.length < raw.length;
      const text = kept.toString('utf8');
      if (!text.includes('\uFFFD') && !raw.includes(0)) record.payloadText = text;
    }
    for (let attempt = 0; !this.closing || attempt === 0; attempt++) {
      try {
        await this.client.publish(refusals.contract, withoutNul(record), {
          version: refusals.version,
          msgId: `${refusal.msgId}:refusal`,
          key: edge,
        });
        return;
      } catch (error) {
        if (error instanceof HubRefusedError) {
          logger.error({ err: error, refusal: record }, 'the hub refused the refusal record itself');
          return;
        }
        logger.error({ err: error }, 'could not record a refusal; retrying');
        await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
      }
    }
  }

  subscribe(contract: string, options: SubscribeOptions, handler: EventHandler): Promise<DxSubscription> {
    return this.client.subscribe(contract, options, handler);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.client.close();
  }

  private counted(outcomes: PublishOutcome[]): PublishOutcome[] {
    for (const outcome of outcomes) this.options.metrics.count(METRICS.messages, { outcome });
    return outcomes;
  }

  /** An item the hub refused: recorded with its own message id, source and raw bytes. */
  private refused(contract: string, version: string, item: EdgeItem, error: HubRefusedError): Promise<void> {
    return this.recordRefusal({
      ...item.refusal,
      msgId: item.msgId,
      reason: 'HUB_REFUSED',
      message: `the hub refused ${contract} ${version}: ${error.code} ${error.message}`,
      details: { contract, version, code: error.code, hub: error.details, payload: item.payload },
    });
  }

  /** A buffered message the hub refused once it got it: recorded like any refusal. */
  private bufferedRefused({ message, errors }: BufferedRefusal): void {
    this.options.metrics.count(METRICS.messages, { outcome: 'refused' });
    if (message.contract === this.options.refusals.contract) return;
    void this.recordRefusal({
      source: message.contract,
      reason: 'HUB_REFUSED',
      message: `the hub refused a buffered message: ${errors.map((e) => `${e.error.code} ${e.error.message}`).join('; ')}`,
      details: { contract: message.contract, payload: message.body as object },
      msgId: message.id,
    });
  }
}

/** PostgreSQL's jsonb stores no NUL character; a parser's message about a binary payload may hold one. */
function withoutNul(record: Record<string, unknown>): Record<string, unknown> {
  const text = JSON.stringify(record, (_, value: unknown) =>
    typeof value === 'string' ? value.replace(/\0/g, '\\u0000') : value,
  );
  return JSON.parse(text) as Record<string, unknown>;
}
