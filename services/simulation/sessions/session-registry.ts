/** The realtime sessions this service instance runs, by id; opening one checks and opens it on a worker. */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DxError } from '../../common/errors/dx-error.js';
import type { HubPublisher } from '../hub/hub-publisher.js';
import { readHubValues, type HubReader } from '../hub/hub-reader.js';
import { withHubState } from '../runs/scenario-runner.js';
import type { ScenarioChecker } from '../scenarios/scenario-checker.js';
import type { WorkerPool } from '../workers/worker-pool.js';
import { RealtimeSession, type OpenedSession, type SessionStatus } from './realtime-session.js';

export class SessionRegistry {
  private readonly sessions = new Map<string, RealtimeSession>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly checker: ScenarioChecker,
    private readonly reader: HubReader,
    private readonly publisher: HubPublisher,
    private readonly logger: Logger,
  ) {
    pool.onWorkerLost((worker) => {
      for (const s of this.sessions.values()) {
        if (s.worker.slot === worker.slot && s.worker.generation === worker.generation) s.lost();
      }
    });
  }

  async start(body: unknown): Promise<SessionStatus> {
    const request = await this.checker.check(body, 'open');
    const id = request.id ?? randomUUID();
    if (this.sessions.get(id)?.status().state === 'running') {
      throw new DxError('CONFLICT', `a session ${id} is already running`, { id });
    }
    const scenario = await withHubState(this.reader, request);
    const inputs = { ...(request.inputs ?? {}) };
    if (request.live) Object.assign(inputs, (await readHubValues(this.reader, request.live, '/live')).values);
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
    );
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

  async close(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.stop()));
  }
}
