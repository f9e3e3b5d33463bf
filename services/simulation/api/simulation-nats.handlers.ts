/**
 * The simulation over NATS request/reply: dx.sim.run, dx.sim.start, dx.sim.stop, dx.sim.status and
 * dx.sim.models, shared by the service's instances through the dx-simulation queue group. Replies are
 * {ok:true, result} or {ok:false, error:{code, message, details}}.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { optionalString, requiredString, type Body } from '../../common/http/request-fields.js';
import { serveOperations } from '../../common/nats/serve-operations.js';
import { QUEUE_GROUPS, SUBJECTS } from '../../common/nats/subjects.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { SimulationService } from './simulation.service.js';

type Handler = (body: Body) => Promise<unknown> | unknown;

@Injectable()
export class SimulationNatsHandlers implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: Subscription;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
    private readonly simulation: SimulationService,
  ) {}

  private readonly handlers: Record<string, Handler> = {
    run: (b) => this.simulation.run(b),
    start: (b) => this.simulation.start(b),
    stop: (b) => this.simulation.stop(requiredString(b, 'id')),
    status: (b) => this.simulation.status(optionalString(b, 'id')),
    models: () => this.simulation.models(),
  };

  onApplicationBootstrap(): void {
    this.subscription = serveOperations(this.nats, {
      prefix: SUBJECTS.sim(''),
      queue: QUEUE_GROUPS.simulation,
      service: 'simulation service',
      operations: this.handlers,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.drain().catch(() => undefined);
  }
}
