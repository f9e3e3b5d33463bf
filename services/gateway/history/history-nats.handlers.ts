/** dx.history.<identity>: history asked over NATS under the reader's own name, like dx.replay. */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { DxError } from '../../common/errors/dx-error.js';
import { jsonOf } from '../../common/nats/serve-operations.js';
import { QUEUE_GROUPS, SUBJECTS } from '../../common/nats/subjects.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { ReadAccess } from '../access/read-access.js';
import { HistoryService } from './history.service.js';

const PREFIX = SUBJECTS.history('');

@Injectable()
export class HistoryNatsHandlers implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: Subscription;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly history: HistoryService,
    private readonly access: ReadAccess,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.nats.subscribe(SUBJECTS.history('>'), {
      queue: QUEUE_GROUPS.gateway,
      callback: (error, msg) => {
        if (error) return;
        const answer = async () => {
          const reader = this.access.reader(msg.subject.slice(PREFIX.length));
          const body = jsonOf(msg);
          // A body with `at` asks for the values at an instant; one with from and to, for buckets.
          const atInstant = typeof body === 'object' && body !== null && 'at' in body;
          return JSON.stringify(
            await (atInstant ? this.history.valuesAt(reader, body) : this.history.query(reader, body)),
          );
        };
        answer().then(
          (reply) => msg.respond(reply),
          (failure: unknown) =>
            msg.respond(
              JSON.stringify({
                ok: false,
                error:
                  failure instanceof DxError
                    ? failure.toJSON()
                    : {
                        code: 'INTERNAL',
                        message: 'the gateway failed to answer this history request; see its log',
                        details: {},
                      },
              }),
            ),
        );
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.drain().catch(() => undefined);
  }
}
