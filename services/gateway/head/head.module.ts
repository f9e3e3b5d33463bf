/** The store's fence and head: read on demand by catch-up pages, announced on dx.head for subscribers. */
import { Module, type DynamicModule } from '@nestjs/common';
import type { DxConfig } from '../../common/config/config.js';
import { HeadAnnouncer } from './head-announcer.js';
import { HEAD_INTERVAL_MS } from './head.tokens.js';
import { StoreFenceService } from './store-fence.service.js';

@Module({})
export class HeadModule {
  static forRoot(config: Pick<DxConfig, 'headIntervalMs'>): DynamicModule {
    return {
      module: HeadModule,
      global: true,
      providers: [
        { provide: HEAD_INTERVAL_MS, useValue: config.headIntervalMs },
        StoreFenceService,
        HeadAnnouncer,
      ],
      exports: [StoreFenceService, HeadAnnouncer],
    };
  }
}
