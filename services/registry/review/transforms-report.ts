/**
 * The transforms of a version and what they mean for delivery: whether data still published with the
 * previous live major reaches this major's readers, and whether data published with this major
 * reaches the previous major's consumers. Warnings are given for the first version of a major, the
 * one that opens it: later versions of the major change nothing here.
 */
import { liveMajors, type ContractState } from '../../common/registry-state/index.js';
import { canConvert, type CandidateTransforms } from './conversion-path.js';
import type { TransformsReport } from './review.types.js';

export function transformsReport(
  contract: ContractState,
  major: number,
  opensMajor: boolean,
  candidate: CandidateTransforms,
): TransformsReport {
  const transforms = candidate.version === `${major}.0.0` ? candidate.transforms : undefined;
  const previousLiveMajor =
    liveMajors(contract)
      .filter((m) => m < major)
      .at(-1) ?? null;
  const own = {
    ...(transforms?.up ? { up: transforms.up } : {}),
    ...(transforms?.down ? { down: transforms.down } : {}),
  };
  if (previousLiveMajor === null) {
    return { ...own, previousLiveMajor, fromPrevious: false, toPrevious: false, warnings: [] };
  }
  const fromPrevious = canConvert(contract, previousLiveMajor, major, candidate);
  const toPrevious = canConvert(contract, major, previousLiveMajor, candidate);
  const warnings: string[] = [];
  if (opensMajor) {
    const readers = [...contract.consumers.entries()]
      .filter(([, majors]) => majors.includes(previousLiveMajor) && !majors.includes(major))
      .map(([consumer]) => consumer)
      .sort();
    if (!toPrevious) {
      warnings.push(
        `no ${major}.down transform: consumers of major ${previousLiveMajor}` +
          (readers.length ? ` (${readers.join(', ')})` : '') +
          ` will receive nothing published with major ${major}`,
      );
    }
    if (!fromPrevious) {
      warnings.push(
        `no ${major}.up transform: readers of major ${major} will receive nothing still published with major ${previousLiveMajor}`,
      );
    }
  }
  return { ...own, previousLiveMajor, fromPrevious, toPrevious, warnings };
}
