/** GET /metrics: the service's registry in Prometheus' text format. */
import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Registry } from 'prom-client';
import { METRICS_REGISTRY } from './metrics.tokens.js';

@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  async render(@Res() response: Response): Promise<void> {
    const text = await this.registry.metrics();
    response.type(this.registry.contentType).send(text);
  }
}
