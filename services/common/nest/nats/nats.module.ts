/** Gives a service its NatsConnection, opened at start and drained at shutdown. */
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Registry } from 'prom-client';
import { withTimeout } from '../../async/with-timeout.js';
import type { DxConfig } from '../../config/config.js';
import { registerNatsMetrics } from '../../metrics/nats-metrics.js';
import { METRICS_REGISTRY } from '../metrics/metrics.tokens.js';
import { connectNats } from './connect-nats.js';
import { NATS_CONNECTION } from './nats.tokens.js';

const CONNECT_TIMEOUT_MS = 3000;
const DRAIN_TIMEOUT_MS = 3000;

@Global()
@Module({})
export class NatsModule implements OnApplicationShutdown {
  static forRoot(config: Pick<DxConfig, 'natsUrl'>): DynamicModule {
    return {
      module: NatsModule,
      providers: [
        {
          provide: NATS_CONNECTION,
          useFactory: async (registry: Registry) => {
            const connection = await connectNats(config.natsUrl, {
              timeoutMs: CONNECT_TIMEOUT_MS,
              keepReconnecting: true,
            });
            registerNatsMetrics(registry, connection);
            return connection;
          },
          inject: [METRICS_REGISTRY],
        },
      ],
      exports: [NATS_CONNECTION],
    };
  }

  constructor(@Inject(NATS_CONNECTION) private readonly connection: NatsConnection) {}

  // After the HTTP server has closed (see DatabaseModule). Drain delivers what subscriptions already
  // hold; when the server is away it cannot finish, so the connection is then simply closed.
  async onApplicationShutdown(): Promise<void> {
    if (this.connection.isClosed()) return;
    await withTimeout(this.connection.drain(), DRAIN_TIMEOUT_MS, 'NATS drain').catch(() =>
      this.connection.close(),
    );
  }
}
