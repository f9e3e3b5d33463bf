/** The versions waiting for an architect's review, oldest proposal first. */
import type { RegistryState } from '../../common/registry-state/index.js';

export interface PendingProposal {
  contract: string;
  owner: string;
  version: string;
  proposedBy: string;
  proposedAt: string;
  comment?: string;
}

export function pendingProposals(state: RegistryState): PendingProposal[] {
  return [...state.contracts.values()]
    .flatMap((contract) =>
      contract.versions
        .filter((v) => v.status === 'proposed')
        .map((v) => ({
          contract: contract.descriptor.id,
          owner: contract.descriptor.owner,
          version: v.version,
          proposedBy: v.history[0]?.by ?? contract.descriptor.owner,
          proposedAt: v.history[0]?.at ?? contract.createdAt,
          ...(v.history[0]?.comment ? { comment: v.history[0].comment } : {}),
        })),
    )
    .sort((a, b) => a.proposedAt.localeCompare(b.proposedAt) || a.contract.localeCompare(b.contract));
}
