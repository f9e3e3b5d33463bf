/**
 * /metrics of a service: its prom-client registry, global so that every feature registers its own
 * metrics on it. Imported before DatabaseModule and NatsModule, which add the pool's and the
 * connection's.
 */
import { Global, Module } from '@nestjs/common';
import { createMetricsRegistry } from '../../metrics/create-metrics-registry.js';
import { MetricsController } from './metrics.controller.js';
import { METRICS_REGISTRY } from './metrics.tokens.js';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: METRICS_REGISTRY, useFactory: createMetricsRegistry }],
  exports: [METRICS_REGISTRY],
})
export class MetricsModule {}
