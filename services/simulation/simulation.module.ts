/** The simulation service's root module: infrastructure, settings, identities, and the simulation's API. */
import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DxConfig } from '../common/config/config.js';
import { serviceInfrastructure } from '../common/nest/service-infrastructure.js';
import { IDENTITY_DIRECTORY } from '../common/http/identity.guard.js';
import { IdentityDirectory } from '../common/identity/identity-directory.js';
import { SimulationApiModule } from './api/simulation-api.module.js';
import { SIM_CONFIG, SIM_LOGGER } from './api/simulation.tokens.js';
import type { SimConfig } from './sim-config.js';

@Global()
@Module({})
export class SimulationModule {
  static forRoot(config: DxConfig, sim: SimConfig, logger: Logger): DynamicModule {
    return {
      module: SimulationModule,
      imports: [...serviceInfrastructure(config), SimulationApiModule],
      providers: [
        { provide: SIM_CONFIG, useValue: sim },
        { provide: SIM_LOGGER, useValue: logger },
        { provide: IDENTITY_DIRECTORY, useFactory: () => IdentityDirectory.fromFile(config.identitiesFile) },
      ],
      exports: [SIM_CONFIG, SIM_LOGGER, IDENTITY_DIRECTORY],
    };
  }
}
