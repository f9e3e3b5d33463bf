/**
 * One realtime scenario: a session opened on one worker, stepped once per period by a TickClock.
 * Each tick reads the live inputs (and, in a twin session, the reactor's newest telemetry) from the
 * hub, advances the models by the time that passed, and publishes the results as sim.results (and
 * the twin's estimate and forecast as sim.reactor-forecasts, stamped with issuedAt).
 */
import type { Logger } from 'pino';
import { DxError } from '../../common/errors/dx-error.js';
import type { HubPublisher } from '../hub/hub-publisher.js';
import { readHubValues, type HubReader } from '../hub/hub-reader.js';
import {
  FORECASTS_CONTRACT,
  FORECASTS_VERSION,
  RESULTS_CONTRACT,
  RESULTS_VERSION,
  resultPayloads,
} from '../runs/result-payloads.js';
import type { ScenarioRef } from '../library/saved-scenario.js';
import { resultLineage, type InputEvent, type WorkerLineage } from '../runs/result-lineage.js';
import type { SimRequest } from '../scenarios/sim-request.js';
import type { WorkerPool, WorkerRef } from '../workers/worker-pool.js';
import { TickClock, type TickInfo } from './tick-clock.js';

export interface SessionStatus {
  id: string;
  scenarioId: string;
  state: 'running' | 'stopped' | 'failed';
  periodSeconds: number;
  ticks: number;
  overruns: number;
  errors: number;
  lastError?: { code: string; message: string };
  simulatedSeconds: number;
  published: number;
  worker: WorkerRef;
  startedAt: string;
  lastForecast?: Record<string, unknown>;
  /** The saved scenario running, when it was started by name. */
  scenario?: ScenarioRef;
}

export interface OpenedSession {
  session: string;
  periodSeconds: number;
  units: Record<string, Record<string, string>>;
  lineage: WorkerLineage;
}

/** Where a session's results come from besides each tick's reads: its start. */
export interface SessionOrigin {
  /** Events read when it started (the initial state, the first live inputs). */
  initial: InputEvent[];
  /** The request as it was sent (hashed for lineage when it was not run by name). */
  body: unknown;
  /** The saved scenario, when it was started by name. */
  ref?: ScenarioRef;
}

export class RealtimeSession {
  private readonly clock: TickClock;
  private state: SessionStatus['state'] = 'running';
  private errors = 0;
  private lastError?: { code: string; message: string };
  private simulatedSeconds = 0;
  private published = 0;
  private lastTelemetry = 0;
  private lastForecast?: Record<string, unknown>;
  private readonly startedAt = new Date().toISOString();

  constructor(
    readonly id: string,
    private readonly request: SimRequest,
    readonly worker: WorkerRef,
    private readonly opened: OpenedSession,
    private readonly pool: WorkerPool,
    private readonly reader: HubReader,
    private readonly publisher: HubPublisher,
    private readonly logger: Logger,
    private readonly origin: SessionOrigin,
  ) {
    this.clock = new TickClock(opened.periodSeconds * 1000, (info) => this.tick(info));
  }

  begin(): void {
    this.clock.begin();
  }

  /** Stops the loop and closes the session on its worker (if the worker is still there). */
  async stop(): Promise<void> {
    if (this.state === 'running') this.state = 'stopped';
    this.clock.stop();
    await this.pool
      .submit({ op: 'close', session: this.opened.session }, { pin: this.worker, deadlineMs: 5000 })
      .catch(() => undefined);
  }

  /** The worker holding the session went away: the session is over. */
  lost(): void {
    if (this.state !== 'running') return;
    this.state = 'failed';
    this.lastError = { code: 'WORKER_CRASHED', message: 'the worker holding the session exited' };
    this.clock.stop();
  }

  status(): SessionStatus {
    return {
      id: this.id,
      scenarioId: this.request.scenario.scenarioId,
      state: this.state,
      periodSeconds: this.opened.periodSeconds,
      ticks: this.clock.ticks,
      overruns: this.clock.overruns,
      errors: this.errors,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      simulatedSeconds: this.simulatedSeconds,
      published: this.published,
      worker: this.worker,
      startedAt: this.startedAt,
      ...(this.lastForecast ? { lastForecast: this.lastForecast } : {}),
      ...(this.origin.ref ? { scenario: this.origin.ref } : {}),
    };
  }

  private async tick({ periods }: TickInfo): Promise<void> {
    if (this.state !== 'running') return;
    const dt = periods * this.opened.periodSeconds;
    try {
      const step: Record<string, unknown> = { op: 'step', session: this.opened.session, dt };
      const read: InputEvent[] = [...this.origin.initial];
      if (this.request.live) {
        const live = await readHubValues(this.reader, this.request.live, '/live');
        step.inputs = live.values;
        read.push(...live.from.map((e) => ({ ...e, role: 'live-input' as const })));
      }
      const telemetry = this.request.twin?.telemetry;
      if (telemetry) {
        const event = await this.reader.latest(telemetry.contract, telemetry.key);
        if (event && event.position > this.lastTelemetry) {
          this.lastTelemetry = event.position;
          step.telemetry = { ...event.data, basedOn: event.position };
        }
        // The newest telemetry the estimate has taken in, whether it came this tick or before.
        if (this.lastTelemetry > 0)
          read.push({ ...telemetry, position: this.lastTelemetry, role: 'telemetry' });
      }
      const lineage = resultLineage(this.opened.lineage, read, this.origin.body, this.origin.ref);
      const { result } = await this.pool.submit(step as { op: 'step' }, {
        pin: this.worker,
        deadlineMs: Math.max(1000, this.opened.periodSeconds * 1000 * 2),
      });
      this.simulatedSeconds = Number(result.time ?? this.simulatedSeconds + dt);
      const now = new Date().toISOString();
      const results = resultPayloads(
        this.request.scenario.scenarioId,
        this.simulatedSeconds,
        result.outputs as Record<string, Record<string, number>>,
        this.opened.units,
        (result.flags as never[] | undefined) ?? [],
        now,
        lineage,
      );
      const publishing = [this.publisher.publish(RESULTS_CONTRACT, RESULTS_VERSION, results)];
      if (result.forecast) {
        this.lastForecast = {
          ...(result.forecast as Record<string, unknown>),
          issuedAt: now,
          origin: 'simulated',
          lineage,
        };
        publishing.push(this.publisher.publish(FORECASTS_CONTRACT, FORECASTS_VERSION, [this.lastForecast]));
      }
      const positions = await Promise.all(publishing);
      this.published += positions.reduce((sum, p) => sum + p.length, 0);
    } catch (error) {
      this.errors++;
      const e = error instanceof DxError ? error : new DxError('SIM_FAILED', (error as Error).message);
      this.lastError = { code: e.code, message: e.message };
      this.logger.warn({ session: this.id, code: e.code, err: e.message }, 'a realtime tick failed');
    }
  }
}
