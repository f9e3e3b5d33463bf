/** The gateway's root module: its infrastructure (database, NATS, identities) and its features. */
import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DxConfig } from '../common/config/config.js';
import { serviceInfrastructure } from '../common/nest/service-infrastructure.js';
import { IDENTITY_DIRECTORY } from '../common/http/identity.guard.js';
import { IdentityDirectory } from '../common/identity/identity-directory.js';
import { HEALTH_CHECKS_REGISTRY } from '../common/nest/health/health.service.js';
import { AnchoringModule } from './anchoring/anchoring.module.js';
import { AssetsModule } from './assets/assets.module.js';
import { HomeController } from './home/home.controller.js';
import { HistoryModule } from './history/history.module.js';
import { CACHE_REVALIDATE_MS } from './cache/cache.tokens.js';
import { HeadModule } from './head/head.module.js';
import { GATEWAY_LOGGER, INGEST_LIMITS } from './gateway.tokens.js';
import { IngestModule } from './ingest/ingest.module.js';
import { LineageModule } from './lineage/lineage.module.js';
import { REPLAY_PAGE_BYTES } from './replay/replay.tokens.js';

@Global()
@Module({})
export class GatewayModule {
  static forRoot(config: DxConfig, logger: Logger): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ...serviceInfrastructure(config),
        HeadModule.forRoot(config),
        IngestModule,
        HistoryModule,
        AssetsModule,
        LineageModule,
        AnchoringModule.forRoot(config),
      ],
      controllers: [HomeController],
      providers: [
        { provide: IDENTITY_DIRECTORY, useFactory: () => IdentityDirectory.fromFile(config.identitiesFile) },
        { provide: HEALTH_CHECKS_REGISTRY, useValue: true },
        { provide: GATEWAY_LOGGER, useValue: logger },
        { provide: INGEST_LIMITS, useValue: config.limits },
        { provide: CACHE_REVALIDATE_MS, useValue: config.cacheRevalidateMs },
        { provide: REPLAY_PAGE_BYTES, useValue: config.replayPageBytes },
      ],
      exports: [
        IDENTITY_DIRECTORY,
        HEALTH_CHECKS_REGISTRY,
        GATEWAY_LOGGER,
        INGEST_LIMITS,
        CACHE_REVALIDATE_MS,
        REPLAY_PAGE_BYTES,
      ],
    };
  }
}
