/** The registry's state as its API shows it: plain JSON, maps turned into lists. */
import type { PublishedContract } from '../asyncapi/published-contract.types.js';
import type { ContractDescriptor } from '../contracts/contract.types.js';
import {
  liveVersions,
  type ContractState,
  type Transition,
  type VersionStatus,
} from '../../common/registry-state/index.js';

export interface VersionView {
  version: string;
  major: number;
  status: VersionStatus;
  digest: string;
  sunset?: string;
  history: Transition[];
  hasTransforms: boolean;
}

export interface ContractView {
  descriptor: ContractDescriptor;
  createdAt: string;
  versions: VersionView[];
  consumers: { consumer: string; majors: number[]; units?: Record<string, string> }[];
  pendingOwner?: { newOwner: string; by: string; at: string };
}

export function contractView(contract: ContractState): ContractView {
  return {
    descriptor: contract.descriptor,
    createdAt: contract.createdAt,
    versions: contract.versions.map((v) => ({
      version: v.version,
      major: v.major,
      status: v.status,
      digest: v.digest,
      sunset: v.sunset,
      history: v.history,
      hasTransforms: Boolean(v.transforms),
    })),
    consumers: consumersOf(contract),
    ...(contract.pendingOwner ? { pendingOwner: contract.pendingOwner } : {}),
  };
}

/** Only what is live: what documentation and delivery are about. */
export function publishedContract(contract: ContractState): PublishedContract {
  return {
    descriptor: contract.descriptor,
    versions: liveVersions(contract).map((v) => ({
      version: v.version,
      major: v.major,
      status: v.status,
      sunset: v.sunset,
      schema: v.schema,
      ...(v.transforms ? { transforms: v.transforms } : {}),
    })),
    consumers: consumersOf(contract),
  };
}

function consumersOf(contract: ContractState): ContractView['consumers'] {
  return [...contract.consumers.entries()]
    .map(([consumer, majors]) => {
      const units = contract.consumerUnits.get(consumer);
      return units ? { consumer, majors, units } : { consumer, majors };
    })
    .sort((a, b) => a.consumer.localeCompare(b.consumer));
}
