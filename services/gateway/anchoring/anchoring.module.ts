/** Periodic anchors of the event store by the gateway (DX_ANCHOR_INTERVAL_S; off by default). */
import { Module, type DynamicModule } from '@nestjs/common';
import type { DxConfig } from '../../common/config/config.js';
import { createLogger } from '../../common/logging/create-logger.js';
import { AnchorScheduler } from './anchor-scheduler.js';
import { ANCHOR_INTERVAL_S, ANCHOR_LOGGER } from './anchoring.tokens.js';

@Module({})
export class AnchoringModule {
  static forRoot(config: Pick<DxConfig, 'anchorIntervalSeconds' | 'logLevel'>): DynamicModule {
    return {
      module: AnchoringModule,
      providers: [
        { provide: ANCHOR_INTERVAL_S, useValue: config.anchorIntervalSeconds },
        // Its own pino logger at the configured level: an anchor belongs in the logs at info, which
        // Nest's Logger cannot say (its log() is the gateway's debug).
        {
          provide: ANCHOR_LOGGER,
          useFactory: () => createLogger('gateway', config.logLevel).child({ context: AnchorScheduler.name }),
        },
        AnchorScheduler,
      ],
      exports: [AnchorScheduler],
    };
  }
}
