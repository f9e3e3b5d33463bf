/**
 * /api/v1/assets: the plant's asset tree, an asset with its signals' latest values, its signals, and a
 * signal's history by name; `at` (and `knownAt`) read the plant as it stood then. Bearer token's identity.
 */
import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { Caller, IdentityGuard } from '../../common/http/identity.guard.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { AssetsService } from './assets.service.js';

@Controller('api/v1/assets')
@UseGuards(IdentityGuard)
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Get()
  tree(@Caller() caller: Identity, @Query() query: Record<string, unknown>) {
    return this.assets.tree(caller, query);
  }

  @Get(':id')
  show(@Caller() caller: Identity, @Param('id') id: string, @Query() query: Record<string, unknown>) {
    return this.assets.show(caller, id, query);
  }

  @Get(':id/signals')
  signals(@Caller() caller: Identity, @Param('id') id: string, @Query() query: Record<string, unknown>) {
    return this.assets.signals(caller, id, query);
  }

  @Get(':id/history/:signal')
  history(
    @Caller() caller: Identity,
    @Param('id') id: string,
    @Param('signal') signal: string,
    @Query() query: Record<string, unknown>,
  ) {
    return this.assets.signalHistory(caller, id, signal, query);
  }
}
