/**
 * The gateway on NATS: dx.publish.<contract>, dx.replay.<identity> and dx.cache.get.<identity>,
 * request/reply, shared by every gateway instance through the queue group dx-gateway. Thin: read the
 * subject, headers and body, call the service, answer. Every request gets an id; an unexpected failure
 * is answered INTERNAL with it and logged with it and its cause; no reply can throw (respondSafely), and
 * a publish reply too large for the bus is answered by its bounded form (boundPublishReply).
 */
import { parseTimeline } from '../../common/event-store/timeline.js';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { IngestLimits } from '../../common/config/ingest-limits.js';
import { databaseFailure, isDatabaseUnavailable } from '../../common/db/database-failure.js';
import { DxError } from '../../common/errors/dx-error.js';
import { asBody, requiredString } from '../../common/http/request-fields.js';
import { internalError } from '../../common/nats/internal-error.js';
import { maxReplyBytes, respondSafely } from '../../common/nats/respond-safely.js';
import { jsonOf } from '../../common/nats/serve-operations.js';
import { HEADERS, QUEUE_GROUPS, SUBJECTS } from '../../common/nats/subjects.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { ReadAccess } from '../access/read-access.js';
import { LatestValuesService } from '../cache/latest-values.service.js';
import { GATEWAY_LOGGER, INGEST_LIMITS } from '../gateway.tokens.js';
import { parseReplayQuery, ReplayService } from '../replay/replay.service.js';
import { boundPublishReply } from './bound-reply.js';
import { ingestSpan } from './ingest-span.js';
import { IngestService } from './ingest.service.js';

const PUBLISH_PREFIX = SUBJECTS.publish('');
const REPLAY_PREFIX = SUBJECTS.replay('');
const CACHE_GET_PREFIX = SUBJECTS.cacheGet('');

@Injectable()
export class GatewayNatsHandlers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly ingest: IngestService,
    private readonly replay: ReplayService,
    private readonly cache: LatestValuesService,
    private readonly access: ReadAccess,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
    @Inject(INGEST_LIMITS) private readonly limits: IngestLimits,
  ) {}

  onApplicationBootstrap(): void {
    const queue = QUEUE_GROUPS.gateway;
    const on = (subject: string, handle: (msg: Msg, requestId: string) => Promise<string>) =>
      this.subscriptions.push(
        this.nats.subscribe(subject, {
          queue,
          callback: (error, msg) => {
            if (error) return;
            const requestId = randomUUID();
            // handle() is async, so even a synchronous throw in it arrives here as a rejection.
            void handle(msg, requestId)
              .catch((failure: unknown) =>
                JSON.stringify({ ok: false, error: this.refusalOf(failure, msg, requestId) }),
              )
              .then((reply) => respondSafely(this.nats, msg, reply, this.logger, { requestId }));
          },
        }),
      );
    on(`${PUBLISH_PREFIX}>`, async (msg, requestId) => {
      const header = (name: string) => msg.headers?.get(name) || undefined;
      const contract = msg.subject.slice(PUBLISH_PREFIX.length);
      const reply = await ingestSpan(contract, msg.headers, () =>
        this.ingest.publish({
          transport: 'nats',
          requestId,
          contract,
          producer: header(HEADERS.producer),
          version: header(HEADERS.version),
          msgId: header(HEADERS.msgId),
          key: header(HEADERS.key),
          msgIds: header(HEADERS.msgIds),
          keys: header(HEADERS.keys),
          expectedPosition: header(HEADERS.expectedPosition),
          corrects: header(HEADERS.corrects),
          body: Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength),
        }),
      );
      return boundPublishReply(reply, maxReplyBytes(this.nats), this.limits.maxIssuesListed);
    });
    // The reader is the rest of the subject: the broker lets only that NATS user publish there.
    const reader = (msg: Msg, prefix: string) => this.access.reader(msg.subject.slice(prefix.length));
    on(SUBJECTS.replay('>'), async (msg) =>
      this.replay.page(reader(msg, REPLAY_PREFIX), parseReplayQuery(jsonOf(msg))),
    );
    on(SUBJECTS.cacheGet('>'), async (msg) => {
      const body = asBody(jsonOf(msg));
      const event = await this.cache.get(
        reader(msg, CACHE_GET_PREFIX),
        requiredString(body, 'contract'),
        requiredString(body, 'key'),
        parseTimeline(body.timeline),
      );
      return JSON.stringify({ ok: true, event });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.drain().catch(() => undefined)));
  }

  private refusalOf(failure: unknown, msg: Msg, requestId: string) {
    if (failure instanceof DxError) return failure.toJSON();
    if (isDatabaseUnavailable(failure)) return databaseFailure(failure, 'this request').toJSON();
    return internalError(
      this.logger,
      failure,
      requestId,
      { subject: msg.subject },
      'the gateway failed to handle this request',
    );
  }
}
