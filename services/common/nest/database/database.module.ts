/** Gives a service one Kysely<DB> over one pg pool, and the event store built on it. */
import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { Registry } from 'prom-client';
import type { DxConfig } from '../../config/config.js';
import { createDb, type DbHandle } from '../../db/create-db.js';
import type { DB } from '../../db/schema.js';
import { EventStore } from '../../event-store/event-store.js';
import { DATABASE_SETTINGS, DB_HANDLE, EVENT_STORE, KYSELY_DB, STORE_METRICS } from './database.tokens.js';
import { registerPoolMetrics } from '../../metrics/pool-metrics.js';
import { StoreMetrics } from '../../metrics/store-metrics.js';
import { METRICS_REGISTRY } from '../metrics/metrics.tokens.js';

@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  static forRoot(config: Pick<DxConfig, 'databaseUrl' | 'maxPayloadBytes' | 'db'>): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DB_HANDLE,
          useFactory: (registry: Registry) => {
            const handle = createDb(config.databaseUrl, config.db.poolSize, config.db);
            registerPoolMetrics(registry, handle.pool);
            return handle;
          },
          inject: [METRICS_REGISTRY],
        },
        { provide: KYSELY_DB, useFactory: (handle: DbHandle) => handle.db, inject: [DB_HANDLE] },
        { provide: DATABASE_SETTINGS, useValue: config.db },
        {
          provide: STORE_METRICS,
          useFactory: (registry: Registry) => new StoreMetrics(registry),
          inject: [METRICS_REGISTRY],
        },
        {
          provide: EVENT_STORE,
          useFactory: (handle: DbHandle, metrics: StoreMetrics) =>
            new EventStore(handle.db, {
              maxPayloadBytes: config.maxPayloadBytes,
              // Ingest must not wait on a dead connection for the general query timeout.
              commitDb: handle.withQueryTimeout(config.db.commitTimeoutMs),
              onCommit: (n, waitedMs) => metrics.observe(n, waitedMs),
            }),
          inject: [DB_HANDLE, STORE_METRICS],
        },
      ],
      exports: [KYSELY_DB, EVENT_STORE, STORE_METRICS, DATABASE_SETTINGS],
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
