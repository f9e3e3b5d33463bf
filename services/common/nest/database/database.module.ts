/** Gives the gateway one Kysely<DB> over one pg pool, and the event store built on it. */
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { DxConfig } from '../../config/config.js';
import { createDb } from '../../db/create-db.js';
import type { DB } from '../../db/schema.js';
import { EventStore } from '../../event-store/event-store.js';
import { EVENT_STORE, KYSELY_DB, STORE_METRICS } from './database.tokens.js';
import { StoreMetrics } from './store-metrics.js';

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  static forRoot(config: Pick<DxConfig, 'databaseUrl' | 'maxPayloadBytes'>): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: KYSELY_DB, useFactory: () => createDb(config.databaseUrl).db },
        { provide: STORE_METRICS, useFactory: () => new StoreMetrics() },
        {
          provide: EVENT_STORE,
          useFactory: (db: Kysely<DB>, metrics: StoreMetrics) =>
            new EventStore(db, {
              maxPayloadBytes: config.maxPayloadBytes,
              onCommit: (n) => metrics.observe(n),
            }),
          inject: [KYSELY_DB, STORE_METRICS],
        },
      ],
      exports: [KYSELY_DB, EVENT_STORE, STORE_METRICS],
    };
  }

  constructor(
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  // Not onModuleDestroy: Nest runs that before it closes the HTTP server, and a request still in flight
  // would find the pool gone. Shutdown hooks run after the server has closed.
  async onApplicationShutdown(): Promise<void> {
    await this.store.drain();
    await this.db.destroy();
  }
}
