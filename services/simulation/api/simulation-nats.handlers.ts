/**
 * The simulation over NATS request/reply: dx.sim.run, dx.sim.start, dx.sim.stop, dx.sim.status,
 * dx.sim.models and the scenario library (dx.sim.scenarios-list, -show, -save, -run), shared by the
 * service's instances through the dx-simulation queue group. Saving carries the caller's token in the
 * `authorization` header ("Bearer <token>"), as registry changes do: a name belongs to who saved it.
 * Replies are {ok:true, result} or {ok:false, error:{code, message, details}}.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { DxError } from '../../common/errors/dx-error.js';
import { bearerToken } from '../../common/http/bearer-token.js';
import { IDENTITY_DIRECTORY } from '../../common/http/identity.guard.js';
import { optionalString, requiredString, type Body } from '../../common/http/request-fields.js';
import type { IdentityDirectory } from '../../common/identity/identity-directory.js';
import { serveOperations } from '../../common/nats/serve-operations.js';
import { HEADERS, QUEUE_GROUPS, SUBJECTS } from '../../common/nats/subjects.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { SimulationService } from './simulation.service.js';

type Handler = (body: Body, msg: Msg) => Promise<unknown> | unknown;

@Injectable()
export class SimulationNatsHandlers implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: Subscription;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    @Inject(IDENTITY_DIRECTORY) private readonly identities: IdentityDirectory,
    private readonly simulation: SimulationService,
  ) {}

  private readonly handlers: Record<string, Handler> = {
    run: (b) => this.simulation.run(b),
    start: (b) => this.simulation.start(b),
    stop: (b) => this.simulation.stop(requiredString(b, 'id')),
    status: (b) => this.simulation.status(optionalString(b, 'id')),
    models: () => this.simulation.models(),
    'scenarios-list': () => this.simulation.scenarios(),
    'scenarios-show': (b) => this.simulation.scenario(requiredString(b, 'name'), optionalVersion(b)),
    'scenarios-save': (b, msg) =>
      this.simulation.saveScenario(
        this.identities.authenticate(bearerToken(msg.headers?.get(HEADERS.authorization))),
        b,
      ),
    'scenarios-run': (b) => this.simulation.runScenario(b),
  };

  /** Serves the operations; app.init() resolves once the server has the subscription (requests then find it). */
  async onApplicationBootstrap(): Promise<void> {
    this.subscription = serveOperations(this.nats, {
      prefix: SUBJECTS.sim(''),
      queue: QUEUE_GROUPS.simulation,
      service: 'simulation service',
      operations: this.handlers,
    });
    await this.nats.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.drain().catch(() => undefined);
  }
}

function optionalVersion(body: Body): number | undefined {
  const version = body.version;
  if (version === undefined) return undefined;
  if (!Number.isSafeInteger(version) || (version as number) < 1)
    throw new DxError('BAD_ARGUMENT', 'version must be an integer >= 1', {
      pointer: '/version',
      rule: 'type',
      expected: 'integer >= 1',
    });
  return version as number;
}
