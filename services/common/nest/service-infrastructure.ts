/**
 * What every service's root module imports first: its /metrics, tracing, its PostgreSQL pool and NATS
 * connection (from DxConfig), and /health over both.
 */
import type { DxConfig } from '../config/config.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NatsModule } from './nats/nats.module.js';
import { TracingModule } from './tracing/tracing.module.js';

export function serviceInfrastructure(config: DxConfig) {
  return [
    MetricsModule,
    TracingModule,
    DatabaseModule.forRoot(config),
    NatsModule.forRoot(config),
    HealthModule,
  ];
}
