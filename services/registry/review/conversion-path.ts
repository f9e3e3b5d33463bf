/**
 * Whether the gateway can convert data between two majors of a contract: it applies, one major at a
 * time, `<m>.up` (m-1 to m) or `<m>.down` (m to m-1), kept with version `<m>.0.0` (see the gateway's
 * catalog). A reviewed candidate not recorded yet brings its own transforms.
 */
import type { ContractState } from '../../common/registry-state/index.js';

export interface CandidateTransforms {
  version: string;
  transforms?: { up?: string; down?: string };
}

export function canConvert(
  contract: ContractState,
  from: number,
  to: number,
  candidate?: CandidateTransforms,
): boolean {
  const direction = to > from ? 'up' : 'down';
  for (let major = from; major !== to; major += to > from ? 1 : -1) {
    const carrier = direction === 'up' ? major + 1 : major;
    if (!transformOf(contract, carrier, direction, candidate)) return false;
  }
  return true;
}

function transformOf(
  contract: ContractState,
  major: number,
  direction: 'up' | 'down',
  candidate?: CandidateTransforms,
): string | undefined {
  const first = `${major}.0.0`;
  if (candidate?.version === first) return candidate.transforms?.[direction];
  return contract.versions.find((v) => v.version === first)?.transforms?.[direction];
}
