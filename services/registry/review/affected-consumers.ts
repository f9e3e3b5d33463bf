/** The registered consumers of a contract and what each major they read gets of a version's data. */
import type { ContractState } from '../../common/registry-state/index.js';
import { canConvert, type CandidateTransforms } from './conversion-path.js';
import type { AffectedConsumer } from './review.types.js';

export function affectedConsumers(
  contract: ContractState,
  major: number,
  candidate: CandidateTransforms,
): AffectedConsumer[] {
  return [...contract.consumers.entries()]
    .map(([consumer, majors]) => ({
      consumer,
      majors,
      receives: majors.map((read) => ({
        major: read,
        how:
          read === major
            ? ('as-is' as const)
            : canConvert(contract, major, read, candidate)
              ? ('converted' as const)
              : ('nothing' as const),
      })),
    }))
    .sort((a, b) => a.consumer.localeCompare(b.consumer));
}
