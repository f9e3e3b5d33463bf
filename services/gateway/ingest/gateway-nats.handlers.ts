/**
 * The gateway on NATS: dx.publish.<contract>, dx.replay.<identity> and dx.cache.get.<identity>,
 * request/reply, shared by every gateway instance through the queue group dx-gateway. Thin: read the
 * subject, headers and body, call the service, answer.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { DxError } from '../../common/errors/dx-error.js';
import { asBody, requiredString } from '../../common/http/request-fields.js';
import { jsonOf } from '../../common/nats/serve-operations.js';
import { HEADERS, QUEUE_GROUPS, SUBJECTS } from '../../common/nats/subjects.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { ReadAccess } from '../access/read-access.js';
import { LatestValuesService } from '../cache/latest-values.service.js';
import { parseReplayQuery, ReplayService } from '../replay/replay.service.js';
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
  ) {}

  onApplicationBootstrap(): void {
    const queue = QUEUE_GROUPS.gateway;
    const on = (subject: string, handle: (msg: Msg) => Promise<string>) =>
      this.subscriptions.push(
        this.nats.subscribe(subject, {
          queue,
          callback: (error, msg) => {
            if (error) return;
            handle(msg).then(
              (reply) => msg.respond(reply),
              (failure: unknown) => msg.respond(JSON.stringify({ ok: false, error: refusalOf(failure) })),
            );
          },
        }),
      );
    on(`${PUBLISH_PREFIX}>`, async (msg) => {
      const header = (name: string) => msg.headers?.get(name) || undefined;
      const reply = await this.ingest.publish({
        transport: 'nats',
        contract: msg.subject.slice(PUBLISH_PREFIX.length),
        producer: header(HEADERS.producer),
        version: header(HEADERS.version),
        msgId: header(HEADERS.msgId),
        key: header(HEADERS.key),
        expectedPosition: header(HEADERS.expectedPosition),
        body: msg.string(),
      });
      return JSON.stringify(reply);
    });
    // The reader is the rest of the subject: the broker lets only that NATS user publish there.
    const reader = (msg: Msg, prefix: string) => this.access.reader(msg.subject.slice(prefix.length));
    on(SUBJECTS.replay('>'), (msg) =>
      this.replay.page(reader(msg, REPLAY_PREFIX), parseReplayQuery(jsonOf(msg))),
    );
    on(SUBJECTS.cacheGet('>'), async (msg) => {
      const body = asBody(jsonOf(msg));
      const event = await this.cache.get(
        reader(msg, CACHE_GET_PREFIX),
        requiredString(body, 'contract'),
        requiredString(body, 'key'),
      );
      return JSON.stringify({ ok: true, event });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.drain().catch(() => undefined)));
  }
}

function refusalOf(failure: unknown) {
  return failure instanceof DxError
    ? failure.toJSON()
    : { code: 'INTERNAL', message: 'the gateway failed to handle this request; see its log', details: {} };
}
