/**
 * Keeps the history projection caught up with the log: every `intervalMs` a round projects what was
 * appended since the checkpoint (HistoryProjector; one process at a time does the work), and once an
 * hour applies retention and downsampling. A failed round is reported with its cause and tried again
 * next round: the checkpoint only moves with what was written. The gateway runs one
 * (DX_HISTORY_PROJECTION=1); `dx history follow` runs one in a process of its own, off the gateways'
 * event loops.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { describeError } from '../errors/describe-error.js';
import { HistoryProjector } from './history-projector.js';
import { applyRetention, type RetentionOutcome } from './history-retention.js';
import type { HistorySettings } from './history-settings.js';
import type { SchemaLookup } from './samples-of.js';

const RETENTION_EVERY_MS = 3_600_000;

export interface HistoryFollowerEvents {
  /** After a round that projected something. */
  projected?: (events: number) => void;
  retained?: (outcome: RetentionOutcome) => void;
  failed: (message: string) => void;
}

export class HistoryFollower {
  private readonly projector: HistoryProjector;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private lastRetention = 0;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly settings: HistorySettings,
    schemaOf: SchemaLookup,
    /** Reads the registry again (a version the lookup does not know yet). */
    refresh: () => Promise<void>,
    private readonly events: HistoryFollowerEvents,
  ) {
    this.projector = new HistoryProjector(db, schemaOf, settings.batch, refresh);
  }

  /** Starts the rounds; the first one at once. */
  start(): void {
    const tick = () => {
      this.running = this.round().finally(() => {
        if (this.timer !== undefined) this.timer = setTimeout(tick, this.settings.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops after the round under way. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async round(): Promise<void> {
    try {
      const projected = await this.projector.catchUp();
      if (projected > 0) this.events.projected?.(projected);
      if (Date.now() - this.lastRetention >= RETENTION_EVERY_MS) {
        this.lastRetention = Date.now();
        const outcome = await applyRetention(this.db, this.settings);
        if (outcome.rolledUpDays.length > 0 || outcome.deletedMinutes > 0) this.events.retained?.(outcome);
      }
    } catch (error) {
      this.events.failed(
        `history projection failed, trying again in ${this.settings.intervalMs} ms: ${describeError(error)}`,
      );
    }
  }
}
