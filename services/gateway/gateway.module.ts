/** The gateway's root module: its infrastructure (database, NATS, identities) and its features. */
import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { DxConfig } from '../common/config/config.js';
import { IDENTITY_DIRECTORY } from '../common/http/identity.guard.js';
import { IdentityDirectory } from '../common/identity/identity-directory.js';
import { DatabaseModule } from '../common/nest/database/database.module.js';
import { HealthModule } from '../common/nest/health/health.module.js';
import { HEALTH_CHECKS_REGISTRY } from '../common/nest/health/health.service.js';
import { NatsModule } from '../common/nest/nats/nats.module.js';
import { AnchoringModule } from './anchoring/anchoring.module.js';
import { IngestModule } from './ingest/ingest.module.js';

@Global()
@Module({})
export class GatewayModule {
  static forRoot(config: DxConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        DatabaseModule.forRoot(config),
        NatsModule.forRoot(config),
        HealthModule,
        IngestModule,
        AnchoringModule.forRoot(config),
      ],
      providers: [
        { provide: IDENTITY_DIRECTORY, useFactory: () => IdentityDirectory.fromFile(config.identitiesFile) },
        { provide: HEALTH_CHECKS_REGISTRY, useValue: true },
      ],
      exports: [IDENTITY_DIRECTORY, HEALTH_CHECKS_REGISTRY],
    };
  }
}
