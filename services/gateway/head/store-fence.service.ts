/**
 * The store's fence and head as this gateway last read them, and a fresh reading on demand. Readings
 * asked for at the same time share one query; a caller always gets a reading taken after it asked, so
 * the fence it gets covers every commit it could have heard of (a live event, an announcement).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { NO_FENCE, readStoreFence, type StoreFence } from '../../common/event-store/read-store-fence.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';

@Injectable()
export class StoreFenceService {
  private last: StoreFence = NO_FENCE;
  private running?: Promise<StoreFence>;
  private next?: Promise<StoreFence>;

  constructor(@Inject(KYSELY_DB) private readonly db: Kysely<DB>) {}

  /** The last reading (0s before the first). */
  get current(): StoreFence {
    return this.last;
  }

  /** A reading begun after this call: joins the next query if one is already running. */
  fresh(): Promise<StoreFence> {
    if (!this.running) return this.start();
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.start();
      });
    return this.next;
  }

  private start(): Promise<StoreFence> {
    const reading = readStoreFence(this.db, this.last).then((fence) => {
      // Readings may finish out of order; a fence never goes back.
      if (fence.fence >= this.last.fence) this.last = fence;
      return this.last;
    });
    this.running = reading;
    void reading.then(
      () => this.settle(reading),
      () => this.settle(reading),
    );
    return reading;
  }

  private settle(reading: Promise<StoreFence>): void {
    if (this.running === reading) this.running = undefined;
  }
}
