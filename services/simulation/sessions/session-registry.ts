/** The realtime sessions this service instance runs, by id; opening one checks and opens it on a worker. */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DxError } from '../../common/errors/dx-error.js';
import type { HubPublisher } from '../hub/hub-publisher.js';
import { readHubValues, type HubReader } from '../hub/hub-reader.js';
import type { InputEvent } from '../runs/result-lineage.js';
import { withHubState } from '../runs/scenario-runner.js';
import type { ScenarioChecker } from '../scenarios/scenario-checker.js';
import type { AsOf } from '../hub/as-of-reader.js';
import type { ScenarioRef } from '../library/saved-scenario.js';
import type { WorkerPool } from '../workers/worker-pool.js';
import { RealtimeSession, type OpenedSession, type SessionStatus } from './realtime-session.js';

export class SessionRegistry {
  private readonly sessions = new Map<string, RealtimeSession>();
  /** Ticks and overruns of sessions replaced by a new one of the same id (for the running totals). */
  private readonly replaced = { ticks: 0, overruns: 0 };

  constructor(
    private readonly pool: WorkerPool,
    private readonly checker: ScenarioChecker,
    private readonly reader: HubReader,
    private readonly publisher: HubPublisher,
    private readonly logger: Logger,
    /** Reads values as of a past time (a request's asOf: the initial state; live inputs stay live). */
    private readonly asOf: (asOf: AsOf) => HubReader,
  ) {
    pool.onWorkerLost((worker) => {
      for (const s of this.sessions.values()) {
        if (s.worker.slot === worker.slot && s.worker.generation === worker.generation) s.lost();
      }
    });
  }

  /** Starts a realtime session; `ref` names the saved scenario it came from (for lineage), when it did. */
  async start(body: unknown, ref?: ScenarioRef): Promise<SessionStatus> {
    const request = await this.checker.check(body, 'open');
    const id = request.id ?? randomUUID();
    if (this.sessions.get(id)?.status().state === 'running') {
      throw new DxError('CONFLICT', `a session ${id} is already running`, { id });
    }
    const initial = await withHubState(request.asOf ? this.asOf(request.asOf) : this.reader, request);
    const scenario = initial.scenario;
    const inputs = { ...(request.inputs ?? {}) };
    const read: InputEvent[] = [...initial.from];
    if (request.live) {
      const live = await readHubValues(this.reader, request.live, '/live');
      Object.assign(inputs, live.values);
      read.push(...live.from.map((e) => ({ ...e, role: 'live-input' as const })));
    }
    const twin =
      request.twin && Object.fromEntries(Object.entries(request.twin).filter(([k]) => k !== 'telemetry'));
    const { result, worker } = await this.pool.submit(
      { op: 'open', scenario, inputs, ...(twin ? { twin } : {}) },
      { jobId: id, deadlineMs: 10_000 },
    );
    const session = new RealtimeSession(
      id,
      request,
      worker,
      result as unknown as OpenedSession,
      this.pool,
      this.reader,
      this.publisher,
      this.logger,
      { initial: read, body, ref },
    );
    const before = this.sessions.get(id)?.status();
    if (before) {
      this.replaced.ticks += before.ticks;
      this.replaced.overruns += before.overruns;
    }
    this.sessions.set(id, session);
    session.begin();
    return session.status();
  }

  /** Stops a session; false when this instance holds none by that id. */
  async stop(id: string): Promise<SessionStatus | undefined> {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    await session.stop();
    return session.status();
  }

  get(id: string): SessionStatus | undefined {
    return this.sessions.get(id)?.status();
  }

  list(): SessionStatus[] {
    return [...this.sessions.values()].map((s) => s.status());
  }

  /** Ticks run and overruns of every session this instance has run, since it started. */
  tickTotals(): { ticks: number; overruns: number } {
    const totals = { ...this.replaced };
    for (const session of this.sessions.values()) {
      const { ticks, overruns } = session.status();
      totals.ticks += ticks;
      totals.overruns += overruns;
    }
    return totals;
  }

  async close(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.stop()));
  }
}
