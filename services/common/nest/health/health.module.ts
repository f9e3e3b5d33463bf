/** The health feature: GET /health for load balancers, compose and people. */
import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { HealthMetrics } from './health.metrics.js';
import { HealthService } from './health.service.js';

@Module({
  controllers: [HealthController],
  providers: [HealthService, HealthMetrics],
})
export class HealthModule {}
