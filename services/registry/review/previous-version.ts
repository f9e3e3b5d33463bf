/**
 * The version a reviewer compares a version with: the newest earlier one of its major that was not
 * rejected; for the first version of a major, the newest live version of an earlier major (what its
 * consumers read today), else the newest earlier one not rejected.
 */
import {
  LIVE_STATUSES,
  compareSemver,
  majorOf,
  type ContractState,
  type VersionState,
} from '../../common/registry-state/index.js';

/** The versions before `version`, oldest first, rejected ones aside. */
export function earlierVersions(contract: ContractState, version: string): VersionState[] {
  return contract.versions.filter((v) => v.status !== 'rejected' && compareSemver(v.version, version) < 0);
}

/** The earlier versions of the same major: what the compatibility mode checks against. */
export function earlierInMajor(contract: ContractState, version: string): VersionState[] {
  const major = majorOf(version);
  return earlierVersions(contract, version).filter((v) => v.major === major);
}

export function previousVersion(contract: ContractState, version: string): VersionState | undefined {
  const inMajor = earlierInMajor(contract, version).at(-1);
  if (inMajor) return inMajor;
  const earlier = earlierVersions(contract, version);
  return earlier.filter((v) => LIVE_STATUSES.includes(v.status)).at(-1) ?? earlier.at(-1);
}
