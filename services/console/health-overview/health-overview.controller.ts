/** GET /console/api/health (services and ingest counters) and /console/api/refusals, thin. */
import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { Caller, IdentityGuard } from '../../common/http/identity.guard.js';
import type { Identity } from '../../common/identity/identity.types.js';
import type { ConsoleConfig } from '../console-config.js';
import { CONSOLE_CONFIG } from '../console.tokens.js';
import { limit, one, type Query as Params } from '../history/history-params.js';
import { HealthOverviewService, type HealthOverview, type RefusalView } from './health-overview.service.js';

/** Most refusals one request lists. */
const MAX_REFUSALS = 500;

@Controller('console/api')
@UseGuards(IdentityGuard)
export class HealthOverviewController {
  constructor(
    private readonly health: HealthOverviewService,
    @Inject(CONSOLE_CONFIG) readonly config: ConsoleConfig,
  ) {}

  @Get('health')
  overview(): Promise<HealthOverview> {
    return this.health.overview();
  }

  @Get('refusals')
  async refusals(@Caller() caller: Identity, @Query() query: Params): Promise<{ refusals: RefusalView[] }> {
    const contract = one(query, 'contract') || undefined;
    return {
      refusals: await this.health.refusals(caller, limit(query, 'limit', 50, MAX_REFUSALS), contract),
    };
  }
}
