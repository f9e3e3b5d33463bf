/**
 * The console's check that a signed-in person may read a contract: the gateway's own rule (owner,
 * registered consumers, architects, the hub), against the console's copy of the registry.
 */
import { Injectable } from '@nestjs/common';
import { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import type { ContractState } from '../../common/registry-state/index.js';
import { mayRead, readsEverything } from '../../gateway/index.js';
import { RegistryView } from './registry-view.js';

@Injectable()
export class ReadCheck {
  constructor(private readonly registry: RegistryView) {}

  /** The contract, when `reader` may read it; READ_FORBIDDEN or CONTRACT_NOT_FOUND otherwise. */
  async contract(reader: Identity, contractId: string): Promise<ContractState> {
    let contract = this.registry.contract(contractId);
    if ((!contract || !mayRead(reader, contract)) && (await this.registry.refreshAfterMiss()))
      contract = this.registry.contract(contractId);
    if (!contract)
      throw new DxError('CONTRACT_NOT_FOUND', `there is no contract ${contractId}`, { contract: contractId });
    if (!mayRead(reader, contract)) {
      const owner = contract.descriptor.owner;
      throw new DxError(
        'READ_FORBIDDEN',
        `${reader.id} may not read ${contractId}: only its owner (${owner}), its registered consumers, ` +
          'architects and the hub may',
        { identity: reader.id, contract: contractId, owner, rule: 'owner-or-consumer' },
      );
    }
    return contract;
  }

  /** Whether `reader` may read it now (no error, no refresh): for live events already subscribed. */
  mayRead(reader: Identity, contractId: string): boolean {
    if (readsEverything(reader)) return true;
    const contract = this.registry.contract(contractId);
    return contract !== undefined && mayRead(reader, contract);
  }

  /** The ids of the contracts `reader` may read. */
  readable(reader: Identity): string[] {
    return this.registry
      .contracts()
      .filter((c) => mayRead(reader, c))
      .map((c) => c.descriptor.id);
  }
}
