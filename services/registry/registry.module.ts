/** The registry service's root module: infrastructure, identities, and the registry's API. */
import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { DxConfig } from '../common/config/config.js';
import { serviceInfrastructure } from '../common/nest/service-infrastructure.js';
import { IDENTITY_DIRECTORY } from '../common/http/identity.guard.js';
import { IdentityDirectory } from '../common/identity/identity-directory.js';
import { RegistryApiModule } from './api/registry-api.module.js';
import { REGISTRY_SETTINGS } from './api/registry.tokens.js';

@Global()
@Module({})
export class RegistryModule {
  static forRoot(config: DxConfig): DynamicModule {
    return {
      module: RegistryModule,
      imports: [...serviceInfrastructure(config), RegistryApiModule],
      providers: [
        { provide: IDENTITY_DIRECTORY, useFactory: () => IdentityDirectory.fromFile(config.identitiesFile) },
        { provide: REGISTRY_SETTINGS, useValue: { natsHost: new URL(config.natsUrl).host } },
      ],
      exports: [IDENTITY_DIRECTORY, REGISTRY_SETTINGS],
    };
  }
}
