/**
 * The health loop of one pump, like the R101 twin loop: every period it reads the pump's new telemetry
 * from the store through the hub (every event, in order), and once it has its training window it has a
 * worker assess the latest sample (`health`: anomaly, remaining life, priority, recommendation) and
 * publishes the assessment as analytics.equipment-health, with the events it used.
 *
 * It starts at the pump's latest telemetry when it starts, trains its anomaly detector on the first
 * `trainingSamples` good samples from there (start it while the pump runs normally), and fits the
 * vibration trend to the latest `windowSamples`. A period with no new sample publishes nothing. The
 * message id is the asset and the latest sample's position, so a retry, or a second instance running
 * the same loop, stores one assessment per sample.
 */
import type { Logger } from 'pino';
import { DxError } from '../../common/errors/dx-error.js';
import type { HubPublisher } from '../hub/hub-publisher.js';
import type { HubReader } from '../hub/hub-reader.js';
import type { StreamReader } from '../hub/stream-reader.js';
import { TickClock } from '../sessions/tick-clock.js';
import type { WorkerPool } from '../workers/worker-pool.js';
import type { HealthSettings } from './health-settings.js';
import { HEALTH_CONTRACT, HEALTH_VERSION, healthPayload, type HealthResult } from './health-payload.js';
import { INDICATOR, PUMP_TELEMETRY, PumpWindow } from './pump-window.js';

export interface HealthLoopStatus {
  asset: string;
  state: 'starting' | 'training' | 'assessing' | 'stopped';
  periodMs: number;
  ticks: number;
  overruns: number;
  errors: number;
  lastError?: { code: string; message: string };
  /** Telemetry events read, and of those not usable (bad quality or a field missing). */
  read: number;
  skipped: number;
  training: { samples: number; of: number };
  published: number;
  /** The global position the next read starts after. */
  after?: number;
  lastAssessment?: {
    position: number;
    priority: string;
    anomalous: boolean;
    rulSeconds?: number;
    basedOn: number;
  };
}

export class PumpHealthLoop {
  private readonly clock: TickClock;
  private readonly window: PumpWindow;
  private stopped = false;
  private inFlight?: Promise<void>;
  private after?: number;
  private read = 0;
  private errors = 0;
  private published = 0;
  private lastError?: { code: string; message: string };
  private lastAssessment?: HealthLoopStatus['lastAssessment'];

  constructor(
    readonly asset: string,
    private readonly settings: HealthSettings,
    private readonly pool: WorkerPool,
    private readonly latest: HubReader,
    private readonly stream: StreamReader,
    private readonly publisher: HubPublisher,
    private readonly logger: Logger,
  ) {
    this.window = new PumpWindow(asset, settings.trainingSamples, settings.windowSamples);
    this.clock = new TickClock(settings.periodMs, () => this.tick());
  }

  begin(): void {
    this.clock.begin();
  }

  /** Stops the loop; resolves when a tick in flight has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.stop();
    await this.inFlight;
  }

  status(): HealthLoopStatus {
    return {
      asset: this.asset,
      state: this.stopped
        ? 'stopped'
        : this.after === undefined
          ? 'starting'
          : this.window.trained
            ? 'assessing'
            : 'training',
      periodMs: this.settings.periodMs,
      ticks: this.clock.ticks,
      overruns: this.clock.overruns,
      errors: this.errors,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      read: this.read,
      skipped: this.window.skipped,
      training: { samples: this.window.training.length, of: this.settings.trainingSamples },
      published: this.published,
      ...(this.after !== undefined ? { after: this.after } : {}),
      ...(this.lastAssessment ? { lastAssessment: this.lastAssessment } : {}),
    };
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    this.inFlight = this.run();
    await this.inFlight;
  }

  private async run(): Promise<void> {
    try {
      if (this.after === undefined) {
        const newest = await this.latest.latest(PUMP_TELEMETRY, this.asset);
        this.after = newest ? newest.position - 1 : 0;
      }
      const page = await this.stream.after(
        PUMP_TELEMETRY,
        this.asset,
        this.after,
        this.settings.maxReadPerTick,
      );
      for (const event of page.events) this.window.take(event);
      this.read += page.events.length;
      this.after = page.last;
      if (!this.window.trained || this.window.fresh === 0 || this.stopped) return;
      this.window.fresh = 0;
      await this.assess();
    } catch (error) {
      this.errors++;
      const e = error instanceof DxError ? error : new DxError('SIM_FAILED', (error as Error).message);
      this.lastError = { code: e.code, message: e.message };
      this.logger.warn(
        { asset: this.asset, code: e.code, err: e.message },
        'an equipment health tick failed',
      );
    }
  }

  private async assess(): Promise<void> {
    const window = this.window;
    const basedOn = window.latest!.position;
    const { result } = await this.pool.submit(
      { op: 'health', ...window.request(this.settings.vibrationLimit) },
      { deadlineMs: Math.max(5000, this.settings.periodMs * 2) },
    );
    const health = result as unknown as HealthResult;
    const payload = healthPayload(health, {
      equipment: this.asset,
      indicator: INDICATOR,
      threshold: this.settings.vibrationLimit,
      sample: window.sample(),
      inputs: window.inputs(),
      assessedAt: new Date().toISOString(),
    });
    const [stored] = await this.publisher.publish(HEALTH_CONTRACT, HEALTH_VERSION, [payload], {
      msgId: `health-${this.asset}-${basedOn}`,
    });
    this.published++;
    this.lastAssessment = {
      position: stored!.position,
      priority: health.priority,
      anomalous: health.anomaly.flag,
      ...(health.rul.seconds !== undefined ? { rulSeconds: health.rul.seconds } : {}),
      basedOn,
    };
  }
}
