/** The registry's front ends (HTTP and NATS) and the registry they share. */
import { Module } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { IdentityGuard } from '../../common/http/identity.guard.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { checkHistory } from '../lifecycle/check-history.js';
import { Registry } from '../lifecycle/registry.js';
import { RegistryOpenApiController } from '../openapi/registry-openapi.controller.js';
import { ContractsController } from './contracts.controller.js';
import { RegistryApiService } from './registry-api.service.js';
import { RegistryNatsHandlers } from './registry-nats.handlers.js';
import { CHECK_HISTORY, REGISTRY } from './registry.tokens.js';

@Module({
  controllers: [ContractsController, RegistryOpenApiController],
  providers: [
    RegistryApiService,
    RegistryNatsHandlers,
    IdentityGuard,
    { provide: CHECK_HISTORY, useValue: checkHistory },
    {
      provide: REGISTRY,
      inject: [KYSELY_DB, NATS_CONNECTION],
      useFactory: async (db: Kysely<DB>, nats: NatsConnection) => {
        // Gateways refresh their validators when the registry says something changed.
        const registry = new Registry(db, (events) => {
          const contract = events[0]?.contract;
          nats.publish(
            SUBJECTS.registryChanged,
            JSON.stringify({ contract, types: events.map((e) => e.type) }),
          );
        });
        await registry.refresh();
        return registry;
      },
    },
  ],
})
export class RegistryApiModule {}
