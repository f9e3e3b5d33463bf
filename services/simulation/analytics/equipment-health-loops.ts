/**
 * The equipment health loops this service instance runs: one per pump named in DX_ANALYTICS_ASSETS,
 * started with the service and stopped with it. They read and publish as the analytics subsystem, over
 * their own NATS connection when DX_ANALYTICS_NATS_URL is set (a secured bus lets only the analytics
 * user publish analytics.* and read as analytics), else over the service's.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { ANALYTICS_IDENTITY } from '../../common/identity/identity.types.js';
import { connectNats } from '../../common/nest/nats/connect-nats.js';
import { ClientHubPublisher } from '../hub/hub-publisher.js';
import { NatsHubReader } from '../hub/hub-reader.js';
import { StreamReader } from '../hub/stream-reader.js';
import type { WorkerPool } from '../workers/worker-pool.js';
import type { HealthSettings } from './health-settings.js';
import { PumpHealthLoop, type HealthLoopStatus } from './pump-health-loop.js';

export class EquipmentHealthLoops {
  private readonly loops: PumpHealthLoop[] = [];
  private own?: NatsConnection;
  private publisher?: ClientHubPublisher;

  constructor(
    private readonly settings: HealthSettings,
    private readonly pool: WorkerPool,
    private readonly nats: NatsConnection,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    if (this.settings.assets.length === 0) return;
    if (this.settings.natsUrl) {
      this.own = await connectNats(this.settings.natsUrl, {
        timeoutMs: 5000,
        keepReconnecting: true,
        name: 'dx-analytics',
      });
    }
    const nats = this.own ?? this.nats;
    this.publisher = new ClientHubPublisher(nats, ANALYTICS_IDENTITY);
    const latest = new NatsHubReader(nats, ANALYTICS_IDENTITY);
    const stream = new StreamReader(nats, ANALYTICS_IDENTITY);
    for (const asset of this.settings.assets) {
      const loop = new PumpHealthLoop(
        asset,
        this.settings,
        this.pool,
        latest,
        stream,
        this.publisher,
        this.logger,
      );
      this.loops.push(loop);
      loop.begin();
    }
    this.logger.info(
      { assets: this.settings.assets, periodMs: this.settings.periodMs },
      'equipment health loops started',
    );
  }

  status(): HealthLoopStatus[] {
    return this.loops.map((loop) => loop.status());
  }

  async close(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
    await this.publisher?.close().catch(() => undefined);
    await this.own?.close().catch(() => undefined);
  }
}
