/** GET /api/v1/lineage/{position}?events=3&depth=8: where a derived event came from, as the bearer token's identity. */
import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { Caller, IdentityGuard } from '../../common/http/identity.guard.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { LineageService } from './lineage.service.js';

@Controller('api/v1/lineage')
@UseGuards(IdentityGuard)
export class LineageController {
  constructor(private readonly lineage: LineageService) {}

  @Get(':position')
  walk(
    @Caller() caller: Identity,
    @Param('position') position: string,
    @Query() query: Record<string, unknown>,
  ) {
    return this.lineage.walk(caller, position, query);
  }
}
