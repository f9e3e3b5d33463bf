/**
 * The hub-to-plant direction of every edge: follows a contract (for example the twin's
 * `scada.setpoints`), catching up from the store after the checkpoint it saved last, and hands each
 * event to the adapter's writer one at a time, in order per key, awaiting the plant's acknowledgement.
 * After each write it saves the checkpoint and the last stream position of the key, so a restarted
 * edge writes what it missed and nothing it wrote already.
 */
import path from 'node:path';
import type { Logger } from 'pino';
import type { DxSubscription, EventEnvelope } from '../../client/index.js';
import type { EdgeHub } from './edge-hub.js';
import { METRICS, type EdgeMetrics } from './edge-metrics.js';
import { readState, writeState } from './state-file.js';

interface FollowerState {
  checkpoint: number;
  /** The last stream position written, per key. */
  written: Record<string, number>;
}

export interface OutboundOptions {
  contract: string;
  major: number;
  /** Where a follower without a saved checkpoint starts: after this global position (default 0). */
  from?: number;
  /** Writes one event to the plant; resolves when the plant acknowledged it. False: not for this writer. */
  write: (event: EventEnvelope) => Promise<boolean>;
  hub: EdgeHub;
  logger: Logger;
  metrics: EdgeMetrics;
}

export class OutboundFollower {
  private subscription?: DxSubscription;
  private saving: Promise<void> = Promise.resolve();

  private constructor(
    private readonly options: OutboundOptions,
    private readonly file: string,
    private readonly state: FollowerState,
  ) {}

  static async start(options: OutboundOptions): Promise<OutboundFollower> {
    const file = path.join(options.hub.stateDir, `out.${options.contract}.v${options.major}.json`);
    const state = (await readState<FollowerState>(file)) ?? {
      checkpoint: options.from ?? 0,
      written: {},
    };
    const follower = new OutboundFollower(options, file, state);
    follower.subscription = await options.hub.subscribe(
      options.contract,
      { major: options.major, from: state.checkpoint },
      (event) => follower.handle(event),
    );
    follower.subscription.closed.catch((error: unknown) =>
      options.logger.error({ err: error, contract: options.contract }, 'stopped following the hub'),
    );
    return follower;
  }

  /** Resolves once the events in the store at the start have been written. */
  get caughtUp(): Promise<void> {
    return this.subscription!.caughtUp;
  }

  async close(): Promise<void> {
    await this.subscription?.close();
    await this.saving;
  }

  private async handle(event: EventEnvelope): Promise<void> {
    const done = this.state.written[event.key] ?? 0;
    if (event.streamPosition > done) {
      const wrote = await this.options.write(event);
      if (wrote)
        this.options.metrics.count(METRICS.written, {
          contract: event.contract,
        });
      this.state.written[event.key] = event.streamPosition;
    }
    this.state.checkpoint = Math.max(this.state.checkpoint, this.subscription?.checkpoint ?? 0);
    this.saving = this.saving.then(() => writeState(this.file, this.state));
    await this.saving;
  }
}
