/**
 * Announces the store's fence and head on dx.head every DX_HEAD_INTERVAL_MS (1000 by default; 0: off):
 * `{"fence": F, "head": H}`. Subscribers read the store up to the fence when it passes their checkpoint,
 * which is how an event committed but never published live (a gateway that died between its commit and
 * its publish, a message NATS lost, a consumer the server cut off) still reaches every subscriber
 * without waiting for a later event of its key. Every gateway announces; subscribers take the highest.
 */
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { describeError } from '../../common/errors/describe-error.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { GATEWAY_LOGGER } from '../gateway.tokens.js';
import { HEAD_INTERVAL_MS } from './head.tokens.js';
import { StoreFenceService } from './store-fence.service.js';

@Injectable()
export class HeadAnnouncer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  /** Whether the last turn failed: a failure is logged when it starts and when it ends, not every turn. */
  private failing = false;
  announced = 0;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(HEAD_INTERVAL_MS) private readonly intervalMs: number,
    private readonly fence: StoreFenceService,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  // Before the database pool and the NATS connection close.
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One announcement; never throws. A turn still running when the next is due is not doubled. */
  tick(): Promise<void> {
    this.running ??= this.announce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async announce(): Promise<void> {
    try {
      const { fence, head } = await this.fence.fresh();
      this.nats.publish(SUBJECTS.head, JSON.stringify({ fence, head }));
      this.announced++;
      if (this.failing) this.logger.warn({ subject: SUBJECTS.head }, "announcing the store's head again");
      this.failing = false;
    } catch (error) {
      if (!this.failing)
        this.logger.error(
          { subject: SUBJECTS.head, err: describeError(error) },
          "could not announce the store's head; subscribers poll the store less often meanwhile",
        );
      this.failing = true;
    }
  }
}
