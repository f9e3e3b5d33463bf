/**
 * The registry's read model: its state folded from the registry's events in the store, so a service
 * needs no running registry to know the contracts. refresh() folds in what was recorded since, by any
 * registry instance (its readers call it when the registry announces a change on dx.registry.changed).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { JsonSchema } from '../schemas/json-schema.types.js';
import { readRegistryEvents } from './read-registry-events.js';
import { applyRegistryEvent, emptyRegistry, type RegistryState } from './registry-state.js';

export class RegistryReader {
  readonly state: RegistryState = emptyRegistry();

  constructor(protected readonly db: Kysely<DB>) {}

  /** Folds in every registry event recorded since the last refresh (by any instance). */
  async refresh(): Promise<void> {
    for (const event of await readRegistryEvents(this.db, this.state.position))
      applyRegistryEvent(this.state, event);
  }

  /** The schema of a contract version, whatever its status; undefined when the registry has none. */
  schemaOf(contractId: string, version: string): JsonSchema | undefined {
    return this.state.contracts.get(contractId)?.versions.find((v) => v.version === version)?.schema;
  }
}
