/**
 * The one service behind the simulation's NATS and HTTP front ends: what the models are, runs,
 * realtime sessions, stopping either, and status. It owns the worker pool for the process's life.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import type { Logger } from 'pino';
import { DxError } from '../../common/errors/dx-error.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { ClientHubPublisher, type HubPublisher } from '../hub/hub-publisher.js';
import { NatsHubReader, type HubReader } from '../hub/hub-reader.js';
import { ScenarioRunner, type RunAnswer } from '../runs/scenario-runner.js';
import { InstanceLibrary } from '../scenarios/instances/instance-library.js';
import { ReadableContracts } from '../scenarios/readable-contracts.js';
import { ScenarioChecker } from '../scenarios/scenario-checker.js';
import { SessionRegistry } from '../sessions/session-registry.js';
import type { SessionStatus } from '../sessions/realtime-session.js';
import type { SimConfig } from '../sim-config.js';
import { WorkerPool } from '../workers/worker-pool.js';
import { SimulationPeers } from './simulation-peers.js';
import { SIM_CONFIG, SIM_LOGGER } from './simulation.tokens.js';

type Stopped = { id: string; stopped: 'session' | 'run'; session?: SessionStatus };

function notHeld(id: string): DxError {
  return new DxError('NOT_FOUND', `no simulation instance holds a session or run ${id}`, { id });
}

@Injectable()
export class SimulationService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly pool: WorkerPool;
  private readonly instances = new InstanceLibrary();
  private readonly runner: ScenarioRunner;
  private readonly sessions: SessionRegistry;
  private readonly readable: ReadableContracts;
  private readonly peers: SimulationPeers;
  private description?: Promise<Record<string, unknown>>;

  constructor(
    @Inject(SIM_CONFIG) config: SimConfig,
    @Inject(SIM_LOGGER) logger: Logger,
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(KYSELY_DB) db: Kysely<DB>,
  ) {
    this.pool = new WorkerPool({
      size: config.workers,
      queueDepth: config.queueDepth,
      python: config.python,
      cwd: config.pythonDir,
      logger,
    });
    this.readable = new ReadableContracts(db, nats, config.readableContracts);
    const checker = new ScenarioChecker(this.pool, this.instances, () => this.readable.list());
    const reader: HubReader = new NatsHubReader(nats);
    const publisher: HubPublisher = new ClientHubPublisher(nats);
    this.runner = new ScenarioRunner(this.pool, checker, reader, publisher, config.deadlineMs);
    this.sessions = new SessionRegistry(this.pool, checker, reader, publisher, logger);
    this.peers = new SimulationPeers(nats);
  }

  /** What the workers can run (their own `describe`) and the equipment the service holds. */
  async models(): Promise<Record<string, unknown>> {
    this.description ??= this.pool.submit({ op: 'describe' }, { deadlineMs: 10_000 }).then((a) => a.result);
    const described = await this.description.catch((error: unknown) => {
      this.description = undefined;
      throw error;
    });
    return { ...described, instances: this.instances.list() };
  }

  run(body: unknown): Promise<RunAnswer> {
    return this.runner.run(body);
  }

  start(body: unknown): Promise<SessionStatus> {
    return this.sessions.start(body);
  }

  /** Stops a realtime session, or cancels a run, by id, on whichever instance holds it. */
  async stop(id: string): Promise<Stopped> {
    const stopped = (await this.stopHere(id)) ?? (await this.peers.ask<Stopped>('stop', id));
    if (!stopped) throw notHeld(id);
    return stopped;
  }

  /** The pool, runs and sessions of this instance; or one session or run, on whichever instance holds it. */
  async status(id?: string): Promise<Record<string, unknown>> {
    if (id === undefined) {
      return { pool: this.pool.status(), runs: this.pool.jobs(), sessions: this.sessions.list() };
    }
    const status = this.statusHere(id) ?? (await this.peers.ask<Record<string, unknown>>('status', id));
    if (!status) throw notHeld(id);
    return status;
  }

  private async stopHere(id: string): Promise<Stopped | undefined> {
    const session = await this.sessions.stop(id);
    if (session) return { id, stopped: 'session', session };
    if (this.runner.cancelPreparing(id) || this.pool.cancel(id)) return { id, stopped: 'run' };
    return undefined;
  }

  private statusHere(id: string): Record<string, unknown> | undefined {
    const session = this.sessions.get(id);
    if (session) return { session };
    const job = this.pool.jobs().find((j) => j.id === id);
    if (job) return { run: job };
    if (this.runner.preparingIds().includes(id)) return { run: { id, op: 'run', state: 'checking' } };
    return undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.readable.start();
    this.peers.serve((operation, id) => (operation === 'stop' ? this.stopHere(id) : this.statusHere(id)));
  }

  async onApplicationShutdown(): Promise<void> {
    this.peers.close();
    this.readable.stop();
    await this.sessions.close();
    await this.pool.close();
  }
}
