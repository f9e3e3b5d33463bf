/**
 * GET /api/v1/history/{contract}/{key}?field=/temperature&from=..&to=..&bucket=1m&agg=mean,max
 * &timeline=event&knownAt=..&unit=K, and GET /api/v1/history/{contract}?field=/temperature&at=..
 * (the value of every key at an instant), as the bearer token's identity.
 */
import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { Caller, IdentityGuard } from '../../common/http/identity.guard.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { HistoryService } from './history.service.js';

@Controller('api/v1/history')
export class HistoryController {
  constructor(private readonly history: HistoryService) {}

  /** The field's value at an instant, for every key the contract has (or `key=`): ?field=..&at=.. */
  @Get(':contract')
  @UseGuards(IdentityGuard)
  valuesAt(
    @Caller() caller: Identity,
    @Param('contract') contract: string,
    @Query() query: Record<string, unknown>,
  ) {
    return this.history.valuesAt(caller, { ...query, contract });
  }

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
