/**
 * The simulation's figures on /metrics: runs by mode and outcome and how long they took, realtime
 * ticks and overruns (a tick that ended after the next was due), sessions by state, and the worker
 * pool (busy workers, queued jobs, restarts).
 */
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { readCounter } from '../../common/metrics/read-counter.js';
import { METRICS_REGISTRY } from '../../common/nest/metrics/metrics.tokens.js';
import type { SessionRegistry } from '../sessions/session-registry.js';
import type { WorkerPool } from '../workers/worker-pool.js';

const RUN_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

@Injectable()
export class SimulationMetrics {
  private readonly runs: Counter<'outcome'>;
  private readonly runSeconds: Histogram;

  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {
    this.runs = new Counter({
      name: 'dx_sim_runs_total',
      help: 'Static and dynamic runs answered, by outcome (ok, or the error code).',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.runSeconds = new Histogram({
      name: 'dx_sim_run_seconds',
      help: 'From a run request to its answer.',
      buckets: RUN_BUCKETS,
      registers: [registry],
    });
  }

  /** Counts and times a run, whatever its outcome. */
  async run<T>(running: Promise<T>): Promise<T> {
    const stop = this.runSeconds.startTimer();
    try {
      const answer = await running;
      this.runs.inc({ outcome: 'ok' });
      return answer;
    } catch (error) {
      this.runs.inc({ outcome: (error as { code?: string }).code ?? 'INTERNAL' });
      throw error;
    } finally {
      stop();
    }
  }

  /** Reads the sessions' ticks and the pool at each scrape. */
  watch(sessions: SessionRegistry, pool: WorkerPool): void {
    const registers = [this.registry];
    readCounter(this.registry, {
      name: 'dx_sim_ticks_total',
      help: 'Realtime ticks run, over every session.',
      read: () => sessions.tickTotals().ticks,
    });
    readCounter(this.registry, {
      name: 'dx_sim_tick_overruns_total',
      help: 'Realtime ticks that ended after the next one was due (the ticks in between are skipped).',
      read: () => sessions.tickTotals().overruns,
    });
    new Gauge({
      name: 'dx_sim_sessions',
      help: 'Realtime sessions of this instance, by state.',
      labelNames: ['state'],
      registers,
      collect() {
        const byState = { running: 0, stopped: 0, failed: 0 };
        for (const session of sessions.list()) byState[session.state]++;
        for (const [state, n] of Object.entries(byState)) this.set({ state }, n);
      },
    });
    new Gauge({
      name: 'dx_sim_workers',
      help: 'Python worker processes, by state (busy or idle).',
      labelNames: ['state'],
      registers,
      collect() {
        const { workers } = pool.status();
        const busy = workers.filter((w) => w.busy).length;
        this.set({ state: 'busy' }, busy);
        this.set({ state: 'idle' }, workers.length - busy);
      },
    });
    new Gauge({
      name: 'dx_sim_queued_jobs',
      help: 'Jobs waiting for a free worker.',
      registers,
      collect() {
        this.set(pool.status().queued);
      },
    });
    readCounter(this.registry, {
      name: 'dx_sim_worker_restarts_total',
      help: 'Python workers started again after they exited.',
      read: () => pool.status().restarts,
    });
  }
}
