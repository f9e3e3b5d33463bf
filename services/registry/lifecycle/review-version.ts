/** Deciding a review: only architects approve or reject a proposed version, always with a comment on rejection. */
import { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import { requireArchitect, requireContract, requireStatus, requireVersion } from './registry-errors.js';
import type { RegistryEvent, RegistryState } from '../../common/registry-state/index.js';

/** Approval makes the version active at once: there is no separate activation step. */
export function decideApprove(
  state: RegistryState,
  actor: Identity,
  contractId: string,
  version: string,
  comment?: string,
): RegistryEvent[] {
  requireArchitect(actor, 'approve a contract version');
  const contract = requireContract(state, contractId);
  requireStatus(requireVersion(contract, version), ['proposed'], 'approve', contractId);
  return [
    { type: 'version-approved', contract: contractId, version, actor: actor.id, comment, details: {} },
    { type: 'version-activated', contract: contractId, version, actor: actor.id, details: {} },
  ];
}

export function decideReject(
  state: RegistryState,
  actor: Identity,
  contractId: string,
  version: string,
  comment: string | undefined,
): RegistryEvent[] {
  requireArchitect(actor, 'reject a contract version');
  const contract = requireContract(state, contractId);
  requireStatus(requireVersion(contract, version), ['proposed'], 'reject', contractId);
  if (!comment?.trim()) {
    throw new DxError('BAD_ARGUMENT', 'a rejection needs a comment that tells the owner why', {
      field: 'comment',
      rule: 'required',
    });
  }
  return [{ type: 'version-rejected', contract: contractId, version, actor: actor.id, comment, details: {} }];
}
