/** Ownership changes only by an explicit act: proposed by the owner or an architect, approved by an architect. */
import { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { SUBSYSTEM_ID } from '../contracts/check-descriptor.js';
import { requireArchitect, requireContract, requireOwnerOrArchitect } from './registry-errors.js';
import type { RegistryEvent, RegistryState } from '../../common/registry-state/index.js';

export function decideProposeOwner(
  state: RegistryState,
  actor: Identity,
  contractId: string,
  newOwner: string,
  comment?: string,
): RegistryEvent[] {
  const contract = requireContract(state, contractId);
  requireOwnerOrArchitect(contract, actor, 'propose a new owner');
  if (!SUBSYSTEM_ID.test(newOwner) || newOwner === contract.descriptor.owner) {
    throw new DxError(
      'BAD_ARGUMENT',
      `the new owner must be another subsystem id, got ${JSON.stringify(newOwner)}`,
      {
        field: 'newOwner',
      },
    );
  }
  return [
    { type: 'owner-change-proposed', contract: contractId, actor: actor.id, comment, details: { newOwner } },
  ];
}

export function decideApproveOwner(
  state: RegistryState,
  actor: Identity,
  contractId: string,
  comment?: string,
): RegistryEvent[] {
  requireArchitect(actor, 'approve an owner change');
  const contract = requireContract(state, contractId);
  if (!contract.pendingOwner) {
    throw new DxError('INVALID_TRANSITION', `no owner change of ${contractId} is waiting for approval`, {
      contract: contractId,
    });
  }
  return [
    {
      type: 'owner-changed',
      contract: contractId,
      actor: actor.id,
      comment,
      details: { previousOwner: contract.descriptor.owner, newOwner: contract.pendingOwner.newOwner },
    },
  ];
}
