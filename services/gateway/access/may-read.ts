/**
 * Who may read a contract's history (dx.replay) and latest values (dx.cache.get, GET /api/v1/data):
 * its owner, a subsystem registered to consume it (any major: the gateway converts), architects, who
 * review the data, and the hub's own services. The broker's `dx.data` permissions follow the same
 * registry; these are the rules for the reads it cannot see into.
 */
import { HUB_IDENTITY, type Identity } from '../../common/identity/identity.types.js';
import type { ContractState } from '../../common/registry-state/index.js';

/** Architects and the hub read every contract, including ones the registry does not know. */
export function readsEverything(reader: Identity): boolean {
  return reader.role === 'architect' || reader.id === HUB_IDENTITY;
}

export function mayRead(reader: Identity, contract: ContractState): boolean {
  return (
    readsEverything(reader) || contract.descriptor.owner === reader.id || contract.consumers.has(reader.id)
  );
}
