/** The registry's refusals, built in one place so codes and details stay the same everywhere. */
import { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import type {
  ContractState,
  VersionState,
  VersionStatus,
  RegistryState,
} from '../../common/registry-state/index.js';

export function requireContract(state: RegistryState, id: string): ContractState {
  const contract = state.contracts.get(id);
  if (!contract) throw new DxError('CONTRACT_NOT_FOUND', `there is no contract ${id}`, { contract: id });
  return contract;
}

export function requireVersion(contract: ContractState, version: string): VersionState {
  const found = contract.versions.find((v) => v.version === version);
  if (!found) {
    throw new DxError('VERSION_NOT_FOUND', `contract ${contract.descriptor.id} has no version ${version}`, {
      contract: contract.descriptor.id,
      version,
      known: contract.versions.map((v) => v.version),
    });
  }
  return found;
}

export function requireOwner(contract: ContractState, actor: Identity, what: string): void {
  if (actor.id !== contract.descriptor.owner) {
    throw new DxError(
      'FORBIDDEN',
      `only ${contract.descriptor.owner}, the owner of ${contract.descriptor.id}, may ${what}`,
      {
        contract: contract.descriptor.id,
        owner: contract.descriptor.owner,
        actor: actor.id,
      },
    );
  }
}

export function requireOwnerOrArchitect(contract: ContractState, actor: Identity, what: string): void {
  if (actor.role !== 'architect') requireOwner(contract, actor, what);
}

export function requireArchitect(actor: Identity, what: string): void {
  if (actor.role !== 'architect') {
    throw new DxError('FORBIDDEN', `only an architect may ${what}; ${actor.id} is a ${actor.role}`, {
      actor: actor.id,
      role: actor.role,
      required: 'architect',
    });
  }
}

export function requireStatus(
  version: VersionState,
  allowed: VersionStatus[],
  action: string,
  contract: string,
): void {
  if (!allowed.includes(version.status)) {
    throw new DxError(
      'INVALID_TRANSITION',
      `cannot ${action} ${contract} ${version.version}: it is ${version.status} (it must be ${allowed.join(' or ')})`,
      { contract, version: version.version, status: version.status, allowed },
    );
  }
}
