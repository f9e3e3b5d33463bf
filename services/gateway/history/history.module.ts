/** History: the projection of the log into numeric samples, and queries over it (HTTP and NATS). */
import { Module } from '@nestjs/common';
import { historySettings } from '../../common/history/history-settings.js';
import { IdentityGuard } from '../../common/http/identity.guard.js';
import { AccessModule } from '../access/access.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { HistoryNatsHandlers } from './history-nats.handlers.js';
import { HistoryProjectorService } from './history-projector.service.js';
import { HistoryController } from './history.controller.js';
import { HistoryService } from './history.service.js';
import { HISTORY_SETTINGS } from './history.tokens.js';

@Module({
  imports: [CatalogModule, AccessModule],
  controllers: [HistoryController],
  providers: [
    { provide: HISTORY_SETTINGS, useFactory: () => historySettings() },
    HistoryService,
    HistoryProjectorService,
    HistoryNatsHandlers,
    IdentityGuard,
  ],
  exports: [HistoryService],
})
export class HistoryModule {}
