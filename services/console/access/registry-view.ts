/**
 * The console's copy of the registry's state, folded from the registry's events in the store like the
 * gateway's, and refreshed when the registry announces a change on NATS. Listeners (the live streams)
 * hear of every change, so open consoles see a review decision at once.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import type { DB } from '../../common/db/schema.js';
import { SUBJECTS } from '../../common/nats/subjects.js';
import { KYSELY_DB } from '../../common/nest/database/database.tokens.js';
import { NATS_CONNECTION } from '../../common/nest/nats/nats.tokens.js';
import { liveMajors, RegistryReader, type ContractState } from '../../common/registry-state/index.js';

/** What the registry announced: the contract and the types of the events it recorded. */
export interface RegistryChange {
  contract: string;
  types: string[];
}

@Injectable()
export class RegistryView implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly registry: RegistryReader;
  private readonly listeners = new Set<(change: RegistryChange) => void>();
  private subscription?: Subscription;
  private lastMissRefresh = 0;

  constructor(
    @Inject(KYSELY_DB) db: Kysely<DB>,
    @Inject(NATS_CONNECTION) private readonly nats: NatsConnection,
  ) {
    this.registry = new RegistryReader(db);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.registry.refresh();
    this.subscription = this.nats.subscribe(SUBJECTS.registryChanged, {
      callback: (_error, message) => {
        let change: RegistryChange;
        try {
          change = message.json<RegistryChange>();
        } catch {
          return; // not the registry's announcement; nothing to pass on
        }
        // Refresh first, so that a console reloading on this news reads the new state.
        void this.registry
          .refresh()
          .catch(() => undefined)
          .then(() => {
            for (const listener of this.listeners) listener(change);
          });
      },
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  onChange(listener: (change: RegistryChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  contract(id: string): ContractState | undefined {
    return this.registry.state.contracts.get(id);
  }

  contracts(): ContractState[] {
    return [...this.registry.state.contracts.values()];
  }

  liveMajors(contract: ContractState): number[] {
    return liveMajors(contract);
  }

  /** Reads the registry again after a miss (a contract created a moment ago), at most once a second. */
  async refreshAfterMiss(): Promise<boolean> {
    if (Date.now() - this.lastMissRefresh <= 1000) return false;
    this.lastMissRefresh = Date.now();
    await this.registry.refresh();
    return true;
  }
}
