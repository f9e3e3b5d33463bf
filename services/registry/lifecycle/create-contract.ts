/** Deciding the creation of a contract: its owner (or an architect) declares it once. */
import { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import type { ContractDescriptor } from '../contracts/contract.types.js';
import { jsonDifferences } from './json-difference.js';
import type { RegistryEvent, RegistryState } from '../../common/registry-state/index.js';

export function decideCreateContract(
  state: RegistryState,
  actor: Identity,
  descriptor: ContractDescriptor,
): RegistryEvent[] {
  const existing = state.contracts.get(descriptor.id);
  if (existing) {
    const differences = jsonDifferences(existing.descriptor, descriptor);
    if (differences.length === 0) return [];
    const ownerChange = differences.some((d) => d.pointer === '/owner');
    throw new DxError(
      'CONTRACT_EXISTS',
      ownerChange
        ? `${descriptor.id} is owned by ${existing.descriptor.owner}; ownership changes only through an architect-approved owner change`
        : `${descriptor.id} already exists with another descriptor (first difference at ${differences[0]!.pointer})`,
      { contract: descriptor.id, differences },
    );
  }
  if (actor.role !== 'architect' && actor.id !== descriptor.owner) {
    throw new DxError(
      'FORBIDDEN',
      `${actor.id} cannot create ${descriptor.id}: its descriptor names ${descriptor.owner} as owner`,
      {
        contract: descriptor.id,
        owner: descriptor.owner,
        actor: actor.id,
      },
    );
  }
  return [{ type: 'contract-created', contract: descriptor.id, actor: actor.id, details: { descriptor } }];
}
