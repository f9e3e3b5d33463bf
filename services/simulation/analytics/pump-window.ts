/**
 * What a pump's health loop remembers of its telemetry between assessments: the training window (the
 * first good samples it read, then frozen), the latest samples of the health indicator for the trend,
 * and the latest usable sample, each with the global positions it came from (for lineage).
 */
import type { EventEnvelope } from '../../common/event-store/event-store.types.js';
import type { InputRun } from './health-payload.js';

/** The fields of scada.pump-telemetry 1.x the loop reads, in the order the worker gets them. */
export const PUMP_SIGNALS = ['flow', 'dischargePressure', 'speed', 'power', 'vibration'] as const;
export const PUMP_TELEMETRY = 'scada.pump-telemetry';
/** The health indicator: bearing vibration velocity (mm/s), which rises as a pump wears. */
export const INDICATOR = 'vibration';

interface Sample {
  position: number;
  row: number[];
  /** Source time in seconds since the epoch (the recorded time when the source's cannot be read). */
  time: number;
  data: Record<string, unknown>;
}

export class PumpWindow {
  readonly training: Sample[] = [];
  private readonly indicator: Sample[] = [];
  latest?: Sample;
  /** Samples not used: quality bad, or a field missing or not a number. */
  skipped = 0;
  /** Usable samples taken since the last assessment. */
  fresh = 0;

  constructor(
    readonly asset: string,
    private readonly trainingSamples: number,
    private readonly windowSamples: number,
  ) {}

  get trained(): boolean {
    return this.training.length >= this.trainingSamples;
  }

  take(event: EventEnvelope): void {
    const data = event.data;
    const row = PUMP_SIGNALS.map((name) => data[name]);
    if (data.quality === 'bad' || !row.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      this.skipped++;
      return;
    }
    const parsed = Date.parse(String(data.sourceTimestamp));
    const time = (Number.isFinite(parsed) ? parsed : Date.parse(event.recordedAt)) / 1000;
    const sample: Sample = { position: event.position, row: row as number[], time, data };
    if (!this.trained && data.quality === 'good') this.training.push(sample);
    this.indicator.push(sample);
    if (this.indicator.length > this.windowSamples) this.indicator.shift();
    this.latest = sample;
    this.fresh++;
  }

  /** The worker `health` request's data part. */
  request(vibrationLimit: number): Record<string, unknown> {
    const index = PUMP_SIGNALS.indexOf(INDICATOR);
    return {
      asset: this.asset,
      signals: [...PUMP_SIGNALS],
      training: this.training.map((s) => s.row),
      latest: this.latest!.row,
      indicator: {
        name: INDICATOR,
        unit: 'mm/s',
        times: this.indicator.map((s) => s.time),
        values: this.indicator.map((s) => s.row[index]),
        threshold: vibrationLimit,
        direction: 'above',
      },
    };
  }

  /** The latest sample as the telemetry gave it: the signals and the source timestamp. */
  sample(): Record<string, number | string> {
    const latest = this.latest!;
    const out: Record<string, number | string> = {};
    PUMP_SIGNALS.forEach((name, i) => (out[name] = latest.row[i]!));
    if (typeof latest.data.sourceTimestamp === 'string') out.sourceTimestamp = latest.data.sourceTimestamp;
    return out;
  }

  inputs(): InputRun[] {
    const run = (role: InputRun['role'], samples: Sample[]): InputRun => ({
      contract: PUMP_TELEMETRY,
      key: this.asset,
      role,
      fromPosition: samples[0]!.position,
      toPosition: samples[samples.length - 1]!.position,
      count: samples.length,
    });
    return [run('latest', [this.latest!]), run('training', this.training), run('indicator', this.indicator)];
  }
}
