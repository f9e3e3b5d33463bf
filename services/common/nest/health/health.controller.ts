/**
 * GET /health: 200 when every server the service needs answers, 503 naming the one that does not
 * (readiness: send traffic here or not). GET /health/live: 200 whenever the process answers at all,
 * whatever the servers do (liveness: restarting would not bring a database back).
 */
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { HealthReport } from './health-report.js';
import { HealthService } from './health.service.js';

/** The one thing this controller needs from the express response. */
interface StatusSettable {
  status(code: number): unknown;
}

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  async report(@Res({ passthrough: true }) response: StatusSettable): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }

  @Get('live')
  live(): { status: 'alive' } {
    return { status: 'alive' };
  }
}
