/** The plant's asset hierarchy over HTTP (contract hub.assets, its signals' values and history). */
import { Module } from '@nestjs/common';
import { IdentityGuard } from '../../common/http/identity.guard.js';
import { AccessModule } from '../access/access.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { HistoryModule } from '../history/history.module.js';
import { AssetsController } from './assets.controller.js';
import { AssetsService } from './assets.service.js';

@Module({
  imports: [CatalogModule, AccessModule, HistoryModule],
  controllers: [AssetsController],
  providers: [AssetsService, IdentityGuard],
})
export class AssetsModule {}
