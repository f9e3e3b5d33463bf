/**
 * Runs the history projection in the gateway (HistoryFollower): every DX_HISTORY_INTERVAL_MS it catches
 * the projection up with the log (one gateway at a time does the work), and once an hour applies
 * retention and downsampling. Off with DX_HISTORY_PROJECTION=0: `dx history follow` then keeps the
 * projection in a process of its own (or nobody does, and queries read the rest from the log).
 */
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { HistoryFollower } from '../../common/history/history-follower.js';
import type { HistorySettings } from '../../common/history/history-settings.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { ContractCatalog } from '../catalog/contract-catalog.js';
import { HISTORY_SETTINGS } from './history.tokens.js';
import { schemaLookupOf } from './schema-lookup.js';

@Injectable()
export class HistoryProjectorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('HistoryProjector');
  private readonly follower: HistoryFollower;

  constructor(
    @Inject(KYSELY_DB) db: Kysely<DB>,
    @Inject(HISTORY_SETTINGS) private readonly settings: HistorySettings,
    catalog: ContractCatalog,
  ) {
    this.follower = new HistoryFollower(db, settings, schemaLookupOf(catalog), () => catalog.refresh(), {
      retained: (outcome) => this.logger.log({ msg: 'history retention', ...outcome }),
      failed: (message) => this.logger.error(message),
    });
  }

  onApplicationBootstrap(): void {
    if (this.settings.project) this.follower.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.follower.stop();
  }
}
