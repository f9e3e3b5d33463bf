/** The console service's root module: infrastructure, identities, and the console's features. */
import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { DxConfig } from '../common/config/config.js';
import { serviceInfrastructure } from '../common/nest/service-infrastructure.js';
import { IDENTITY_DIRECTORY, IdentityGuard } from '../common/http/identity.guard.js';
import { IdentityDirectory } from '../common/identity/identity-directory.js';
import { HealthService } from '../common/nest/health/health.service.js';
import { ReadCheck } from './access/read-check.js';
import { RegistryView } from './access/registry-view.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditService } from './audit/audit.service.js';
import type { ConsoleConfig } from './console-config.js';
import { CONSOLE_CONFIG } from './console.tokens.js';
import { HealthOverviewController } from './health-overview/health-overview.controller.js';
import { HealthOverviewService } from './health-overview/health-overview.service.js';
import { HistoryController } from './history/history.controller.js';
import { LiveController } from './live/live.controller.js';
import { LiveStreams } from './live/live-streams.js';
import { SessionController } from './session/session.controller.js';

@Global()
@Module({})
export class ConsoleModule {
  static forRoot(config: DxConfig, console: ConsoleConfig): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [...serviceInfrastructure(config)],
      controllers: [
        SessionController,
        HistoryController,
        LiveController,
        AuditController,
        HealthOverviewController,
      ],
      providers: [
        { provide: IDENTITY_DIRECTORY, useFactory: () => IdentityDirectory.fromFile(config.identitiesFile) },
        { provide: CONSOLE_CONFIG, useValue: console },
        IdentityGuard,
        HealthService,
        RegistryView,
        ReadCheck,
        LiveStreams,
        AuditService,
        HealthOverviewService,
      ],
      exports: [IDENTITY_DIRECTORY, CONSOLE_CONFIG],
    };
  }
}
