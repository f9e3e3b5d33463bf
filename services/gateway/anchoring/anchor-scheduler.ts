/**
 * Anchors the event store every DX_ANCHOR_INTERVAL_S seconds (off by default) and publishes each anchor
 * on dx.audit.anchors, what `dx audit anchor` does by hand. Several gateways share the work through
 * dx.anchors itself: a gateway skips its turn when another one anchored within the interval (two that
 * wake at the same moment may both anchor, which does no harm).
 */
import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { secondsSinceLastAnchor } from '../../common/audit/anchors.repository.js';
import { createAnchor } from '../../common/audit/create-anchor.js';
import { publishAnchor } from '../../common/audit/publish-anchor.js';
import type { DB } from '../../common/db/schema.js';
import { describeError } from '../../common/errors/describe-error.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { ANCHOR_INTERVAL_S, ANCHOR_LOGGER } from './anchoring.tokens.js';

@Injectable()
export class AnchorScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(ANCHOR_INTERVAL_S) private readonly intervalSeconds: number,
    @Inject(ANCHOR_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalSeconds <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.intervalSeconds * 1000);
    this.timer.unref();
  }

  // Before the database module closes the pool (its hook is onApplicationShutdown).
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One turn: anchor unless another gateway just did; never throws (a failed turn is logged). */
  tick(): Promise<void> {
    this.running ??= this.anchor().finally(() => (this.running = null));
    return this.running;
  }

  private async anchor(): Promise<void> {
    try {
      const since = await secondsSinceLastAnchor(this.db);
      if (since !== null && since < this.intervalSeconds * 0.9) return;
      const anchor = await createAnchor(this.db);
      const { heads: _heads, ...summary } = anchor;
      try {
        const { subject } = await publishAnchor(this.nats, anchor);
        this.logger.info({ anchor: summary, published: subject }, 'anchored the event store');
      } catch (error) {
        // The anchor is recorded; only the copies of subscribers are missing.
        this.logger.warn(
          { anchor: summary, err: describeError(error) },
          'anchored the event store, not published',
        );
      }
    } catch (error) {
      this.logger.error({ err: describeError(error) }, 'could not anchor the event store');
    }
  }
}
