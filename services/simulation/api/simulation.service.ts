/**
 * The one service behind the simulation's NATS and HTTP front ends: what the models are, runs,
 * realtime sessions, stopping either, and status. It owns the worker pool for the process's life.
 */
import { readAssets } from '../../common/assets/read-assets.js';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import type { Logger } from 'pino';
import { DxError } from '../../common/errors/dx-error.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { EquipmentHealthLoops } from '../analytics/equipment-health-loops.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { SIMULATION_IDENTITY } from '../../common/identity/identity.types.js';
import { demoScenarios } from '../library/demo-scenarios.js';
import { parseRunByName, requestToRun } from '../library/run-by-name.js';
import type { SavedScenario } from '../library/saved-scenario.js';
import { ScenarioLibrary, type SaveOutcome, type ScenarioSummary } from '../library/scenario-library.js';
import { AsOfReader, type AsOf } from '../hub/as-of-reader.js';
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
import { SimulationMetrics } from './simulation.metrics.js';
import { SimulationPeers } from './simulation-peers.js';
import { SIM_CONFIG, SIM_LOGGER } from './simulation.tokens.js';

type Stopped = { id: string; stopped: 'session' | 'run'; session?: SessionStatus };

/** How often the equipment's design data is read again from the plant's asset model (hub.assets). */
const INSTANCES_REFRESH_MS = 30_000;

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
  private readonly health: EquipmentHealthLoops;
  private readonly library: ScenarioLibrary;
  private readonly demoScenarios: boolean;
  private readonly logger: Logger;
  private description?: Promise<Record<string, unknown>>;
  private instancesTimer?: NodeJS.Timeout;

  constructor(
    @Inject(SIM_CONFIG) config: SimConfig,
    @Inject(SIM_LOGGER) logger: Logger,
    @Inject(NATS_CONNECTION) nats: NatsConnection,
    @Inject(KYSELY_DB) private readonly db: Kysely<DB>,
    private readonly metrics: SimulationMetrics,
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
    const asOf = (at: AsOf) => new AsOfReader(db, at);
    this.runner = new ScenarioRunner(this.pool, checker, reader, publisher, config.deadlineMs, asOf);
    this.sessions = new SessionRegistry(this.pool, checker, reader, publisher, logger, asOf);
    metrics.watch(this.sessions, this.pool);
    this.peers = new SimulationPeers(nats);
    this.health = new EquipmentHealthLoops(config.analytics, this.pool, nats, logger);
    this.library = new ScenarioLibrary(db, publisher, async (request) => {
      const mode = (request.scenario as { mode?: unknown } | undefined)?.mode;
      await checker.check(request, mode === 'realtime' ? 'open' : 'run');
    });
    this.demoScenarios = config.demoScenarios;
    this.logger = logger;
  }

  scenarios(): Promise<ScenarioSummary[]> {
    return this.library.list();
  }

  scenario(name: string, version?: number): Promise<SavedScenario> {
    return this.library.show(name, version);
  }

  saveScenario(caller: Identity, body: unknown): Promise<SaveOutcome> {
    return this.library.save(caller, body);
  }

  /** Runs a saved scenario by name (a run, or a session when it is realtime), with overrides. */
  async runScenario(body: unknown, name?: string): Promise<RunAnswer | SessionStatus> {
    const run = parseRunByName(body, name);
    const saved = await this.library.show(run.name, run.version);
    const { request, ref } = requestToRun(saved, run);
    const mode = (request.scenario as { mode?: unknown } | undefined)?.mode;
    return mode === 'realtime'
      ? this.sessions.start(request, ref)
      : this.metrics.run(this.runner.run(request, ref));
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
    return this.metrics.run(this.runner.run(body));
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
      return {
        pool: this.pool.status(),
        runs: this.pool.jobs(),
        sessions: this.sessions.list(),
        health: this.health.status(),
      };
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
    await this.refreshInstances();
    this.instancesTimer = setInterval(() => void this.refreshInstances(), INSTANCES_REFRESH_MS);
    this.instancesTimer.unref();
    this.peers.serve((operation, id) => (operation === 'stop' ? this.stopHere(id) : this.statusHere(id)));
    await this.health.start();
    if (this.demoScenarios) await this.saveDemoScenarios();
  }

  /** The demo's scenarios into the library, as the simulation subsystem; one that cannot be saved is logged. */
  private async saveDemoScenarios(): Promise<void> {
    const simulation = { id: SIMULATION_IDENTITY, role: 'subsystem' as const };
    for (const { file, body } of demoScenarios()) {
      try {
        const { saved, unchanged } = await this.library.save(simulation, body);
        this.logger.info(
          { name: saved.name, version: saved.version, unchanged },
          'demo scenario in the library',
        );
      } catch (error) {
        const e = error as DxError;
        this.logger.warn(
          { file, code: e.code, err: e.message, details: e.details },
          'a demo scenario was not saved',
        );
      }
    }
  }

  /**
   * The equipment's design data from the plant's asset model (hub.assets), with the parameter units the
   * workers declare. Without assets, or when the store or the workers cannot answer, the library keeps
   * what it has (built-in values at first); a failure is logged, and the next refresh tries again.
   */
  private async refreshInstances(): Promise<void> {
    try {
      const [assets, described] = await Promise.all([readAssets(this.db), this.models()]);
      const models = (described.models ?? []) as {
        name: string;
        parameters?: { name: string; unit: string }[];
      }[];
      const units = new Map(
        models.map((m) => [m.name, Object.fromEntries((m.parameters ?? []).map((p) => [p.name, p.unit]))]),
      );
      this.instances.fromAssets(assets, (model) => units.get(model));
    } catch (error) {
      this.logger.warn(
        { err: error },
        'could not read the equipment design data from hub.assets; keeping what the library has',
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.instancesTimer) clearInterval(this.instancesTimer);
    this.peers.close();
    this.readable.stop();
    await this.health.close();
    await this.sessions.close();
    await this.pool.close();
  }
}
