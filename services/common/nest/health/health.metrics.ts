/**
 * The /health probes as /metrics shows them: `dx_health_up{part}` is 1 when PostgreSQL (`database`,
 * including the group-commit stall check) or NATS (`nats`) answered the probe of this scrape within
 * its deadline. What an alert on "database unreachable" reads.
 */
import { Inject, Injectable } from '@nestjs/common';
import { Gauge, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../metrics/metrics.tokens.js';
import { HealthService } from './health.service.js';

@Injectable()
export class HealthMetrics {
  constructor(@Inject(METRICS_REGISTRY) registry: Registry, health: HealthService) {
    new Gauge({
      name: 'dx_health_up',
      help: "1 when the part (database, nats) answered this service's health probe, else 0.",
      labelNames: ['part'],
      registers: [registry],
      async collect() {
        const { database, nats } = await health.probe();
        this.set({ part: 'database' }, database.ok ? 1 : 0);
        this.set({ part: 'nats' }, nats.ok ? 1 : 0);
      },
    });
  }
}
