/**
 * Deprecation and retirement. A version is deprecated with a sunset date, then retired. Retiring the
 * last live version of a major that a registered consumer still reads is refused, naming them.
 */
import { DxError } from '../../common/errors/dx-error.js';
import type { Identity } from '../../common/identity/identity.types.js';
import {
  requireContract,
  requireOwnerOrArchitect,
  requireStatus,
  requireVersion,
} from './registry-errors.js';
import {
  liveVersions,
  type ContractState,
  type RegistryEvent,
  type RegistryState,
} from '../../common/registry-state/index.js';

export function decideDeprecate(
  state: RegistryState,
  actor: Identity,
  contractId: string,
  version: string,
  sunset: string,
  comment?: string,
): RegistryEvent[] {
  const contract = requireContract(state, contractId);
  requireOwnerOrArchitect(contract, actor, 'deprecate its versions');
  requireStatus(requireVersion(contract, version), ['active'], 'deprecate', contractId);
  const date = new Date(sunset);
  if (Number.isNaN(date.getTime())) {
    throw new DxError('BAD_ARGUMENT', `sunset must be an ISO 8601 date, got ${JSON.stringify(sunset)}`, {
      field: 'sunset',
      rule: 'format',
      expected: 'date-time',
    });
  }
  return [
    {
      type: 'version-deprecated',
      contract: contractId,
      version,
      actor: actor.id,
      comment,
      details: { sunset: date.toISOString() },
    },
  ];
}

export function decideRetire(
  state: RegistryState,
  actor: Identity,
  contractId: string,
  version: string,
  comment?: string,
): RegistryEvent[] {
  const contract = requireContract(state, contractId);
  requireOwnerOrArchitect(contract, actor, 'retire its versions');
  const target = requireVersion(contract, version);
  requireStatus(target, ['deprecated'], 'retire', contractId);
  const lastOfMajor = liveVersions(contract).every((v) => v.major !== target.major || v.version === version);
  if (lastOfMajor) {
    const consumers = consumersOfMajor(contract, target.major);
    if (consumers.length > 0) {
      throw new DxError(
        'CONSUMERS_STILL_DEPEND',
        `cannot retire ${contractId} ${version}: it is the last live version of major ${target.major}, which ${consumers.join(', ')} still read`,
        { contract: contractId, version, major: target.major, consumers },
      );
    }
  }
  return [{ type: 'version-retired', contract: contractId, version, actor: actor.id, comment, details: {} }];
}

export interface RetirementAnswer {
  canRetire: boolean;
  reasons: string[];
  consumers: string[];
}

/** Whether a whole major could be retired now, and why not. */
export function canRetireMajor(state: RegistryState, contractId: string, major: number): RetirementAnswer {
  const contract = requireContract(state, contractId);
  const versions = contract.versions.filter((v) => v.major === major);
  if (versions.length === 0) {
    return { canRetire: false, reasons: [`${contractId} has no major ${major}`], consumers: [] };
  }
  const consumers = consumersOfMajor(contract, major);
  const reasons = consumers.map((c) => `consumer ${c} is registered for major ${major}`);
  const newer = contract.versions.some((v) => v.major > major && ['active', 'deprecated'].includes(v.status));
  if (!newer) reasons.push(`no newer major is live: producers would have nothing to publish on`);
  return { canRetire: reasons.length === 0, reasons, consumers };
}

function consumersOfMajor(contract: ContractState, major: number): string[] {
  return [...contract.consumers.entries()]
    .filter(([, majors]) => majors.includes(major))
    .map(([consumer]) => consumer)
    .sort();
}
