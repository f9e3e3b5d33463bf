/**
 * The contracts the simulation subsystem may read (as live inputs or initial conditions): those it is
 * registered to consume in the registry, folded from the store and refreshed when the registry
 * announces a change, plus any named in DX_SIM_READS (an operator's explicit addition).
 */
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { SIMULATION_IDENTITY } from '../../common/identity/identity.types.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { RegistryReader } from '../../common/registry-state/index.js';

export class ReadableContracts {
  private readonly registry: RegistryReader;
  private subscription?: Subscription;

  constructor(
    db: Kysely<DB>,
    private readonly nats: NatsConnection,
    private readonly extra: readonly string[],
  ) {
    this.registry = new RegistryReader(db);
  }

  async start(): Promise<void> {
    await this.registry.refresh();
    this.subscription = this.nats.subscribe(SUBJECTS.registryChanged, {
      callback: () => void this.registry.refresh().catch(() => undefined),
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }

  list(): string[] {
    const registered = [...this.registry.state.contracts.values()]
      .filter((c) => c.consumers.has(SIMULATION_IDENTITY))
      .map((c) => c.descriptor.id);
    return [...new Set([...registered, ...this.extra])].sort();
  }
}
