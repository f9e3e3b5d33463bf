/**
 * GET /api/v1/history/{contract}/{key}?field=/temperature&from=..&to=..&bucket=1m&agg=mean,max
 * &timeline=event&knownAt=..&unit=K, as the bearer token's identity.
 */
import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { Caller, IdentityGuard } from '../../common/http/identity.guard.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { HistoryService } from './history.service.js';

@Controller('api/v1/history')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  @Get(':contract/:key')
  @UseGuards(IdentityGuard)
  query(
    @Caller() caller: Identity,
    @Param('contract') contract: string,
    @Param('key') key: string,
    @Query() query: Record<string, unknown>,
  ) {
    return this.history.query(caller, { ...query, contract, key });
  }
}
